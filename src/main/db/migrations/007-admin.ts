import type { Migration } from './types';

/**
 * The technician's way in: the admin PIN (scrypt hash only), the count of
 * wrong PINs since the last right one (so a restart does not lift the lock),
 * and registered technician cards (UIDs as keyed hashes, like card_hint).
 * `admin/admin-auth.ts` is the only module that touches them.
 */
export const admin: Migration = {
  version: 7,
  name: 'admin',
  up(db) {
    db.exec(`
      CREATE TABLE admin_credential (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        pin_hash TEXT NOT NULL,
        set_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE admin_lockout (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        failures INTEGER NOT NULL,
        last_failure_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE technician_card (
        uid_hash TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        added_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
