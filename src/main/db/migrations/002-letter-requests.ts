import type { Migration } from './types';

/**
 * The outbox of letter requests, the sealed secrets that let the sync worker
 * act for a resident, and the reference-data cache.
 *
 * letter_request.sync_state:
 *   pending  waiting to be sent (or to be adopted after an attempt in doubt)
 *   synced   the server has it (server_id set)
 *   parked   needs a technician (permanent error, PIN too old, ...)
 *   rejected the server refused the resident's PIN: never retried
 * An attempt is "in doubt" while attempt_started_at is set and the request is
 * pending: the server may hold a row from it, so the worker adopts before it
 * sends again, and not before doubt_until (an in-flight request may still land).
 */
export const letterRequests: Migration = {
  version: 2,
  name: 'letter-requests',
  up(db) {
    db.exec(`
      CREATE TABLE letter_request (
        id INTEGER PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        kiosk_name TEXT NOT NULL,
        letter_id INTEGER NOT NULL,
        letter_slug TEXT NOT NULL,
        letter_name TEXT NOT NULL,
        resident_nik TEXT,
        resident_name TEXT,
        answers_json TEXT,
        requirements_json TEXT NOT NULL,
        phone TEXT,
        note TEXT,
        verified INTEGER NOT NULL CHECK (verified IN (0, 1)),
        sync_state TEXT NOT NULL DEFAULT 'pending'
          CHECK (sync_state IN ('pending', 'synced', 'parked', 'rejected')),
        server_id INTEGER UNIQUE,
        server_status INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        attempt_started_at TEXT,
        doubt_until TEXT,
        last_error TEXT,
        resolved_at TEXT,
        purged_at TEXT
      ) STRICT;
      CREATE INDEX letter_request_due ON letter_request (sync_state, next_attempt_at);
      CREATE INDEX letter_request_resident ON letter_request (resident_nik, letter_slug);

      CREATE TABLE request_secret (
        request_id INTEGER PRIMARY KEY REFERENCES letter_request (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('pin', 'token')),
        sealed BLOB NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT
      ) STRICT;

      CREATE TABLE reference_cache (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        fetched_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
