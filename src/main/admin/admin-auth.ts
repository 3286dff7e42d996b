/**
 * The only module that touches `admin_credential`, `admin_lockout` and
 * `technician_card`: checking the admin PIN with its lock, setting it, and
 * the technician cards whose tap names who opened admin. The PIN is kept as
 * a scrypt hash; card UIDs as HMACs under the kiosk's card key.
 *
 * PIN attempts run one at a time per kiosk, and each is counted as a failure
 * before its hash is computed (and forgiven when it was right): twenty wrong
 * PINs sent at once, then the right one, meet the lock like twenty-one typed
 * one after the other, and an attempt cut short by a crash still counts.
 */
import { createHmac } from 'node:crypto';
import type { Database } from '../db/database';
import { remainingLockMs, triesBeforeLock } from './lockout';
import { hashPin, verifyPin } from './pin-hash';

export type PinCheck =
  | { ok: true }
  | { ok: false; reason: 'not-set' }
  | { ok: false; reason: 'locked'; seconds: number }
  | { ok: false; reason: 'wrong'; triesLeft: number; lockedSeconds: number };

export interface AdminAuth {
  pinSet(): boolean;
  /** Seconds until a PIN may be tried again. */
  lockedSeconds(now?: number): number;
  /** Checks the PIN against the stored hash (or `fallbackPin` while none is set: demo mode), counting failures. */
  check(pin: string, options?: { fallbackPin?: string; now?: number }): Promise<PinCheck>;
  /** Sets (or replaces) the PIN and opens the lock: the Keamanan screen and `adm admin set-pin`. */
  setPin(pin: string): Promise<void>;
  /** Sets the PIN only if none is set yet, in the same turn as the check (two first PINs at once: one wins). */
  setFirstPin(pin: string): Promise<'set' | 'already-set'>;
  registerCard(uid: string, label: string): void;
  removeCard(label: string): boolean;
  cardLabel(uid: string): string | null;
  cards(): Array<{ label: string; addedAt: string }>;
}

export function createAdminAuth(
  db: Database,
  cardKey: Buffer,
  clock: () => number = Date.now,
  /** The hash check (tests hold it open to see what is recorded meanwhile). */
  verify: (pin: string, stored: string) => Promise<boolean> = verifyPin,
): AdminAuth {
  const readPin = db.prepare('SELECT pin_hash FROM admin_credential WHERE id = 1').pluck();
  const writePin = db.prepare(
    `INSERT INTO admin_credential (id, pin_hash, set_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET pin_hash = excluded.pin_hash, set_at = excluded.set_at`,
  );
  const readLock = db.prepare('SELECT failures, last_failure_at FROM admin_lockout WHERE id = 1');
  const writeLock = db.prepare(
    `INSERT INTO admin_lockout (id, failures, last_failure_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at`,
  );
  const clearLock = db.prepare('DELETE FROM admin_lockout WHERE id = 1');
  const cardHash = (uid: string) => createHmac('sha256', cardKey).update(`technician:${uid.toUpperCase()}`).digest('hex');

  function lock(now: number): { failures: number; lastFailureAt: number } {
    const row = readLock.get() as { failures: number; last_failure_at: number } | undefined;
    if (!row) return { failures: 0, lastFailureAt: 0 };
    // The clock went back past the last failure: count the wait from now, not from the future.
    if (row.last_failure_at > now) {
      writeLock.run(row.failures, now);
      return { failures: row.failures, lastFailureAt: now };
    }
    return { failures: row.failures, lastFailureAt: row.last_failure_at };
  }

  const lockedSeconds = (now = clock()) => {
    const { failures, lastFailureAt } = lock(now);
    return Math.ceil(remainingLockMs(failures, lastFailureAt, now) / 1000);
  };

  // Every read-then-write of the PIN or the lock waits for the one before it.
  let turn: Promise<unknown> = Promise.resolve();
  function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const mine = turn.then(work, work);
    turn = mine.catch(() => undefined);
    return mine;
  }
  async function store(pin: string): Promise<void> {
    writePin.run(await hashPin(pin), new Date(clock()).toISOString());
    clearLock.run();
  }

  return {
    pinSet: () => readPin.get() !== undefined,
    lockedSeconds,
    check: (pin, options = {}) =>
      oneAtATime(async (): Promise<PinCheck> => {
        const now = options.now ?? clock();
        const waiting = lockedSeconds(now);
        if (waiting > 0) return { ok: false, reason: 'locked', seconds: waiting };
        const stored = readPin.get() as string | undefined;
        if (stored === undefined && options.fallbackPin === undefined) return { ok: false, reason: 'not-set' };
        // Counted before the hash is computed; a right PIN takes it back.
        const failures = lock(now).failures + 1;
        writeLock.run(failures, now);
        const right = stored === undefined ? pin === options.fallbackPin : await verify(pin, stored);
        if (right) {
          clearLock.run();
          return { ok: true };
        }
        return { ok: false, reason: 'wrong', triesLeft: triesBeforeLock(failures), lockedSeconds: lockedSeconds(now) };
      }),
    setPin: (pin) => oneAtATime(() => store(pin)),
    setFirstPin: (pin) =>
      oneAtATime(async () => {
        if (readPin.get() !== undefined) return 'already-set' as const;
        await store(pin);
        return 'set' as const;
      }),
    registerCard(uid, label) {
      db.prepare(
        `INSERT INTO technician_card (uid_hash, label, added_at) VALUES (?, ?, ?)
         ON CONFLICT (uid_hash) DO UPDATE SET label = excluded.label`,
      ).run(cardHash(uid), label, new Date(clock()).toISOString());
    },
    removeCard(label) {
      return db.prepare('DELETE FROM technician_card WHERE label = ?').run(label).changes > 0;
    },
    cardLabel(uid) {
      return (db.prepare('SELECT label FROM technician_card WHERE uid_hash = ?').pluck().get(cardHash(uid)) as string | undefined) ?? null;
    },
    cards() {
      return (db.prepare('SELECT label, added_at FROM technician_card ORDER BY added_at').all() as Array<{ label: string; added_at: string }>).map(
        (row) => ({ label: row.label, addedAt: row.added_at }),
      );
    },
  };
}
