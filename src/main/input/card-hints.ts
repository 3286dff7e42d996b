/**
 * The only module that touches `card_hint`: which NIK a tapped card belongs
 * to, learned from the server (a resident's `tag_id_card`) or from a tap
 * followed by a successful sign-in. UIDs are kept as HMACs under a key of
 * this kiosk (`keys/card-hint.key`, 0600), so the table alone names no card;
 * the NIK is sealed with the outbox's secret box (AES-256-GCM, the kiosk's
 * secret key), so the table alone names no resident either. A hint unused
 * for the retention period is forgotten, like a request's personal data.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/database';
import type { SecretBox } from '../outbox/secret-box';

export interface CardHints {
  /**
   * The NIK last learned for this canonical UID, or null: unknown, or sealed
   * under a key this kiosk no longer has. A hint found counts as used.
   */
  nikFor(uid: string): string | null;
  learn(uid: string, nik: string, source: 'server' | 'tap'): void;
  /** Forgets the hints neither learned nor used since `before`; returns how many. */
  forgetUnusedSince(before: Date): number;
}

/** What a sealed hint must open to: anything else (a damaged row) is no hint. */
const NIK_SHAPE = /^\d{16}$/;

export function createCardHints(db: Database, key: Buffer, box: SecretBox, clock: () => Date = () => new Date()): CardHints {
  const hash = (uid: string) => createHmac('sha256', key).update(uid.toUpperCase()).digest('hex');
  const select = db.prepare('SELECT sealed_nik FROM card_hint WHERE uid_hash = ?').pluck();
  const touch = db.prepare('UPDATE card_hint SET last_used_at = ? WHERE uid_hash = ?');
  // `nik` (006) stays for older kiosks' sake but is always empty: the NIK lives only in `sealed_nik`.
  const upsert = db.prepare(`
    INSERT INTO card_hint (uid_hash, nik, sealed_nik, learned_at, last_used_at, source) VALUES (?, '', ?, ?, ?, ?)
    ON CONFLICT (uid_hash) DO UPDATE SET nik = '', sealed_nik = excluded.sealed_nik, learned_at = excluded.learned_at,
      last_used_at = excluded.last_used_at, source = excluded.source`);
  const unused = db.prepare('DELETE FROM card_hint WHERE last_used_at < ?');

  sealClearHints(db, box);

  function open(sealed: unknown): string | null {
    if (!Buffer.isBuffer(sealed)) return null;
    try {
      const nik = box.open(sealed);
      return NIK_SHAPE.test(nik) ? nik : null;
    } catch {
      return null; // sealed under another key (the key file was replaced), or damaged: as good as unknown
    }
  }

  return {
    nikFor(uid) {
      const uidHash = hash(uid);
      const nik = open(select.get(uidHash));
      if (nik !== null) touch.run(clock().toISOString(), uidHash);
      return nik;
    },
    learn(uid, nik, source) {
      const now = clock().toISOString();
      upsert.run(hash(uid), box.seal(nik), now, now, source);
    },
    forgetUnusedSince(before) {
      const forgotten = unused.run(before.toISOString()).changes;
      if (forgotten > 0) scrubWal(db);
      return forgotten;
    },
  };
}

/**
 * Hints from before migration 010 hold the NIK in clear: sealed once, at
 * start (a migration has no key), the clear column emptied. With
 * `secure_delete` the old bytes are overwritten; the WAL is checkpointed and
 * truncated so no copy stays there either.
 */
function sealClearHints(db: Database, box: SecretBox): void {
  const rows = db.prepare('SELECT uid_hash, nik FROM card_hint WHERE sealed_nik IS NULL').all() as Array<{ uid_hash: string; nik: string }>;
  if (rows.length === 0) return;
  const seal = db.prepare("UPDATE card_hint SET sealed_nik = ?, nik = '' WHERE uid_hash = ?");
  db.transaction(() => {
    for (const row of rows) seal.run(box.seal(row.nik), row.uid_hash);
  })();
  scrubWal(db);
}

/** Deleted or overwritten NIKs stay readable in the WAL until a checkpoint overwrites it. */
function scrubWal(db: Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

export const CARD_HINT_KEY_FILE = path.join('keys', 'card-hint.key');

/** A random 32-byte key in the data directory, made on first use. */
export function cardHintKey(dataDir: string): Buffer {
  const file = path.join(dataDir, CARD_HINT_KEY_FILE);
  if (existsSync(file)) {
    const key = readFileSync(file);
    if (key.length === 32) return key;
    throw new Error(`${file} is not a 32-byte key; remove it (tapped cards are then learned again)`);
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  return key;
}

/**
 * Who saw a tap: the resident screens, or a technician with admin open (a
 * card to register as a technician's, never a resident's card).
 */
export type TapAudience = 'resident' | 'admin';

/**
 * The card tapped last (in memory only), so a sign-in right after it can
 * teach the kiosk its NIK, or a technician can register it. The resident
 * session forgets it when a visit ends (Batal, the idle reset, Keluar, the
 * time limit, admin opening), so a stranger's tap never becomes the next
 * resident's card.
 */
export interface CardTaps {
  remember(uid: string, audience: TapAudience): void;
  /** The card tapped last, if within `withinMs` and seen by `audience`. */
  recent(withinMs: number, audience: TapAudience): string | null;
  /**
   * The one card residents tapped in this visit (since the last `forget`), tapped last within `withinMs`; null
   * when none was, or when two different cards were: then the kiosk cannot tell the resident's own from a
   * bystander's, and learns neither.
   */
  onlyResidentCard(withinMs: number): string | null;
  forget(): void;
}

export function createCardTaps(clock: () => number = Date.now): CardTaps {
  let last: { uid: string; at: number; audience: TapAudience } | null = null;
  // Every card residents tapped in the visit, with when it was tapped last.
  const residentCards = new Map<string, number>();
  return {
    remember(uid, audience) {
      last = { uid, at: clock(), audience };
      if (audience === 'resident') residentCards.set(uid, last.at);
    },
    recent(withinMs, audience) {
      return last && last.audience === audience && clock() - last.at <= withinMs ? last.uid : null;
    },
    onlyResidentCard(withinMs) {
      if (residentCards.size !== 1) return null;
      const [uid, at] = [...residentCards][0]!;
      return clock() - at <= withinMs ? uid : null;
    },
    forget() {
      last = null;
      residentCards.clear();
    },
  };
}
