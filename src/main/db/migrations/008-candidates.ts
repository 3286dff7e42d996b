import type { Migration } from './types';

/**
 * When several server rows could be a request whose sending was in doubt,
 * the request is parked with their ids (JSON), so a technician can choose
 * the one that is it on the admin's outbox screen (or send it again).
 */
export const candidates: Migration = {
  version: 8,
  name: 'candidates',
  up(db) {
    db.exec(`ALTER TABLE letter_request ADD COLUMN candidate_ids TEXT;`);
  },
};
