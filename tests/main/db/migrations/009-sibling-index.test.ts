import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src/main/db/migrations/index';

/** The question the outbox asks before every send (outbox-store.ts, `hasEarlierPendingSibling`). */
const EARLIER_SIBLING = `SELECT 1 FROM letter_request WHERE sync_state = 'pending' AND id < ? AND resident_nik = ? AND letter_slug = ? LIMIT 1`;

describe('migration 009 sibling-index', () => {
  it('answers "an earlier request of this resident and letter still waiting?" with a seek on the state too', () => {
    const db = new BetterSqlite3(':memory:');
    for (const m of migrations.slice(0, 8)) m.up(db);
    const plan = () => (db.prepare(`EXPLAIN QUERY PLAN ${EARLIER_SIBLING}`).all(5, 'x', 's') as Array<{ detail: string }>).map((row) => row.detail).join('; ');
    expect(plan()).not.toContain('letter_request_sibling');
    migrations[8]!.up(db);
    expect(plan()).toMatch(/USING (COVERING )?INDEX letter_request_sibling \(resident_nik=\? AND letter_slug=\? AND sync_state=\? AND rowid<\?\)/);
  });
});
