import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../src/main/db/migrations/index';

const insert = `INSERT INTO letter_request (reference, created_at, kiosk_name, letter_id, letter_slug, letter_name,
  requirements_json, verified, next_attempt_at) VALUES ('R1', 'now', 'ADM-01', 4, 's', 'S', '{}', 0, 'now')`;

describe('migration 004 exactly-once', () => {
  it('keeps rows made before it, with no mark and no server target, and adds the sealed PIN column', () => {
    const db = new BetterSqlite3(':memory:');
    for (const m of migrations.slice(0, 3)) m.up(db);
    db.prepare(insert).run();
    db.prepare("INSERT INTO request_secret (request_id, kind, sealed, created_at) VALUES (1, 'token', x'01', 'now')").run();
    migrations[3]!.up(db);
    expect(db.prepare('SELECT attempt_mark, server_target FROM letter_request').get()).toEqual({ attempt_mark: null, server_target: null });
    expect(db.prepare('SELECT kind, sealed_pin FROM request_secret').get()).toEqual({ kind: 'token', sealed_pin: null });
    db.prepare("UPDATE letter_request SET attempt_mark = 41, server_target = 'https://api.desa.id'").run();
    expect(() => db.prepare("UPDATE letter_request SET attempt_mark = 'x'").run()).toThrow(/cannot store TEXT value in INTEGER column/);
  });
});
