import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/main/outbox/sync-worker';
import { BUDI, SITI, createOutboxRig, newRequest, pinOf, type OutboxRig } from '../../helpers/outbox-rig';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
let rig: OutboxRig;
afterEach(async () => {
  await rig?.close();
});

function serverRowsFor(reference: string) {
  return rig.sim.requests().filter((r) => r.isianForm?.includes(reference));
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

  it('sends an online request with the session token, without logging in again', async () => {
    rig = await createOutboxRig(tempDir());
    const request = rig.store.enqueue(newRequest({ verified: true }), null);
    const login = await (await import('../../../src/main/village/opensid-client'))
      .createOpensidClient({ baseUrl: rig.sim.url })
      .login(BUDI.nik, BUDI.pin);
    if (!login.ok) throw new Error('login');
    rig.worker.rememberToken(BUDI.nik, login.value);
    expect((await rig.worker.runOnce()).synced).toBe(1);
    expect(rig.store.get(request.id)?.syncState).toBe('synced');
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
