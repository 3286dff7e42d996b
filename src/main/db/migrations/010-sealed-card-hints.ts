import type { Migration } from './types';

/**
 * Card hints named a resident's NIK in clear and were kept for ever. The NIK
 * is now sealed like the outbox's secrets (`sealed_nik`, AES-256-GCM under the
 * kiosk's secret key) and `nik` is left empty; a migration has no key, so
 * `input/card-hints.ts` seals the rows from before this one when the kiosk
 * starts. `last_used_at` (learned, or filled in a NIK) lets hints unused for
 * the retention period be forgotten; earlier hints count from when they were
 * learned.
 */
export const sealedCardHints: Migration = {
  version: 10,
  name: 'sealed-card-hints',
  up(db) {
    db.exec(`
      ALTER TABLE card_hint ADD COLUMN sealed_nik BLOB;
      ALTER TABLE card_hint ADD COLUMN last_used_at TEXT NOT NULL DEFAULT '';
      UPDATE card_hint SET last_used_at = learned_at;
    `);
  },
};
