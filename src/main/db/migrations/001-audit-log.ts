import type { Migration } from './types';

/** Who changed what on the kiosk (technician actions, configuration edits). */
export const auditLog: Migration = {
  version: 1,
  name: 'audit-log',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT
      ) STRICT;
      CREATE INDEX audit_log_at ON audit_log(at);
    `);
  },
};
