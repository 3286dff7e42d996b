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
  const db = openDatabase(path.join(tempDir(), 'adm.sqlite'), createSilentLogger().root);
  return { db, store: createOutboxStore(db, createSecretBox(randomBytes(32)), clock) };
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
      store.enqueue(newRequest(), pinOf(), () => {
        throw new Error('print job could not be stored');
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

  it('purges personal data of resolved requests after the retention period, keeping counts and references', () => {
    let now = new Date('2026-11-01T00:00:00Z');
    const { db, store } = open(() => now);
    const old = store.enqueue(newRequest(), pinOf());
    store.markSynced(old.id, 1, 1);
    const parked = store.enqueue(newRequest(), pinOf());
    store.park(parked.id, 'x');
    now = new Date('2026-11-20T00:00:00Z');
    const recent = store.enqueue(newRequest(), pinOf());
    store.markSynced(recent.id, 2, 1);
    now = new Date('2026-12-05T00:00:00Z');
    expect(store.purgePersonalData(new Date('2026-11-05T00:00:00Z'))).toBe(1);
    expect(store.get(old.id)).toMatchObject({ residentNik: null, residentName: null, answers: null, phone: null, reference: old.reference, syncState: 'synced' });
    expect(store.get(recent.id)?.residentNik).not.toBeNull();
    expect(store.get(parked.id)?.residentNik).not.toBeNull();
    expect(store.counts()).toEqual({ pending: 0, synced: 2, parked: 1, rejected: 0 });
    db.close();
  });

  it('re-validates stored payloads when loading', () => {
    const { db, store } = open();
    const request = store.enqueue(newRequest(), null);
    db.prepare('UPDATE letter_request SET answers_json = ? WHERE id = ?').run('{"keperluan": 5}', request.id);
    expect(() => store.get(request.id)).toThrow();
    db.close();
  });
});
