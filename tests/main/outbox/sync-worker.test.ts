import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/main/outbox/sync-messages';
import type { RequestSecret } from '../../../src/main/outbox/outbox-store';
import { createOpensidClient } from '../../../src/main/village/opensid-client';
import { LETTERS } from '../../../tools/opensid-sim/seed';
import { BUDI, KETERANGAN_PENDUDUK, SITI, createOutboxRig, newRequest, pinOf, type OutboxRig } from '../../helpers/outbox-rig';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
let rig: OutboxRig;
afterEach(async () => {
  await rig?.close();
});

function serverRowsFor(reference: string) {
  return rig.sim.requests().filter((r) => r.isianForm?.includes(reference));
}

/** A signed-in session's credentials, as `requests.submit` seals them. */
async function onlineSecret(resident = BUDI, lifetimeMs?: number): Promise<RequestSecret> {
  const login = await createOpensidClient({ baseUrl: rig.sim.url }).login(resident.nik, resident.pin);
  if (!login.ok) throw new Error('login failed');
  const expiresAt = new Date(rig.now().getTime() + (lifetimeMs ?? login.value.expiresIn * 1000));
  return { kind: 'token', token: login.value.token, expiresAt, pin: resident.pin };
}

/** Another channel (the web, the app, another kiosk) sends a request for the resident. */
async function submitElsewhere(letter = KETERANGAN_PENDUDUK, resident = BUDI): Promise<number> {
  const client = createOpensidClient({ baseUrl: rig.sim.url });
  const login = await client.login(resident.nik, resident.pin);
  if (!login.ok) throw new Error('login failed');
  const sent = await client.submitRequest(login.value.token, {
    slug: letter.slug,
    letterId: letter.id,
    // Every required field answered, as another channel's form would.
    answers: Object.fromEntries(letter.fields.filter((f) => f.required).map((f) => [f.name, f.values?.[0]?.value ?? 'Dari tempat lain'])),
    requirements: Object.fromEntries(letter.syarat.map((id) => [String(id), '-1'])),
    phone: '081234567890',
    note: null,
    reference: 'ELSEWHERE',
  });
  if (!sent.ok) throw new Error(`submit failed: ${sent.error.message}`);
  return sent.value.id;
}

