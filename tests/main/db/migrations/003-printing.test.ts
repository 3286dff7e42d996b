import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src/main/db/migrations/index';

describe('migration 003 printing', () => {
  it('adds the queue counter, the print jobs and the request queue number', () => {
    const db = new BetterSqlite3(':memory:');
    for (const m of migrations.slice(0, 3)) m.up(db);
    db.prepare("INSERT INTO queue_counter (kiosk_name, day, last) VALUES ('ADM-01', '2026-11-29', 1)").run();
    expect(() => db.prepare("INSERT INTO queue_counter (kiosk_name, day, last) VALUES ('ADM-01', '2026-11-29', 2)").run()).toThrow(/UNIQUE|PRIMARY/);
    db.prepare("INSERT INTO print_job (kind, created_at) VALUES ('queue-ticket', 'now')").run();
    expect(db.prepare('SELECT state, attempts FROM print_job').get()).toEqual({ state: 'queued', attempts: 0 });
    expect(() => db.prepare("INSERT INTO print_job (kind, created_at) VALUES ('poster', 'now')").run()).toThrow(/CHECK/);
    const columns = db.prepare('PRAGMA table_info(letter_request)').all() as Array<{ name: string }>;
    expect(columns.map((c) => c.name)).toContain('queue_number');
  });
});
