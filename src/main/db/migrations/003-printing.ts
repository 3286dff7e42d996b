import type { Migration } from './types';

/**
 * Receipts and queue numbers.
 * - queue_counter: the last number handed out per kiosk and local day; the
 *   number is reserved in the same transaction as the request (or ticket), so
 *   it never repeats within a day, across crashes and restarts.
 * - print_job: one row per slip to print. The slip's content is rendered from
 *   the request row at print time (no personal data kept twice). A failed job
 *   is never printed later on its own: the resident has left.
 */
export const printing: Migration = {
  version: 3,
  name: 'printing',
  up(db) {
    db.exec(`
      CREATE TABLE queue_counter (
        kiosk_name TEXT NOT NULL,
        day TEXT NOT NULL,
        last INTEGER NOT NULL,
        PRIMARY KEY (kiosk_name, day)
      ) STRICT;

      ALTER TABLE letter_request ADD COLUMN queue_number TEXT;

      CREATE TABLE print_job (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('request-receipt', 'queue-ticket', 'test-slip')),
        request_id INTEGER REFERENCES letter_request (id) ON DELETE SET NULL,
        queue_number TEXT,
        created_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued'
          CHECK (state IN ('queued', 'printing', 'printed', 'sent-unconfirmed', 'failed')),
        failure TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT
      ) STRICT;
      CREATE INDEX print_job_request ON print_job (request_id);
    `);
  },
};
