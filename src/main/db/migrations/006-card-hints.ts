import type { Migration } from './types';

/**
 * Card UID -> NIK hints: a tapped e-KTP fills in the NIK (the PIN is always
 * still needed: a UID is unauthenticated and clonable). The UID is stored only
 * as a keyed hash (HMAC-SHA256 with a key of this kiosk), never as it is: a
 * 4-byte UID's plain hash would be reversed by trying all 2^32 of them.
 */
export const cardHints: Migration = {
  version: 6,
  name: 'card-hints',
  up(db) {
    db.exec(`
      CREATE TABLE card_hint (
        uid_hash TEXT PRIMARY KEY,
        nik TEXT NOT NULL,
        learned_at TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('server', 'tap'))
      ) STRICT;
    `);
  },
};
