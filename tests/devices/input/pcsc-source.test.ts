/**
 * PC/SC end to end on this machine: Debian's pcscd (started here, in the
 * foreground, stopped by its pid) with the vsmartcard-vpcd virtual reader,
 * the real `smartcard` binding, and a virtual card from tests/helpers.
 * .ci/run installs pcscd, vsmartcard-vpcd and libpcsclite-dev.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { startPcscSource, type PcscStatus } from '../../../src/devices/input/pcsc-source';
import type { ScanEvent } from '../../../src/devices/input/scan-event';
import { putVirtualCard } from '../../helpers/virtual-card';

let daemon: ChildProcess | null = null;

function startDaemon(): void {
  const found = spawnSync('sh', ['-c', 'command -v pcscd']).status === 0;
  if (!found) throw new Error('pcscd is not installed (apt-get install pcscd vsmartcard-vpcd libpcsclite-dev, as .ci/run does)');
  spawnSync('pkill', ['-x', 'pcscd']); // one daemon per machine: a leftover one would own the socket
  daemon = spawn('pcscd', ['-f'], { stdio: 'ignore' });
}

function stopDaemon(): Promise<void> {
  const running = daemon;
  daemon = null;
  if (!running || running.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    running.once('exit', () => resolve());
    running.kill('SIGTERM');
  });
}

afterAll(stopDaemon);

describe('PC/SC card reader through pcscd', () => {
  it('reads the virtual card\'s UID, and reports a stopped and a restarted daemon without failing', { timeout: 60_000 }, async () => {
    const statuses: PcscStatus[] = [];
    const cards: ScanEvent[] = [];
    const waitFor = async (check: () => boolean, what: string) => {
      await expect.poll(check, { timeout: 20_000, message: what }).toBe(true);
    };

    // No daemon yet: a status, not a crash.
    spawnSync('pkill', ['-x', 'pcscd']);
    const stop = startPcscSource({ card: (e) => cards.push(e), status: (s) => statuses.push(s) }, { retryMs: 300 });
    try {
      await waitFor(() => statuses.some((s) => s.state === 'no-daemon'), 'no-daemon status');

      startDaemon();
      await waitFor(() => statuses.some((s) => s.state === 'ready' && s.readers.some((r) => r.startsWith('Virtual PCD'))), 'the virtual reader');

      const card = await putVirtualCard('04A1B2C3D4E5F6');
      await waitFor(() => cards.length === 1, 'a card event');
      expect(cards).toEqual([{ kind: 'card', uid: '04A1B2C3D4E5F6' }]);
      expect(card.apdus).toContain('ffca000000');
      await card.remove();

      const again = await putVirtualCard('AABBCCDD');
      await waitFor(() => cards.length === 2, 'a second card');
      expect(cards[1]).toEqual({ kind: 'card', uid: 'AABBCCDD' });
      await again.remove();

      await stopDaemon();
      const before = statuses.length;
      await waitFor(() => statuses.slice(before).some((s) => s.state === 'no-daemon' || s.state === 'no-reader'), 'the daemon gone');

      startDaemon();
      await waitFor(() => statuses.at(-1)?.state === 'ready', 'ready again after pcscd restarted');
    } finally {
      stop();
    }
  });
});
