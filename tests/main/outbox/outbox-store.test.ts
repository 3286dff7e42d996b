import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/database';
import { createSilentLogger } from '../../../src/main/logging/logger';
import { createOutboxStore } from '../../../src/main/outbox/outbox-store';
import { createSecretBox } from '../../../src/main/outbox/secret-box';
import { newRequest, pinOf } from '../../helpers/outbox-rig';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

function open(clock = () => new Date()) {
  const file = path.join(tempDir(), 'adm.sqlite');
  const db = openDatabase(file, createSilentLogger().root);
  return { db, file, store: createOutboxStore(db, createSecretBox(randomBytes(32)), clock) };
}

/** Every byte SQLite keeps on disk for this database: the file and its WAL. */
function onDisk(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

describe('outbox store', () => {
  it('commits a request and its sealed PIN; the PIN is not in the database in plain text', () => {
    const { db, store } = open();
    const request = store.enqueue(newRequest(), { kind: 'pin', pin: '482916' });
    expect(request).toMatchObject({ syncState: 'pending', attempts: 0, verified: false, answers: { keperluan: 'Melamar kerja' } });
    const raw = db.prepare('SELECT sealed FROM request_secret').pluck().get() as Buffer;
    expect(raw.includes(Buffer.from('482916'))).toBe(false);
    expect(store.secret(request.id)?.secret).toEqual({ kind: 'pin', pin: '482916' });
    db.close();
  });

  it('rolls back the request when something committed with it fails', () => {
    const { db, store } = open();
    expect(() =>
      store.enqueue(newRequest(), pinOf(), {
        alongside: () => {
          throw new Error('print job could not be stored');
        },
      }),
    ).toThrow('print job');
    expect(store.counts()).toEqual({ pending: 0, synced: 0, parked: 0, rejected: 0 });
    expect(db.prepare('SELECT count(*) FROM request_secret').pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a duplicate reference', () => {
    const { db, store } = open();
    const request = newRequest();
    store.enqueue(request, null);
    expect(() => store.enqueue(request, null)).toThrow(/UNIQUE/);
    db.close();
  });

  it('lets a technician retry a parked request', () => {
    const { db, store } = open();
    const request = store.enqueue(newRequest(), pinOf());
    store.park(request.id, 'Ditolak server desa: x');
    expect(store.secret(request.id)).toBeNull();
    expect(store.retry(request.reference)).toBe(true);
    expect(store.get(request.id)).toMatchObject({ syncState: 'pending', lastError: null });
    store.markSynced(request.id, 9, 1);
    expect(store.retry(request.reference)).toBe(false);
    db.close();
  });

  it('purges personal data of sent, parked and rejected requests after the retention period, keeping counts and references', () => {
    let now = new Date('2026-11-01T00:00:00Z');
    const { db, store } = open(() => now);
    const old = store.enqueue(newRequest(), pinOf());
    store.markSynced(old.id, 1, 1);
    const parked = store.enqueue(newRequest(), pinOf());
    store.park(parked.id, 'x', { keepSecret: true }); // waiting for a technician, PIN kept
    const rejected = store.enqueue(newRequest(), pinOf());
    store.reject(rejected.id, 'wrong PIN');
    const waiting = store.enqueue(newRequest(), pinOf());
    now = new Date('2026-11-20T00:00:00Z');
    const recent = store.enqueue(newRequest(), pinOf());
    store.markSynced(recent.id, 2, 1);
    now = new Date('2026-12-05T00:00:00Z');
    expect(store.purgePersonalData(new Date('2026-11-05T00:00:00Z'))).toBe(3);
    expect(store.get(old.id)).toMatchObject({ residentNik: null, residentName: null, answers: null, phone: null, reference: old.reference, syncState: 'synced' });
    expect(store.get(parked.id)).toMatchObject({ residentNik: null, answers: null, syncState: 'parked' });
    expect(store.secret(parked.id)).toBeNull(); // its PIN goes with the personal data
    expect(store.get(rejected.id)).toMatchObject({ residentNik: null, answers: null, syncState: 'rejected' });
    expect(store.get(recent.id)?.residentNik).not.toBeNull();
    // Not yet sent: kept, whatever its age (it is still on its way).
    expect(store.get(waiting.id)?.residentNik).not.toBeNull();
    // A purged parked request can no longer be sent: its answers are gone.
    expect(store.retry(parked.reference)).toBe(false);
    expect(store.counts()).toEqual({ pending: 1, synced: 2, parked: 1, rejected: 1 });
    db.close();
  });

  it('re-validates stored payloads when loading', () => {
    const { db, store } = open();
    const request = store.enqueue(newRequest(), null);
    db.prepare('UPDATE letter_request SET answers_json = ? WHERE id = ?').run('{"keperluan": 5}', request.id);
    expect(() => store.get(request.id)).toThrow();
    db.close();
  });

  it('leaves no copy of a deleted sealed PIN in the database file or its WAL', () => {
    const { db, file, store } = open();
    const request = store.enqueue(newRequest(), pinOf());
    const sealed = db.prepare('SELECT sealed FROM request_secret WHERE request_id = ?').pluck().get(request.id) as Buffer;
    db.pragma('wal_checkpoint(PASSIVE)'); // as a busy kiosk would have done by now
    expect(onDisk(file).includes(sealed)).toBe(true);
    store.markSynced(request.id, 1, 1);
    expect(store.scrubDeletedSecrets()).toBe(true);
    expect(onDisk(file).includes(sealed)).toBe(false);
    expect(store.scrubDeletedSecrets()).toBe(false); // nothing new to scrub
    db.close();
  });

  it('rejects every pending offline request of a NIK sealed with the refused PIN, and only those', () => {
    const { db, store } = open();
    const wrong = [store.enqueue(newRequest(), { kind: 'pin', pin: '000000' }), store.enqueue(newRequest(), { kind: 'pin', pin: '000000' })];
    const right = store.enqueue(newRequest(), pinOf());
    const online = store.enqueue(newRequest(), { kind: 'token', token: 't', expiresAt: new Date(Date.now() + 60_000), pin: '000000' });
    const rejected = store.rejectOfflineWithPin(newRequest().residentNik, '000000', 'wrong');
    expect(rejected.map((r) => r.id)).toEqual(wrong.map((r) => r.id));
    for (const r of wrong) expect(store.secret(r.id)).toBeNull();
    expect(store.get(right.id)?.syncState).toBe('pending');
    expect(store.get(online.id)?.syncState).toBe('pending');
    db.close();
  });

  it('keeps the PIN of an online request when its token is forgotten', () => {
    const { db, store } = open();
    const online = store.enqueue(newRequest(), { kind: 'token', token: 'tok', expiresAt: new Date(Date.now() + 60_000), pin: '123456' });
    expect(store.secret(online.id)?.secret).toMatchObject({ kind: 'token', token: 'tok', pin: '123456' });
    expect(store.forgetToken(online.id)).toBe(true);
    expect(store.secret(online.id)?.secret).toEqual({ kind: 'pin', pin: '123456' });
    expect(store.forgetToken(online.id)).toBe(false);
    db.close();
  });
});