describe('sync worker', () => {
  it('sends an offline request with the sealed PIN, exactly once, and deletes the PIN', async () => {
    rig = await createOutboxRig(tempDir());
    const request = rig.store.enqueue(newRequest(), pinOf());
    const summary = await rig.worker.runOnce();
    expect(summary).toMatchObject({ attempted: 1, synced: 1, serverDown: false });
    const after = rig.store.get(request.id)!;
    expect(after).toMatchObject({ syncState: 'synced', serverId: 1, serverStatus: 1, attempts: 1 });
    expect(rig.store.secret(request.id)).toBeNull();
    expect(serverRowsFor(request.reference)).toHaveLength(1);
    expect(serverRowsFor(request.reference)[0]?.keterangan).toBe(`Ref kios: ${request.reference}`);
    expect((await rig.worker.runOnce()).attempted).toBe(0);
  });

  it('sends an online request with its own session token, without logging in again', async () => {
    rig = await createOutboxRig(tempDir());
    const request = rig.store.enqueue(newRequest({ verified: true }), await onlineSecret());
    const logins = rig.sim.loginAttempts();
    expect((await rig.worker.runOnce()).synced).toBe(1);
    expect(rig.store.get(request.id)?.syncState).toBe('synced');
    expect(rig.sim.loginAttempts()).toBe(logins);
    expect(rig.store.secret(request.id)).toBeNull();
  });

  it('never lends one session\'s token to a request typed with a wrong PIN for the same NIK', async () => {
    rig = await createOutboxRig(tempDir());
    // Budi signed in online and made a request; then, offline, someone typed his NIK with a wrong PIN.
    const genuine = rig.store.enqueue(newRequest({ verified: true }), await onlineSecret());
    const impostor = rig.store.enqueue(newRequest({ letterId: LETTERS[10]!.id, letterSlug: LETTERS[10]!.slug, letterName: LETTERS[10]!.nama }), {
      kind: 'pin',
      pin: '000000',
    });
    const pass = await rig.worker.runOnce();
    expect(pass).toMatchObject({ synced: 1, rejected: 1 });
    expect(rig.store.get(genuine.id)?.syncState).toBe('synced');
    expect(rig.store.get(impostor.id)).toMatchObject({ syncState: 'rejected', lastError: MESSAGES.wrongPin });
    expect(serverRowsFor(impostor.reference)).toHaveLength(0);
  });

  it.each([
    ['30 s', 30_000],
    ['120 s, 65 s of it spent at the kiosk', 55_000],
  ])('sends an online request with a short-lived token (%s) while it is valid', async (_name, leftMs) => {
    rig = await createOutboxRig(tempDir());
    const request = rig.store.enqueue(newRequest({ verified: true }), await onlineSecret(BUDI, leftMs));
    const logins = rig.sim.loginAttempts();
    expect((await rig.worker.runOnce()).synced).toBe(1);
    expect(rig.sim.loginAttempts()).toBe(logins); // the token itself, not a login
    expect(rig.store.get(request.id)?.syncState).toBe('synced');
  });

  it('falls back to the sealed PIN once the session token has expired', async () => {
    rig = await createOutboxRig(tempDir());
    const request = rig.store.enqueue(newRequest({ verified: true }), await onlineSecret(BUDI, 30_000));
    await rig.sim.setDown(true);
    await rig.worker.runOnce();
    await rig.sim.setDown(false);
    rig.advance(10 * 60_000); // the token is gone, the PIN is not
    expect((await rig.worker.runOnce()).synced).toBe(1);
    expect(rig.store.get(request.id)?.syncState).toBe('synced');
    expect(rig.store.secret(request.id)).toBeNull();
  });

  it('falls back to the sealed PIN when the server refuses the session token', async () => {
    rig = await createOutboxRig(tempDir());
    const secret = await onlineSecret();
    const request = rig.store.enqueue(newRequest({ verified: true }), secret);
    if (secret.kind !== 'token') throw new Error('token expected');
    await createOpensidClient({ baseUrl: rig.sim.url }).logout(secret.token); // ended at the server
    await rig.worker.runOnce();
    expect(rig.store.get(request.id)?.syncState).toBe('pending');
    rig.advance(5_000);
    expect((await rig.worker.runOnce()).synced).toBe(1);
    expect(serverRowsFor(request.reference)).toHaveLength(1);
  });

  it('logs in once for six offline requests with one wrong PIN, and rejects them all', async () => {
    rig = await createOutboxRig(tempDir());
    const letters = [3, 10, 13, 0, 1, 2].map((i) => LETTERS[i]!);
    const requests = letters.map((l) =>
      rig.store.enqueue(newRequest({ letterId: l.id, letterSlug: l.slug, letterName: l.nama }), { kind: 'pin', pin: '000000' }),
    );
    const before = rig.sim.loginAttempts();
    const pass = await rig.worker.runOnce();
    expect(rig.sim.loginAttempts() - before).toBe(1);
    expect(pass.rejected).toBe(6);
    for (const r of requests) expect(rig.store.get(r.id)).toMatchObject({ syncState: 'rejected', lastError: MESSAGES.wrongPin });
    // The server did not lock Budi out: he can still sign in.
    expect((await createOpensidClient({ baseUrl: rig.sim.url }).login(BUDI.nik, BUDI.pin)).ok).toBe(true);
  });

  it('logs in once for several offline requests with the right PIN', async () => {
    rig = await createOutboxRig(tempDir());
    for (const i of [3, 10, 13]) {
      const l = LETTERS[i]!;
      rig.store.enqueue(newRequest({ letterId: l.id, letterSlug: l.slug, letterName: l.nama }), pinOf());
    }
    const before = rig.sim.loginAttempts();
    expect((await rig.worker.runOnce()).synced).toBe(3);
    expect(rig.sim.loginAttempts() - before).toBe(1);
  });

  it('rejects, never retries, a request whose PIN the server refuses', async () => {
    rig = await createOutboxRig(tempDir());
    const request = rig.store.enqueue(newRequest(), { kind: 'pin', pin: '000000' });
    expect((await rig.worker.runOnce()).rejected).toBe(1);
    expect(rig.store.get(request.id)).toMatchObject({ syncState: 'rejected', lastError: MESSAGES.wrongPin });
    expect(rig.store.secret(request.id)).toBeNull();
    rig.advance(3_600_000);
    expect((await rig.worker.runOnce()).attempted).toBe(0);
    expect(rig.sim.requests()).toHaveLength(0);
  });

  it('parks a request whose PIN is older than the limit, and deletes the PIN', async () => {
    rig = await createOutboxRig(tempDir());
    const request = rig.store.enqueue(newRequest(), pinOf());
    rig.advance(73 * 3_600_000);
    expect((await rig.worker.runOnce()).parked).toBe(1);
    expect(rig.store.get(request.id)).toMatchObject({ syncState: 'parked', lastError: MESSAGES.pinTooOld });
    expect(rig.store.secret(request.id)).toBeNull();
  });

  it('waits while the server is down, with backoff, and sends when it is back', async () => {
    rig = await createOutboxRig(tempDir());
    const request = rig.store.enqueue(newRequest(), pinOf());
    await rig.sim.setDown(true);
    expect(await rig.worker.runOnce()).toMatchObject({ serverDown: true, synced: 0 });
    const waiting = rig.store.get(request.id)!;
    expect(waiting.syncState).toBe('pending');
    expect(Date.parse(waiting.nextAttemptAt)).toBeGreaterThan(rig.now().getTime());
    expect(waiting.lastError).toContain('ECONNREFUSED');
    await rig.sim.setDown(false);
    expect((await rig.worker.runOnce()).attempted).toBe(0); // not due yet
    rig.advance(2_000);
    expect((await rig.worker.runOnce()).synced).toBe(1);
    expect(rig.sim.requests()).toHaveLength(1);
  });

  it('adopts the row a "500 after insert" created instead of sending again', async () => {
    rig = await createOutboxRig(tempDir(), { failAfterInsertRate: 1 });
    const request = rig.store.enqueue(newRequest(), pinOf());
    expect((await rig.worker.runOnce()).synced).toBe(0);
    expect(rig.store.get(request.id)).toMatchObject({ syncState: 'pending', attempts: 1 });
    rig.sim.setFaults({ failAfterInsertRate: 0 });
    rig.advance(2_000);
    expect((await rig.worker.runOnce()).adopted).toBe(1);
    expect(rig.store.get(request.id)).toMatchObject({ syncState: 'synced', serverId: 1, attempts: 1 });
    expect(rig.sim.requests()).toHaveLength(1);
  });

  it('keeps an unanswered attempt in doubt for the grace period, then adopts it', async () => {
    rig = await createOutboxRig(tempDir(), { resetAfterInsertRate: 1 });
    const request = rig.store.enqueue(newRequest(), pinOf());
    await rig.worker.runOnce();
    rig.sim.setFaults({ resetAfterInsertRate: 0 });
    rig.advance(2_000); // past the retry delay but inside the doubt window
    expect((await rig.worker.runOnce()).deferred).toBe(1);
    rig.advance(10_000);
    expect((await rig.worker.runOnce()).adopted).toBe(1);
    expect(rig.store.get(request.id)?.attempts).toBe(1);
    expect(rig.sim.requests()).toHaveLength(1);
  });

  it('sends again when the attempt in doubt never reached the server', async () => {
    rig = await createOutboxRig(tempDir(), { resetBeforeInsertRate: 1 });
    const request = rig.store.enqueue(newRequest(), pinOf());
    await rig.worker.runOnce();
    expect(rig.sim.requests()).toHaveLength(0);
    rig.sim.setFaults({ resetBeforeInsertRate: 0 });
    rig.advance(10_000);
    expect((await rig.worker.runOnce()).synced).toBe(1);
    expect(rig.store.get(request.id)?.attempts).toBe(2);
    expect(serverRowsFor(request.reference)).toHaveLength(1);
  });

  it('adopts after a submit that timed out', async () => {
    rig = await createOutboxRig(tempDir(), { hangAfterInsertRate: 1 });
    const request = rig.store.enqueue(newRequest(), pinOf());
    await rig.worker.runOnce();
    rig.sim.setFaults({ hangAfterInsertRate: 0 });
    rig.advance(10_000);
    expect((await rig.worker.runOnce()).adopted).toBe(1);
    expect(serverRowsFor(request.reference)).toHaveLength(1);
  });

  it('parks a request the server refuses, with the server message', async () => {
    rig = await createOutboxRig(tempDir());
    const request = rig.store.enqueue(newRequest({ answers: {} }), pinOf());
    expect((await rig.worker.runOnce()).parked).toBe(1);
    expect(rig.store.get(request.id)).toMatchObject({ syncState: 'parked', lastError: 'Ditolak server desa: keperluan: Keperluan wajib diisi.' });
    expect(rig.store.get(request.id)?.attemptStartedAt).toBeNull();
  });

  it('treats a server without a licence as down and keeps the request', async () => {
    rig = await createOutboxRig(tempDir(), { subscription: 'not-licensed' });
    const request = rig.store.enqueue(newRequest(), pinOf());
    expect((await rig.worker.runOnce()).serverDown).toBe(true);
    expect(rig.store.get(request.id)).toMatchObject({ syncState: 'pending', lastError: 'login: Token not provided' });
  });

  it('keeps one resident\'s requests for one letter in order while one is in doubt', async () => {
    rig = await createOutboxRig(tempDir(), { failAfterInsertRate: 1 });
    const first = rig.store.enqueue(newRequest(), pinOf());
    const second = rig.store.enqueue(newRequest(), pinOf());
    const other = rig.store.enqueue(newRequest({}, SITI), pinOf(SITI));
    const pass = await rig.worker.runOnce();
    expect(pass.deferred).toBe(1); // the second waits behind the first
    expect(rig.store.get(second.id)?.attempts).toBe(0);
    expect(rig.store.get(other.id)?.attempts).toBe(1);
    rig.sim.setFaults({ failAfterInsertRate: 0 });
    rig.advance(10_000);
    await rig.worker.runOnce();
    rig.advance(10_000);
    await rig.worker.runOnce();
    for (const r of [first, second, other]) expect(rig.store.get(r.id)?.syncState).toBe('synced');
    expect(rig.sim.requests()).toHaveLength(3);
    expect(new Set([first, second, other].map((r) => rig.store.get(r.id)?.serverId)).size).toBe(3);
  });

  it.each([
    ['15 minutes behind', -900],
    ['15 minutes ahead', 900],
  ])('adopts exactly once with the server clock %s', async (_name, offsetSeconds) => {
    rig = await createOutboxRig(tempDir(), { failAfterInsertRate: 1, clockOffsetSeconds: offsetSeconds });
    const request = rig.store.enqueue(newRequest(), pinOf());
    await rig.worker.runOnce();
    rig.sim.setFaults({ failAfterInsertRate: 0 });
    for (let i = 0; i < 5 && rig.store.get(request.id)?.syncState === 'pending'; i++) {
      rig.advance(10_000);
      await rig.worker.runOnce();
    }
    expect(rig.store.get(request.id)).toMatchObject({ syncState: 'synced', attempts: 1 });
    expect(serverRowsFor(request.reference)).toHaveLength(1);
  });

  it('finds its row above the mark however many newer requests the resident has', async () => {
    rig = await createOutboxRig(tempDir(), { failAfterInsertRate: 1 });
    const request = rig.store.enqueue(newRequest(), pinOf());
    await rig.worker.runOnce();
    rig.sim.setFaults({ failAfterInsertRate: 0 });
    // Meanwhile 25 requests of other letters arrive from elsewhere: more than one page of 20.
    for (let i = 0; i < 25; i++) await submitElsewhere(LETTERS[i % 2 ? 10 : 13]!);
    rig.advance(10_000);
    expect((await rig.worker.runOnce()).adopted).toBe(1);
    expect(rig.store.get(request.id)?.serverId).toBe(serverRowsFor(request.reference)[0]?.id);
    expect(serverRowsFor(request.reference)).toHaveLength(1);
  });

  it('pages through every request above the mark', async () => {
    rig = await createOutboxRig(tempDir(), { failAfterInsertRate: 1 });
    const request = rig.store.enqueue(newRequest(), pinOf());
    await rig.worker.runOnce();
    rig.sim.setFaults({ failAfterInsertRate: 0 });
    for (let i = 0; i < 230; i++) await submitElsewhere(LETTERS[i % 2 ? 10 : 13]!); // three pages of 100
    rig.advance(10_000);
    expect((await rig.worker.runOnce()).adopted).toBe(1);
    expect(serverRowsFor(request.reference)).toHaveLength(1);
  });

  it('never adopts a same-letter request sent elsewhere just before the attempt', async () => {
    rig = await createOutboxRig(tempDir());
    const request = rig.store.enqueue(newRequest(), pinOf());
    const elsewhere = await submitElsewhere();
    rig.sim.setFaults({ resetBeforeInsertRate: 1 });
    await rig.worker.runOnce(); // the attempt never reaches the server
    rig.sim.setFaults({ resetBeforeInsertRate: 0 });
    rig.advance(10_000);
    expect((await rig.worker.runOnce()).synced).toBe(1);
    expect(rig.store.get(request.id)?.serverId).not.toBe(elsewhere);
    expect(serverRowsFor(request.reference)).toHaveLength(1);
  });

  it('a technician who found the row in OpenSID adopts it: only one of the candidates, and only once', async () => {
    rig = await createOutboxRig(tempDir(), { hangAfterInsertRate: 1 });
    const request = rig.store.enqueue(newRequest(), pinOf());
    await rig.worker.runOnce();
    rig.sim.setFaults({ hangAfterInsertRate: 0 });
    const elsewhere = await submitElsewhere();
    rig.advance(10_000);
    await rig.worker.runOnce();
    const mine = serverRowsFor(request.reference)[0]!.id;
    expect(rig.store.adopt(request.reference, 999)).toBe(false); // not a candidate
    expect(rig.store.adopt(request.reference, mine)).toBe(true);
    expect(rig.store.get(request.id)).toMatchObject({ syncState: 'synced', serverId: mine, candidates: [], lastError: null });
    expect(rig.store.secret(request.id)).toBeNull();
    expect(rig.store.adopt(request.reference, elsewhere)).toBe(false); // no longer parked
    expect(rig.sim.requests()).toHaveLength(2); // nothing sent again
  });

  it('parks, with the candidates, when more than one row could be the attempt', async () => {
    rig = await createOutboxRig(tempDir(), { hangAfterInsertRate: 1 });
    const request = rig.store.enqueue(newRequest(), pinOf());
    await rig.worker.runOnce(); // inserted, no answer
    rig.sim.setFaults({ hangAfterInsertRate: 0 });
    const elsewhere = await submitElsewhere(); // same letter, during the attempt's doubt
    rig.advance(10_000);
    expect((await rig.worker.runOnce()).parked).toBe(1);
    const mine = serverRowsFor(request.reference)[0]!.id;
    expect(rig.store.get(request.id)).toMatchObject({ syncState: 'parked', lastError: MESSAGES.ambiguous([mine, elsewhere]), candidates: [mine, elsewhere] });
    expect(rig.sim.requests()).toHaveLength(2);
    // The server never decided: a technician who found neither row to be it can still send it.
    expect(rig.store.secret(request.id)?.secret).toEqual(pinOf());
    expect(rig.store.dropStaleSecrets(new Date(rig.now().getTime() - 3_600_000))).toBe(0);
    expect(rig.store.dropStaleSecrets(new Date(rig.now().getTime() + 1000))).toBe(1);
    expect(rig.store.secret(request.id)).toBeNull();
  });

  it('parks a row that cannot be read and sends the ones behind it', async () => {
    rig = await createOutboxRig(tempDir());
    const broken = rig.store.enqueue(newRequest(), pinOf());
    const fine = rig.store.enqueue(newRequest({}, SITI), pinOf(SITI));
    rig.db.prepare("UPDATE letter_request SET answers_json = '{not json' WHERE id = ?").run(broken.id);
    for (let pass = 0; pass < 2; pass++) await rig.worker.runOnce();
    expect(rig.db.prepare('SELECT sync_state, last_error FROM letter_request WHERE id = ?').get(broken.id)).toMatchObject({
      sync_state: 'parked',
      last_error: expect.stringMatching(/^Data permohonan di kios rusak/),
    });
    expect(rig.store.get(fine.id)?.syncState).toBe('synced');
  });

  it('parks a request whose sealed PIN cannot be opened and sends the ones behind it', async () => {
    rig = await createOutboxRig(tempDir());
    const sealedElsewhere = rig.store.enqueue(newRequest(), pinOf());
    const fine = rig.store.enqueue(newRequest({}, SITI), pinOf(SITI));
    // As if the key changed (a locked desktop keyring at autologin): the seal no longer opens.
    rig.db.prepare('UPDATE request_secret SET sealed = randomblob(40) WHERE request_id = ?').run(sealedElsewhere.id);
    const pass = await rig.worker.runOnce();
    expect(pass).toMatchObject({ parked: 1, synced: 1 });
    expect(rig.store.get(sealedElsewhere.id)?.lastError).toMatch(/^PIN atau sesi tersimpan tidak dapat dibuka/);
    expect(rig.store.get(fine.id)?.syncState).toBe('synced');
  });

  it('never sends a request to a server other than the one it was made for', async () => {
    rig = await createOutboxRig(tempDir());
    const demoMade = rig.store.enqueue(newRequest({ serverTarget: 'demo' }), pinOf());
    const ours = rig.store.enqueue(newRequest({}, SITI), pinOf(SITI));
    const pass = await rig.worker.runOnce();
    expect(pass).toMatchObject({ synced: 1, deferred: 1 });
    // Held, not parked: it keeps its PIN for when a technician decides.
    expect(rig.store.get(demoMade.id)).toMatchObject({ syncState: 'pending', lastError: MESSAGES.otherServer('demo', 'http://rig.test') });
    expect(rig.store.secret(demoMade.id)).not.toBeNull();
    rig.advance(3_600_000);
    await rig.worker.runOnce();
    expect(serverRowsFor(demoMade.reference)).toHaveLength(0);
    expect(rig.store.get(ours.id)?.syncState).toBe('synced');
    // A technician may decide otherwise, explicitly.
    expect(rig.store.retarget(demoMade.reference, 'http://rig.test')).toBe(true);
    expect((await rig.worker.runOnce()).synced).toBe(1);
  });

  it('sends nothing while the kiosk needs a technician', async () => {
    rig = await createOutboxRig(tempDir());
    const { createSyncWorker } = await import('../../../src/main/outbox/sync-worker');
    const { createSilentLogger } = await import('../../../src/main/logging/logger');
    const request = rig.store.enqueue(newRequest(), pinOf());
    const held = createSyncWorker({
      store: rig.store,
      server: () => ({ client: createOpensidClient({ baseUrl: rig.sim.url }), target: 'http://rig.test' }),
      hold: () => 'config.json tidak dapat dibaca',
      settings: () => rig.settings,
      log: createSilentLogger().root,
    });
    expect(await held.runOnce()).toMatchObject({ attempted: 0, held: 'config.json tidak dapat dibaca' });
    expect(rig.store.get(request.id)?.syncState).toBe('pending');
    expect(rig.sim.requests()).toHaveLength(0);
  });

  it('does nothing without a configured server', async () => {
    rig = await createOutboxRig(tempDir());
    const { createSyncWorker } = await import('../../../src/main/outbox/sync-worker');
    const { createSilentLogger } = await import('../../../src/main/logging/logger');
    rig.store.enqueue(newRequest(), pinOf());
    const idle = createSyncWorker({ store: rig.store, server: () => null, settings: () => rig.settings, log: createSilentLogger().root });
    expect(await idle.runOnce()).toMatchObject({ attempted: 0, serverDown: true });
  });

  it('runs in the background, woken by a new request, and drains on stop', async () => {
    rig = await createOutboxRig(tempDir());
    rig.settings.pollSeconds = 60;
    rig.worker.start();
    const request = rig.store.enqueue(newRequest(), pinOf());
    rig.worker.wake();
    await expect.poll(() => rig.store.get(request.id)?.syncState, { timeout: 5000 }).toBe('synced');
    await rig.worker.stop();
  });
});
