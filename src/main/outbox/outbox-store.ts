/**
 * The outbox of letter requests in SQLite. Every state change is one
 * statement or one transaction, so a crash at any instruction leaves a state
 * the worker can resume from. Payloads are re-validated when loaded.
 */
import { z } from 'zod';
import type { Database } from '../db/database';
import type { SecretBox } from './secret-box';

export type SyncState = 'pending' | 'synced' | 'parked' | 'rejected';

export interface NewLetterRequest {
  reference: string;
  kioskName: string;
  letterId: number;
  letterSlug: string;
  letterName: string;
  residentNik: string;
  residentName: string | null;
  answers: Record<string, string>;
  requirements: Record<string, string>;
  phone: string;
  note: string | null;
  /** True when the resident signed in at the server; false while waiting for verification. */
  verified: boolean;
}

export type RequestSecret = { kind: 'pin'; pin: string } | { kind: 'token'; token: string; expiresAt: Date };

export interface OutboxRequest {
  id: number;
  reference: string;
  createdAt: string;
  kioskName: string;
  letterId: number;
  letterSlug: string;
  letterName: string;
  residentNik: string | null;
  residentName: string | null;
  answers: Record<string, string> | null;
  requirements: Record<string, string>;
  phone: string | null;
  note: string | null;
  verified: boolean;
  syncState: SyncState;
  serverId: number | null;
  serverStatus: number | null;
  attempts: number;
  nextAttemptAt: string;
  attemptStartedAt: string | null;
  doubtUntil: string | null;
  lastError: string | null;
  resolvedAt: string | null;
  purgedAt: string | null;
}

const stringRecord = z.record(z.string(), z.string());
const row = z.object({
  id: z.number(),
  reference: z.string(),
  created_at: z.string(),
  kiosk_name: z.string(),
  letter_id: z.number(),
  letter_slug: z.string(),
  letter_name: z.string(),
  resident_nik: z.string().nullable(),
  resident_name: z.string().nullable(),
  answers_json: z.string().nullable(),
  requirements_json: z.string(),
  phone: z.string().nullable(),
  note: z.string().nullable(),
  verified: z.number(),
  sync_state: z.enum(['pending', 'synced', 'parked', 'rejected']),
  server_id: z.number().nullable(),
  server_status: z.number().nullable(),
  attempts: z.number(),
  next_attempt_at: z.string(),
  attempt_started_at: z.string().nullable(),
  doubt_until: z.string().nullable(),
  last_error: z.string().nullable(),
  resolved_at: z.string().nullable(),
  purged_at: z.string().nullable(),
});

function toRequest(raw: unknown): OutboxRequest {
  const r = row.parse(raw);
  return {
    id: r.id,
    reference: r.reference,
    createdAt: r.created_at,
    kioskName: r.kiosk_name,
    letterId: r.letter_id,
    letterSlug: r.letter_slug,
    letterName: r.letter_name,
    residentNik: r.resident_nik,
    residentName: r.resident_name,
    answers: r.answers_json === null ? null : stringRecord.parse(JSON.parse(r.answers_json)),
    requirements: stringRecord.parse(JSON.parse(r.requirements_json)),
    phone: r.phone,
    note: r.note,
    verified: r.verified === 1,
    syncState: r.sync_state,
    serverId: r.server_id,
    serverStatus: r.server_status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    attemptStartedAt: r.attempt_started_at,
    doubtUntil: r.doubt_until,
    lastError: r.last_error,
    resolvedAt: r.resolved_at,
    purgedAt: r.purged_at,
  };
}

export interface StoredSecret {
  secret: RequestSecret;
  createdAt: string;
}

export type OutboxCounts = Record<SyncState, number>;

export interface OutboxStore {
  /**
   * Commits the request, its secret and (through `extra`, in the same
   * transaction) anything that must exist with it, e.g. its print job.
   */
  enqueue(request: NewLetterRequest, secret: RequestSecret | null, extra?: (id: number) => void): OutboxRequest;
  get(id: number): OutboxRequest | null;
  byReference(reference: string): OutboxRequest | null;
  due(now?: Date): OutboxRequest[];
  nextDueAt(): string | null;
  /** FIFO per resident and letter: adoption stays unambiguous. */
  hasEarlierPendingSibling(request: OutboxRequest): boolean;
  secret(id: number): StoredSecret | null;
  deleteSecret(id: number): void;
  markAttemptStarted(id: number, doubtUntil: Date): void;
  /** The server answered (even with 5xx): nothing of this attempt is still in flight. */
  settleAttempt(id: number): void;
  /** The server answered that it stored nothing (a 4xx): the attempt is over. */
  clearAttempt(id: number): void;
  markSynced(id: number, serverId: number, serverStatus: number | null): void;
  park(id: number, message: string): void;
  reject(id: number, message: string): void;
  reschedule(id: number, at: Date, error: string | null): void;
  isServerIdTaken(serverId: number): boolean;
  updateServerStatus(id: number, status: number | null): void;
  /** Technician: send a parked or waiting request again now. */
  retry(reference: string): boolean;
  list(options?: { state?: SyncState; limit?: number }): OutboxRequest[];
  /** One resident's requests, newest first (purged ones no longer carry the NIK). */
  forResident(nik: string, limit: number): OutboxRequest[];
  /** Retention: personal data of resolved requests older than `before` is removed. */
  purgePersonalData(before: Date): number;
  counts(): OutboxCounts;
}

