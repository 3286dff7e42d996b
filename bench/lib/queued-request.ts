/**
 * Request number `i` as the benchmarks queue it: Surat Keterangan Penduduk
 * for the demo residents in turn, with the PIN it would be sent with.
 */
import { randomBytes } from 'node:crypto';
import type { KioskCore } from '../../src/main/core';
import type { NewLetterRequest } from '../../src/main/outbox/outbox-store';
import { LETTERS, RESIDENTS } from '../../tools/opensid-sim/seed';

const letter = LETTERS.find((l) => l.kode === 'S-02')!;

export function queuedRequest(i: number, serverTarget: string | null): { request: NewLetterRequest; pin: string } {
  const resident = RESIDENTS[i % RESIDENTS.length]!;
  return {
    request: {
      reference: `BENCH-${i}-${randomBytes(3).toString('hex')}`,
      kioskName: 'ADM-01',
      letterId: letter.id,
      letterSlug: letter.slug,
      letterName: letter.nama,
      residentNik: resident.nik,
      residentName: resident.nama,
      answers: { keperluan: `Keperluan ${i}` },
      requirements: { 2: '-1', 3: '-1' },
      phone: '081234567890',
      note: null,
      verified: false,
      serverTarget,
    },
    pin: resident.pin,
  };
}

/** Queues `count` such requests in one transaction, for the core's configured server. */
export function enqueueRequests(core: KioskCore, count: number): void {
  const target = core.serverTarget();
  core.db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const { request, pin } = queuedRequest(i, target);
      core.outbox.enqueue(request, { kind: 'pin', pin });
    }
  })();
  if (core.outbox.counts().pending !== count) throw new Error(`expected ${count} pending`);
}
