import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../../../src/main/db/migrations/001-audit-log';
import { letterRequests } from '../../../../src/main/db/migrations/002-letter-requests';

function migrated() {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  auditLog.up(db);
  letterRequests.up(db);
  return db;
}

const insert = `INSERT INTO letter_request (reference, created_at, kiosk_name, letter_id, letter_slug, letter_name,
  requirements_json, verified, next_attempt_at) VALUES (?, '2026-11-29T00:00:00.000Z', 'ADM-01', 4, 's', 'S', '{}', 0, '2026-11-29T00:00:00.000Z')`;

describe('migration 002 letter-requests', () => {
  it('starts requests pending and keeps references and server ids unique', () => {
    const db = migrated();
    db.prepare(insert).run('R1');
    expect(db.prepare('SELECT sync_state FROM letter_request').pluck().get()).toBe('pending');
    expect(() => db.prepare(insert).run('R1')).toThrow(/UNIQUE/);
    db.prepare(insert).run('R2');
    db.prepare('UPDATE letter_request SET server_id = 7 WHERE reference = ?').run('R1');
    expect(() => db.prepare('UPDATE letter_request SET server_id = 7 WHERE reference = ?').run('R2')).toThrow(/UNIQUE/);
  });

  it('allows only known sync states', () => {
    const db = migrated();
    db.prepare(insert).run('R1');
    expect(() => db.prepare("UPDATE letter_request SET sync_state = 'lost'").run()).toThrow(/CHECK/);
  });

  it('deletes a request secret with its request', () => {
    const db = migrated();
    const id = db.prepare(insert).run('R1').lastInsertRowid;
    db.prepare("INSERT INTO request_secret (request_id, kind, sealed, created_at) VALUES (?, 'pin', x'00', 'now')").run(id);
    db.prepare('DELETE FROM letter_request').run();
    expect(db.prepare('SELECT count(*) FROM request_secret').pluck().get()).toBe(0);
  });
});
