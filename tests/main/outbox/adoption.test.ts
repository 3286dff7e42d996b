import { describe, expect, it } from 'vitest';
import { adoptionCandidates, isInDoubt, serverRowOwners } from '../../../src/main/outbox/adoption';
import type { OutboxRequest } from '../../../src/main/outbox/outbox-store';
import type { ServerRequest } from '../../../src/main/village/types';

const row = (id: number, letterName = 'Surat Keterangan Penduduk'): ServerRequest => ({
  id,
  letterName,
  statusCode: 1,
  statusLabel: 'Sedang Diperiksa',
  submittedAt: '2026-03-02 10:00:00',
});

function local(overrides: Partial<OutboxRequest>): OutboxRequest {
  return {
    id: 1,
    reference: 'R1',
    createdAt: '2026-03-02T03:00:00.000Z',
    kioskName: 'ADM-01',
    letterId: 2,
    letterSlug: 'surat-keterangan-penduduk',
    letterName: 'Surat Keterangan Penduduk',
    residentNik: '3201010101010001',
    residentName: 'Budi',
    answers: {},
    requirements: {},
    phone: null,
    note: null,
    verified: true,
    syncState: 'pending',
    queueNumber: 'A-001',
    serverId: null,
    serverStatus: null,
    attempts: 1,
    nextAttemptAt: '2026-03-02T03:00:00.000Z',
    attemptStartedAt: '2026-03-02T03:00:00.000Z',
    attemptMark: 10,
    doubtUntil: null,
    lastError: null,
    resolvedAt: null,
    purgedAt: null,
    serverTarget: null,
    phoneFromOffice: false,
    candidates: [],
    ...overrides,
  };
}

describe('the adoption rule', () => {
  it('takes only rows above the mark, of the same letter, not taken by another request, oldest first', () => {
    const rows = [row(14), row(9), row(10), row(12, 'Surat Pindah'), row(11), row(13)];
    const candidates = adoptionCandidates(rows, { letterName: 'Surat Keterangan Penduduk' }, 10, (id) => id === 13);
    expect(candidates.map((r) => r.id)).toEqual([11, 14]);
  });

  it('is in doubt only while waiting with a mark', () => {
    expect(isInDoubt(local({}))).toBe(true);
    expect(isInDoubt(local({ attemptMark: null }))).toBe(false);
    expect(isInDoubt(local({ syncState: 'parked' }))).toBe(false);
  });

  it('shows a request in doubt once, as the server row it must be, and never a row another request owns', () => {
    const sent = local({ id: 1, reference: 'SENT', syncState: 'synced', serverId: 11, attemptMark: null });
    const inDoubt = local({ id: 2, reference: 'DOUBT', attemptMark: 10 });
    const owners = serverRowOwners([sent, inDoubt], [row(12), row(11), row(9)]);
    expect(owners.byServerId.get(11)?.reference).toBe('SENT');
    expect(owners.byServerId.get(12)?.reference).toBe('DOUBT');
    expect([...owners.inDoubtOnServer]).toEqual(['DOUBT']);
  });

  it('guesses nothing when several rows could be the request', () => {
    const owners = serverRowOwners([local({ reference: 'DOUBT', attemptMark: 10 })], [row(12), row(11)]);
    expect(owners.byServerId.size).toBe(0);
    expect(owners.inDoubtOnServer.size).toBe(0);
  });

  it('lets two requests in doubt for one letter share no row: the first takes it, the second sees none left', () => {
    const first = local({ id: 1, reference: 'FIRST', attemptMark: 10 });
    const second = local({ id: 2, reference: 'SECOND', attemptMark: 10 });
    const owners = serverRowOwners([first, second], [row(11)]);
    expect(owners.byServerId.get(11)?.reference).toBe('FIRST');
    expect([...owners.inDoubtOnServer]).toEqual(['FIRST']);
  });
});
