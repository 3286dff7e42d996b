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

/** No pcscd at all, and none still exiting: one daemon per machine owns the socket and vpcd's port. */
async function noDaemons(): Promise<void> {
  spawnSync('pkill', ['-x', 'pcscd']);
  for (let i = 0; i < 100 && spawnSync('pgrep', ['-x', 'pcscd']).status === 0; i++) await new Promise((r) => setTimeout(r, 100));
}

async function startDaemon(): Promise<void> {
  const found = spawnSync('sh', ['-c', 'command -v pcscd']).status === 0;
  if (!found) throw new Error('pcscd is not installed (apt-get install pcscd vsmartcard-vpcd libpcsclite-dev, as .ci/run does)');
  await noDaemons();
  daemon = spawn('pcscd', ['-f'], { stdio: 'ignore' });
}

async function stopDaemon(): Promise<void> {
  const running = daemon;
  daemon = null;
  if (running && running.exitCode === null) {
    await new Promise((resolve) => {
      running.once('exit', resolve);
      running.kill('SIGTERM');
    });
  }
  await noDaemons();
}

function daemons(): string {
  return spawnSync('pgrep', ['-a', 'pcscd'], { encoding: 'utf8' }).stdout.trim() || 'none';
}

afterAll(stopDaemon);

/** pcscd is up and has loaded the virtual reader (asked from another process, as a technician's `adm input list` would). */
async function daemonReady(): Promise<void> {
  const probe = "const { Context } = require('smartcard'); const c = new Context(); console.log(c.listReaders().map((r) => r.name).join('|')); c.close();";
  await expect
    .poll(() => spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' }).stdout, { timeout: 20_000 })
    .toContain('Virtual PCD 00 00');
}

describe('PC/SC card reader through pcscd', () => {
  it('says so when pcscd is not running, without failing', { timeout: 30_000 }, async () => {
    await noDaemons();
    const statuses: PcscStatus[] = [];
    const stop = startPcscSource({ card: () => {}, status: (s) => statuses.push(s) }, { retryMs: 300 });
    try {
      await expect.poll(() => statuses.some((s) => s.state === 'no-daemon'), { timeout: 10_000 }).toBe(true);
    } finally {
      stop();
    }
  });

  it('reads the virtual card\'s UID, card after card, and reports the daemon stopping', { timeout: 60_000 }, async () => {
    const statuses: PcscStatus[] = [];
    const cards: ScanEvent[] = [];
    const waitFor = async (check: () => boolean, what: string) => {
      try {
        await expect.poll(check, { timeout: 20_000 }).toBe(true);
      } catch (error) {
        throw new Error(`${what}: not seen; statuses so far ${JSON.stringify(statuses)}, cards ${JSON.stringify(cards)}, pcscd: ${daemons()}`, {
          cause: error,
        });
      }
    };

    await startDaemon();
    await daemonReady();
    const stop = startPcscSource({ card: (e) => cards.push(e), status: (s) => statuses.push(s) }, { retryMs: 300 });
    try {
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

      const before = statuses.length;
      await stopDaemon();
      await waitFor(() => statuses.slice(before).some((s) => s.state === 'no-daemon' || s.state === 'no-reader'), 'the daemon gone');
    } finally {
      stop();
    }
  });
});
