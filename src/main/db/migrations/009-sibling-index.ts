import type { Migration } from './types';

/**
 * "Is an earlier request of this resident for this letter still waiting?" is
 * asked before every send (requests of one resident for one letter go in
 * order). With only (resident_nik, letter_slug) indexed it read every earlier
 * row of that pair, sent or not, so a long queue drained slower per request
 * (measured: 10,000 queued took 1.4x the time per request of 1,000). With the
 * state in the index it is one seek.
 */
export const siblingIndex: Migration = {
  version: 9,
  name: 'sibling-index',
  up(db) {
    db.exec(`CREATE INDEX letter_request_sibling ON letter_request (resident_nik, letter_slug, sync_state);`);
  },
};
