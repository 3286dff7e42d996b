import type { Migration } from './types';

/**
 * Signed letters printed on the A4 printer (`letters/letter-prints.ts` owns it).
 * One row per print job handed to CUPS (its outcome filled in when CUPS gives
 * its final word) and per extra print a technician allowed. A letter's prints
 * per local day are counted from here, against `letterPrinter.printsPerLetterPerDay`.
 * The letter's file is never stored: only the server's letter id.
 */
export const letterPrints: Migration = {
  version: 11,
  name: 'letter-prints',
  up(db) {
    db.exec(`
      CREATE TABLE letter_print (
        id INTEGER PRIMARY KEY,
        server_target TEXT NOT NULL,
        letter_id TEXT NOT NULL,
        day TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('print', 'allowance')),
        at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        job_id INTEGER,
        outcome TEXT,
        actor TEXT NOT NULL
      ) STRICT;
      CREATE INDEX letter_print_day ON letter_print (server_target, letter_id, day);
    `);
  },
};
