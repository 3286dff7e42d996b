import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src/main/db/migrations/index';

describe('migration 010 sealed-card-hints', () => {
  it('adds the sealed NIK (empty until the kiosk seals it at start) and counts earlier hints as last used when learned', () => {
    const db = new BetterSqlite3(':memory:');
    for (const m of migrations.slice(0, 9)) m.up(db);
    db.prepare(`INSERT INTO card_hint (uid_hash, nik, learned_at, source) VALUES ('h1', '3201011501900001', '2026-01-05T08:00:00.000Z', 'tap')`).run();
    migrations[9]!.up(db);
    expect(db.prepare('SELECT nik, sealed_nik, last_used_at FROM card_hint').get()).toEqual({
      nik: '3201011501900001',
      sealed_nik: null,
      last_used_at: '2026-01-05T08:00:00.000Z',
    });
    // STRICT: a sealed NIK is bytes, never text.
    expect(() => db.prepare(`UPDATE card_hint SET sealed_nik = 'not sealed'`).run()).toThrow(/cannot store TEXT value in BLOB column/);
  });
});
