/**
 * The only module that touches `admin_credential`, `admin_lockout` and
 * `technician_card`: checking the admin PIN with its lock, setting it, and
 * the technician cards whose tap names who opened admin. The PIN is kept as
 * a scrypt hash; card UIDs as HMACs under the kiosk's card key.
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
  setPin(pin: string): Promise<void>;
  registerCard(uid: string, label: string): void;
  removeCard(label: string): boolean;
  cardLabel(uid: string): string | null;
  cards(): Array<{ label: string; addedAt: string }>;
}

export function createAdminAuth(db: Database, cardKey: Buffer, clock: () => number = Date.now): AdminAuth {
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

  return {
    pinSet: () => readPin.get() !== undefined,
    lockedSeconds,
    async check(pin, options = {}) {
      const now = options.now ?? clock();
      const waiting = lockedSeconds(now);
      if (waiting > 0) return { ok: false, reason: 'locked', seconds: waiting };
      const stored = readPin.get() as string | undefined;
      if (stored === undefined && options.fallbackPin === undefined) return { ok: false, reason: 'not-set' };
      const right = stored === undefined ? pin === options.fallbackPin : await verifyPin(pin, stored);
      if (right) {
        clearLock.run();
        return { ok: true };
      }
      const failures = lock(now).failures + 1;
      writeLock.run(failures, now);
      return { ok: false, reason: 'wrong', triesLeft: triesBeforeLock(failures), lockedSeconds: lockedSeconds(now) };
    },
    async setPin(pin) {
      writePin.run(await hashPin(pin), new Date(clock()).toISOString());
      clearLock.run();
    },
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
