import type { Migration } from './types';

/**
 * A resident without a phone number may give the village office's instead
 * (the server requires one): the request remembers that, so the receipt can
 * say that news comes through the office.
 */
export const officePhone: Migration = {
  version: 5,
  name: 'office-phone',
  up(db) {
    db.exec(`ALTER TABLE letter_request ADD COLUMN phone_from_office INTEGER NOT NULL DEFAULT 0 CHECK (phone_from_office IN (0, 1));`);
  },
};
