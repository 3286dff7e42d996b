/**
 * The audit log (table `audit_log`): what technicians and the kiosk itself did
 * that someone may later have to answer for (settings saved, a request held,
 * a daily restart). This module is its one owner: features write through
 * `record`, the admin's Catatan screen reads through `recent`.
 *
 * `detail` is stored as JSON; callers pass only what is safe to keep (never a
 * NIK in clear or a PIN: the redaction rules of the log do not run here).
 */
import type { Database } from '../db/database';

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  /** The detail as the JSON text it was stored as, or null. */
  detail: string | null;
}

export interface AuditLog {
  record(actor: string, action: string, detail?: unknown): void;
  /** Newest first. */
  recent(limit: number): AuditEntry[];
}

export function createAuditLog(db: Database): AuditLog {
  const insert = db.prepare('INSERT INTO audit_log (actor, action, detail) VALUES (?, ?, ?)');
  const select = db.prepare('SELECT at, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT ?');
  return {
    record(actor, action, detail) {
      insert.run(actor, action, detail === undefined ? null : JSON.stringify(detail));
    },
    recent: (limit) => select.all(limit) as AuditEntry[],
  };
}
