/**
 * PC/SC end to end on this machine: Debian's pcscd (tests/helpers/pcscd.ts)
 * with the vsmartcard-vpcd virtual reader, the real `smartcard` binding, and
 * a virtual card from tests/helpers/virtual-card.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startPcscSource, type PcscStatus } from '../../../src/devices/input/pcsc-source';
import type { ScanEvent } from '../../../src/devices/input/scan-event';
import { noPcscDaemons, pcscDaemons, pcscReaderReady, startPcscDaemon, stopPcscDaemon, VIRTUAL_READER } from '../../helpers/pcscd';
import { putVirtualCard } from '../../helpers/virtual-card';

afterAll(stopPcscDaemon);

describe('PC/SC card reader through pcscd', () => {
  it('says so when pcscd is not running, without failing', { timeout: 30_000 }, async () => {
    await noPcscDaemons();
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
        throw new Error(`${what}: not seen; statuses so far ${JSON.stringify(statuses)}, cards ${JSON.stringify(cards)}, pcscd: ${pcscDaemons()}`, {
          cause: error,
        });
      }
    };

    await startPcscDaemon();
    await pcscReaderReady();
    const stop = startPcscSource({ card: (e) => cards.push(e), status: (s) => statuses.push(s) }, { retryMs: 300 });
    try {
      await waitFor(() => statuses.some((s) => s.state === 'ready' && s.readers.some((r) => r.startsWith('Virtual PCD'))), 'the virtual reader');

      const onReader = (s: PcscStatus | undefined) => (s?.state === 'ready' ? s.cards : null);
      const card = await putVirtualCard('04A1B2C3D4E5F6');
      await waitFor(() => cards.length === 1, 'a card event');
      expect(cards).toEqual([{ kind: 'card', uid: '04A1B2C3D4E5F6' }]);
      expect(card.apdus).toContain('ffca000000');
      expect(onReader(statuses.at(-1))).toEqual([VIRTUAL_READER]);
      await card.remove(); // the card lifted (vpcd: the virtual card's connection ends)
      await waitFor(() => onReader(statuses.at(-1))?.length === 0, 'the card removed');

      const again = await putVirtualCard('AABBCCDD');
      await waitFor(() => cards.length === 2, 'a second card');
      expect(cards[1]).toEqual({ kind: 'card', uid: 'AABBCCDD' });
      await again.remove();

      const before = statuses.length;
      await stopPcscDaemon();
      await waitFor(() => statuses.slice(before).some((s) => s.state === 'no-daemon' || s.state === 'no-reader'), 'the daemon gone');
    } finally {
      stop();
    }
  });
});
