import { describe, expect, it } from 'vitest';
import { outboxProblem } from '../../../src/main/outbox/last-error';
import { MESSAGES } from '../../../src/main/outbox/sync-messages';

describe('why a request is not sent, as a code to word', () => {
  it.each([
    ['submit: ECONNREFUSED', 'unreachable'],
    ['login: ENOTFOUND', 'unreachable'],
    ['list: EAI_AGAIN', 'unreachable'],
    ['list: EHOSTUNREACH', 'unreachable'],
    ['submit: the village server did not answer in time', 'timeout'],
    ['login: UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['submit: ECONNRESET', 'dropped'],
    ['submit: UND_ERR_SOCKET', 'dropped'],
    ['list: fetch failed', 'dropped'],
    ['list: Server Error', 'server-error'],
    ['submit: HTTP 502', 'server-error'],
    ['login: Token not provided', 'server-unavailable'],
    ['list: Unauthenticated.', 'signed-out'],
    ['login: Terlalu banyak percobaan, coba lagi dalam 300 detik', 'locked'],
  ])('%s is %s, with the raw text kept', (lastError, code) => {
    expect(outboxProblem(lastError)).toEqual({ code, detail: lastError });
  });

  it("keeps the server's refusal and the kiosk's own sentences as they are", () => {
    expect(outboxProblem('Ditolak server desa: keperluan: Keperluan wajib diisi.')).toEqual({ code: 'refused', detail: 'keperluan: Keperluan wajib diisi.' });
    expect(outboxProblem(MESSAGES.wrongPin)).toEqual({ code: 'note', detail: MESSAGES.wrongPin });
    expect(outboxProblem('ditahan petugas')).toEqual({ code: 'note', detail: 'ditahan petugas' });
    expect(outboxProblem(null)).toBeNull();
  });
});
