import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/database';
import { createSilentLogger } from '../../../src/main/logging/logger';
import { createOutboxStore, ReferenceTakenError } from '../../../src/main/outbox/outbox-store';
import { createSecretBox } from '../../../src/main/outbox/secret-box';
import { reserveQueueNumber } from '../../../src/main/printing/queue-numbers';
import { newRequest, pinOf } from '../../helpers/outbox-rig';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

function open() {
  const db = openDatabase(path.join(tempDir(), 'adm.sqlite'), createSilentLogger().root);
  return { db, store: createOutboxStore(db, createSecretBox(randomBytes(32))) };
}

const numbering = { kioskName: 'ADM-01', prefix: 'B', now: new Date('2026-03-02T03:00:00Z'), timeZone: 'Asia/Jakarta' };

describe('enqueue', () => {
  it('reserves the queue number in its own transaction, stores it on the request and returns it with the request', () => {
    const { db, store } = open();
    const seen: Array<string | null> = [];
    const stored = store.enqueue(newRequest(), pinOf(), {
      queueNumber: () => reserveQueueNumber(db, numbering),
      alongside: (request) => seen.push(request.queueNumber),
    });
    expect(stored.queueNumber).toBe('B-001');
    expect(seen).toEqual(['B-001']); // what is stored with it sees the number already
    expect(store.byReference(stored.reference)?.queueNumber).toBe('B-001');
    db.close();
  });

  it('hands out no number for a request that was not stored', () => {
    const { db, store } = open();
    const taken = store.enqueue(newRequest(), null);
    expect(() => store.enqueue({ ...newRequest(), reference: taken.reference }, null, { queueNumber: () => reserveQueueNumber(db, numbering) })).toThrow(
      ReferenceTakenError,
    );
    // The counter rolled back with the request: the next request takes 001.
    expect(store.enqueue(newRequest(), null, { queueNumber: () => reserveQueueNumber(db, numbering) }).queueNumber).toBe('B-001');
    db.close();
  });

  it('says a reference is taken with a typed error a caller can test, not by the table\'s words', () => {
    const { db, store } = open();
    const request = newRequest();
    store.enqueue(request, pinOf());
    let error: unknown;
    try {
      store.enqueue(request, pinOf());
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ReferenceTakenError);
    expect((error as ReferenceTakenError).reference).toBe(request.reference);
    expect(store.counts().pending).toBe(1);
    db.close();
  });

  it('keeps no queue number for a request enqueued without one', () => {
    const { db, store } = open();
    expect(store.enqueue(newRequest(), null).queueNumber).toBeNull();
    db.close();
  });
});
