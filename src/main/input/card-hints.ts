/**
 * The only module that touches `card_hint`: which NIK a tapped card belongs
 * to, learned from the server (a resident's `tag_id_card`) or from a tap
 * followed by a successful sign-in. UIDs are kept as HMACs under a key of
 * this kiosk (`keys/card-hint.key`, 0600), so the table alone names no card.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/database';

export interface CardHints {
  /** The NIK last learned for this canonical UID, or null. */
  nikFor(uid: string): string | null;
  learn(uid: string, nik: string, source: 'server' | 'tap'): void;
}

export function createCardHints(db: Database, key: Buffer, clock: () => Date = () => new Date()): CardHints {
  const hash = (uid: string) => createHmac('sha256', key).update(uid.toUpperCase()).digest('hex');
  const select = db.prepare('SELECT nik FROM card_hint WHERE uid_hash = ?').pluck();
  const upsert = db.prepare(`
    INSERT INTO card_hint (uid_hash, nik, learned_at, source) VALUES (?, ?, ?, ?)
    ON CONFLICT (uid_hash) DO UPDATE SET nik = excluded.nik, learned_at = excluded.learned_at, source = excluded.source`);
  return {
    nikFor: (uid) => (select.get(hash(uid)) as string | undefined) ?? null,
    learn(uid, nik, source) {
      upsert.run(hash(uid), nik, clock().toISOString(), source);
    },
  };
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
  forget(): void;
}

export function createCardTaps(clock: () => number = Date.now): CardTaps {
  let last: { uid: string; at: number; audience: TapAudience } | null = null;
  return {
    remember(uid, audience) {
      last = { uid, at: clock(), audience };
    },
    recent(withinMs, audience) {
      return last && last.audience === audience && clock() - last.at <= withinMs ? last.uid : null;
    },
    forget() {
      last = null;
    },
  };
}
