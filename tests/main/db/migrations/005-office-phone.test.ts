import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src/main/db/migrations/index';

describe('migration 005 office-phone', () => {
  it('marks earlier requests as using their own phone and allows only 0 or 1', () => {
    const db = new BetterSqlite3(':memory:');
    for (const m of migrations.slice(0, 4)) m.up(db);
    db.prepare(`INSERT INTO letter_request (reference, created_at, kiosk_name, letter_id, letter_slug, letter_name,
      requirements_json, verified, next_attempt_at) VALUES ('R1', 'now', 'ADM-01', 4, 's', 'S', '{}', 0, 'now')`).run();
    migrations[4]!.up(db);
    expect(db.prepare('SELECT phone_from_office FROM letter_request').pluck().get()).toBe(0);
    expect(() => db.prepare('UPDATE letter_request SET phone_from_office = 2').run()).toThrow(/CHECK/);
  });
});