export function createOutboxStore(db: Database, box: SecretBox, clock: () => Date = () => new Date()): OutboxStore {
  const iso = (date: Date = clock()) => date.toISOString();

  const insertRequest = db.prepare(`
    INSERT INTO letter_request (reference, created_at, kiosk_name, letter_id, letter_slug, letter_name,
      resident_nik, resident_name, answers_json, requirements_json, phone, note, verified, next_attempt_at)
    VALUES (@reference, @createdAt, @kioskName, @letterId, @letterSlug, @letterName,
      @residentNik, @residentName, @answers, @requirements, @phone, @note, @verified, @createdAt)`);
  const insertSecret = db.prepare(
    'INSERT INTO request_secret (request_id, kind, sealed, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
  );
  const byId = db.prepare('SELECT * FROM letter_request WHERE id = ?');
  const byReference = db.prepare('SELECT * FROM letter_request WHERE reference = ?');
  const dueRows = db.prepare(
    "SELECT * FROM letter_request WHERE sync_state = 'pending' AND next_attempt_at <= ? ORDER BY id",
  );
  const nextDue = db.prepare("SELECT min(next_attempt_at) FROM letter_request WHERE sync_state = 'pending'").pluck();
  const earlierSibling = db
    .prepare(
      `SELECT 1 FROM letter_request WHERE sync_state = 'pending' AND id < ? AND resident_nik = ? AND letter_slug = ? LIMIT 1`,
    )
    .pluck();
  const selectSecret = db.prepare('SELECT kind, sealed, created_at, expires_at FROM request_secret WHERE request_id = ?');
  const deleteSecret = db.prepare('DELETE FROM request_secret WHERE request_id = ?');
  const startAttempt = db.prepare(
    'UPDATE letter_request SET attempts = attempts + 1, attempt_started_at = ?, doubt_until = ? WHERE id = ?',
  );
  const settleAttempt = db.prepare('UPDATE letter_request SET doubt_until = ? WHERE id = ?');
  const clearAttempt = db.prepare('UPDATE letter_request SET attempt_started_at = NULL, doubt_until = NULL WHERE id = ?');
  const setSynced = db.prepare(`
    UPDATE letter_request SET sync_state = 'synced', server_id = ?, server_status = ?, resolved_at = ?,
      attempt_started_at = NULL, doubt_until = NULL, last_error = NULL WHERE id = ? AND sync_state = 'pending'`);
  const setFinal = db.prepare(`
    UPDATE letter_request SET sync_state = ?, last_error = ?, resolved_at = ?, attempt_started_at = NULL, doubt_until = NULL
    WHERE id = ?`);
  const setSchedule = db.prepare('UPDATE letter_request SET next_attempt_at = ?, last_error = ? WHERE id = ?');
  const serverIdTaken = db.prepare('SELECT 1 FROM letter_request WHERE server_id = ?').pluck();
  const setRetry = db.prepare(`
    UPDATE letter_request SET sync_state = 'pending', next_attempt_at = ?, last_error = NULL, resolved_at = NULL
    WHERE reference = ? AND sync_state IN ('pending', 'parked')`);
  const setServerStatus = db.prepare('UPDATE letter_request SET server_status = ? WHERE id = ?');
  const purge = db.prepare(`
    UPDATE letter_request SET resident_nik = NULL, resident_name = NULL, answers_json = NULL, phone = NULL, note = NULL,
      purged_at = ? WHERE sync_state IN ('synced', 'rejected') AND purged_at IS NULL AND resolved_at < ?`);
  const forResident = db.prepare('SELECT * FROM letter_request WHERE resident_nik = ? ORDER BY id DESC LIMIT ?');
  const countRows = db.prepare('SELECT sync_state AS state, count(*) AS n FROM letter_request GROUP BY sync_state');

  const enqueueTx = db.transaction((request: NewLetterRequest, secret: RequestSecret | null, extra?: (id: number) => void) => {
    const info = insertRequest.run({
      ...request,
      createdAt: iso(),
      answers: JSON.stringify(request.answers),
      requirements: JSON.stringify(request.requirements),
      verified: request.verified ? 1 : 0,
    });
    const id = Number(info.lastInsertRowid);
    if (secret) {
      const plaintext = secret.kind === 'pin' ? secret.pin : secret.token;
      insertSecret.run(id, secret.kind, box.seal(plaintext), iso(), secret.kind === 'token' ? secret.expiresAt.toISOString() : null);
    }
    extra?.(id);
    return id;
  });

  /** Final states drop the secret in the same transaction. */
  function finish(id: number, state: 'parked' | 'rejected', message: string): void {
    db.transaction(() => {
      setFinal.run(state, message, iso(), id);
      deleteSecret.run(id);
    })();
  }

  function mustGet(id: number): OutboxRequest {
    const found = byId.get(id);
    if (!found) throw new Error(`no outbox request ${id}`);
    return toRequest(found);
  }

  return {
    enqueue(request: NewLetterRequest, secret: RequestSecret | null, extra?: (id: number) => void): OutboxRequest {
      return mustGet(enqueueTx(request, secret, extra));
    },
    get: (id: number): OutboxRequest | null => {
      const found = byId.get(id);
      return found ? toRequest(found) : null;
    },
    byReference(reference: string): OutboxRequest | null {
      const found = byReference.get(reference);
      return found ? toRequest(found) : null;
    },
    due: (now: Date = clock()): OutboxRequest[] => dueRows.all(now.toISOString()).map(toRequest),
    nextDueAt(): string | null {
      return (nextDue.get() as string | null) ?? null;
    },
    hasEarlierPendingSibling: (request: OutboxRequest): boolean =>
      earlierSibling.get(request.id, request.residentNik, request.letterSlug) === 1,
    secret(id: number): StoredSecret | null {
      const found = selectSecret.get(id) as
        | { kind: 'pin' | 'token'; sealed: Buffer; created_at: string; expires_at: string | null }
        | undefined;
      if (!found) return null;
      const plaintext = box.open(found.sealed);
      const secret: RequestSecret =
        found.kind === 'pin'
          ? { kind: 'pin', pin: plaintext }
          : { kind: 'token', token: plaintext, expiresAt: new Date(found.expires_at ?? 0) };
      return { secret, createdAt: found.created_at };
    },
    deleteSecret: (id: number): void => void deleteSecret.run(id),
    markAttemptStarted(id: number, doubtUntil: Date): void {
      startAttempt.run(iso(), doubtUntil.toISOString(), id);
    },
    settleAttempt: (id: number): void => void settleAttempt.run(iso(), id),
    clearAttempt: (id: number): void => void clearAttempt.run(id),
    markSynced(id, serverId, serverStatus) {
      db.transaction(() => {
        setSynced.run(serverId, serverStatus, iso(), id);
        deleteSecret.run(id);
      })();
    },
    park(id, message) {
      finish(id, 'parked', message);
    },
    reject(id, message) {
      finish(id, 'rejected', message);
    },
    reschedule(id: number, at: Date, error: string | null): void {
      setSchedule.run(at.toISOString(), error, id);
    },
    isServerIdTaken: (serverId: number): boolean => serverIdTaken.get(serverId) === 1,
    updateServerStatus: (id: number, status: number | null): void => void setServerStatus.run(status, id),
    retry(reference: string): boolean {
      return setRetry.run(iso(), reference).changes === 1;
    },
    list(options: { state?: SyncState; limit?: number } = {}): OutboxRequest[] {
      const limit = options.limit ?? 200;
      const rows = options.state
        ? db.prepare('SELECT * FROM letter_request WHERE sync_state = ? ORDER BY id DESC LIMIT ?').all(options.state, limit)
        : db.prepare('SELECT * FROM letter_request ORDER BY id DESC LIMIT ?').all(limit);
      return rows.map(toRequest);
    },
    forResident(nik, limit) {
      return forResident.all(nik, limit).map(toRequest);
    },
    purgePersonalData(before: Date): number {
      return purge.run(iso(), before.toISOString()).changes;
    },
    counts(): OutboxCounts {
      const counts: OutboxCounts = { pending: 0, synced: 0, parked: 0, rejected: 0 };
      for (const { state, n } of countRows.all() as Array<{ state: SyncState; n: number }>) counts[state] = n;
      return counts;
    },
  };
}
