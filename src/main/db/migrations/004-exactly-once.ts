import type { Migration } from './types';

/**
 * Exactly once without trusting clocks, and never to the wrong server.
 * - letter_request.attempt_mark: the resident's newest server request id, read
 *   just before an attempt; after an attempt in doubt only rows above it can be
 *   that attempt's (server clocks are never compared).
 * - letter_request.server_target: the village server a request was made for
 *   (its normalised URL, or `demo` for the embedded demo server). A request is
 *   never sent anywhere else. NULL = made before this migration.
 * - request_secret.sealed_pin: an online request keeps the resident's PIN too,
 *   sealed, used only when its session token has expired or is refused.
 */
export const exactlyOnce: Migration = {
  version: 4,
  name: 'exactly-once',
  up(db) {
    db.exec(`
      ALTER TABLE letter_request ADD COLUMN attempt_mark INTEGER;
      ALTER TABLE letter_request ADD COLUMN server_target TEXT;
      ALTER TABLE request_secret ADD COLUMN sealed_pin BLOB;
    `);
  },
};
