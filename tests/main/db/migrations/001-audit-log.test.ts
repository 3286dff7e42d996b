import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../../../src/main/db/migrations/001-audit-log';

describe('migration 001 audit-log', () => {
  it('creates a strict audit_log table with a default timestamp', () => {
    const db = new BetterSqlite3(':memory:');
    auditLog.up(db);
    db.prepare('INSERT INTO audit_log (actor, action) VALUES (?, ?)').run('technician', 'config.changed');
    const row = db.prepare('SELECT * FROM audit_log').get() as { at: string; actor: string; detail: null };
    expect(row.actor).toBe('technician');
    expect(row.detail).toBeNull();
    expect(row.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // STRICT: a wrong type is an error, not silently stored
    expect(() => db.prepare('INSERT INTO audit_log (id, actor, action) VALUES (?, ?, ?)').run('x', 'a', 'b')).toThrow();
    db.close();
  });
});
