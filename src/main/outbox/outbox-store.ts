/**
 * The outbox of letter requests in SQLite, and the only module that touches
 * `letter_request` and `request_secret`. Every state change is one statement
 * or one transaction, so a crash at any instruction leaves a state the worker
 * can resume from. Payloads are re-validated when loaded, one row at a time: a
 * row that cannot be read is parked with its reason and never holds up the rest.
 */
import { z } from 'zod';
import type { Database } from '../db/database';
import type { SecretBox } from './secret-box';
import { DEMO_TARGET } from '../village/server-target';
import { OUTBOX_STATE, OUTBOX_STATES, type OutboxState } from '../../shared/outbox-states';

export type SyncState = OutboxState;

/** The states as SQL literals, made from their one home so no statement spells one. */
const SQL_STATE = Object.fromEntries(OUTBOX_STATES.map((state) => [state, `'${state}'`])) as { [S in OutboxState]: `'${S}'` };
const { pending: PENDING, parked: PARKED, synced: SYNCED, rejected: REJECTED } = SQL_STATE;

/**
 * The reference is already used by another request (1 in 28 million per day
 * and kiosk): nothing was stored; the caller makes another reference and tries
 * again.
 */
export class ReferenceTakenError extends Error {
  constructor(readonly reference: string) {
    super(`reference ${reference} is taken (UNIQUE): nothing stored`);
    this.name = 'ReferenceTakenError';
  }
}

/** What is committed in the same transaction as a new request. */
export interface EnqueueOptions {
  /**
   * Reserves the request's queue number (`printing/queue-numbers.ts`); it is
   * stored on the request row, its one home, and returned with the request.
   */
  queueNumber?: () => string;
  /** Anything that must exist with the request, e.g. its receipt's print job; a throw rolls the request back. */
  alongside?: (request: OutboxRequest) => void;
}

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
  /** The server this request is for (`serverTarget()`); it is never sent anywhere else. */
  serverTarget: string | null;
  /** `phone` is the village office's: the resident has none (news comes through the office). */
  phoneFromOffice?: boolean;
}

/**
 * What lets the sync worker act for the resident, and nothing else: each
 * request carries its own. Offline: the PIN the resident typed (not yet
 * checked). Online: the session's token, and the PIN (checked) for when the
 * token has expired or is refused; `pin` is null only in rows made before
 * migration 004.
 */
export type RequestSecret =
  | { kind: 'pin'; pin: string }
  | { kind: 'token'; token: string; expiresAt: Date; pin: string | null };

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
  /** Reserved with the request (null: made before queue numbers, or by a caller that reserved none). */
  queueNumber: string | null;
  serverId: number | null;
  serverStatus: number | null;
  attempts: number;
  nextAttemptAt: string;
  attemptStartedAt: string | null;
  /** The resident's newest server id just before the attempt in doubt (null: none in doubt, or made before 004). */
  attemptMark: number | null;
  doubtUntil: string | null;
  lastError: string | null;
  resolvedAt: string | null;
  purgedAt: string | null;
  serverTarget: string | null;
  phoneFromOffice: boolean;
  /** Parked because several server rows could be it: their ids, for a technician to choose from. */
  candidates: number[];
}

/** A row that could not be loaded; the store has parked it with `reason`. */
export interface UnreadableRequest {
  id: number;
  reference: string | null;
  reason: string;
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
  sync_state: z.enum(OUTBOX_STATES),
  queue_number: z.string().nullable(),
  server_id: z.number().nullable(),
  server_status: z.number().nullable(),
  attempts: z.number(),
  next_attempt_at: z.string(),
  attempt_started_at: z.string().nullable(),
  attempt_mark: z.number().nullable(),
  doubt_until: z.string().nullable(),
  last_error: z.string().nullable(),
  resolved_at: z.string().nullable(),
  purged_at: z.string().nullable(),
  server_target: z.string().nullable(),
  phone_from_office: z.number(),
  candidate_ids: z.string().nullable(),
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
    queueNumber: r.queue_number,
    serverId: r.server_id,
    serverStatus: r.server_status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    attemptStartedAt: r.attempt_started_at,
    attemptMark: r.attempt_mark,
    doubtUntil: r.doubt_until,
    lastError: r.last_error,
    resolvedAt: r.resolved_at,
    purgedAt: r.purged_at,
    serverTarget: r.server_target,
    phoneFromOffice: r.phone_from_office === 1,
    candidates: candidateIds(r.candidate_ids),
  };
}

/** A list of server ids, or none for anything else (a row is never unreadable for it). */
function candidateIds(text: string | null): number[] {
  if (!text) return [];
  try {
    const ids: unknown = JSON.parse(text);
    return Array.isArray(ids) && ids.every((id) => Number.isInteger(id)) ? (ids as number[]) : [];
  } catch {
    return [];
  }
}

export interface StoredSecret {
  secret: RequestSecret;
  createdAt: string;
}

export type OutboxCounts = Record<SyncState, number>;

export interface OutboxStore {
  /**
   * Commits the request, its secret, its queue number and (`alongside`)
   * anything that must exist with it, in one transaction; returns the request
   * as stored. Throws `ReferenceTakenError` when the reference is in use.
   */
  enqueue(request: NewLetterRequest, secret: RequestSecret | null, options?: EnqueueOptions): OutboxRequest;
  get(id: number): OutboxRequest | null;
  byReference(reference: string): OutboxRequest | null;
  /** The request's reference while its personal data is kept (its receipt can still be printed), else null. */
  liveReference(id: number): string | null;
  /** Pending requests whose time has come, oldest first; rows that cannot be read are parked and listed apart. */
  due(now?: Date): { requests: OutboxRequest[]; unreadable: UnreadableRequest[] };
  nextDueAt(): string | null;
  /** FIFO per resident and letter: adoption stays unambiguous. */
  hasEarlierPendingSibling(request: OutboxRequest): boolean;
  /** Throws when the sealed secret cannot be opened (for example the key changed). */
  secret(id: number): StoredSecret | null;
  /** Whether the request still has the PIN or token it was made with (readable or not): without them it can never be sent. */
  hasCredentials(id: number): boolean;
  deleteSecret(id: number): void;
  /** The session token was refused or expired: keep only the PIN (a no-op without one). */
  forgetToken(id: number): boolean;
  /**
   * The server refused this NIK + PIN: reject every pending offline request of
   * that NIK sealed with the same PIN, without asking the server again.
   */
  rejectOfflineWithPin(nik: string, pin: string, message: string): OutboxRequest[];
  /** `mark`: the resident's newest server request id just before this attempt. False: no longer waiting (held meanwhile): do not send. */
  markAttemptStarted(id: number, doubtUntil: Date, mark: number): boolean;
  /** The server answered (even with 5xx): nothing of this attempt is still in flight. */
  settleAttempt(id: number): void;
  /** The server answered that it stored nothing (a 4xx): the attempt is over. */
  clearAttempt(id: number): void;
  markSynced(id: number, serverId: number, serverStatus: number | null): void;
  /**
   * For a technician. The secret goes with it unless `keepSecret`: when the
   * server has not decided (several rows could be this request), `adm outbox
   * retry` must still be able to send it. Kept secrets expire with
   * `dropStaleSecrets`.
   */
  park(id: number, message: string, options?: { keepSecret?: boolean; candidates?: number[] }): void;
  /** Technician: hold a waiting request (never one whose sending is in doubt); its credentials stay for release. */
  parkByTechnician(reference: string, message: string): boolean;
  /** Technician: this parked request is that server row (one of its candidates, not taken by another request). */
  adopt(reference: string, serverId: number): boolean;
  reject(id: number, message: string): void;
  reschedule(id: number, at: Date, error: string | null): void;
  isServerIdTaken(serverId: number): boolean;
  /** The one place a status heard from the village server (or set by a cancel there) is written. */
  recordServerStatus(id: number, status: number | null): void;
  /** Technician: send a parked or waiting request again now (not once its personal data is purged). */
  retry(reference: string): boolean;
  /** Technician: send a request held for another server to the current one instead. */
  retarget(reference: string, serverTarget: string): boolean;
  /** Waiting requests per server they were made for, other than `target` (what a URL change would leave behind). */
  pendingForOtherTargets(target: string): Array<{ target: string; count: number }>;
  /** Technician, changing the server URL: every waiting request made for one of `from` is for `to` now. One transaction. */
  retargetAll(from: readonly string[], to: string): number;
  /** Waiting or held requests whose sealed PIN or token this kiosk's key cannot open (the key was changed or lost). */
  unreadableSecrets(): number;
  list(options?: { state?: SyncState; limit?: number }): OutboxRequest[];
  /** One resident's requests, newest first (purged ones no longer carry the NIK). */
  forResident(nik: string, limit: number): OutboxRequest[];
  /** Retention: personal data (and any secret) of sent, parked and rejected requests resolved before `before` is removed. */
  purgePersonalData(before: Date): number;
  /** Secrets of requests that are not pending, sealed before `before` (the PIN age limit), are deleted. */
  dropStaleSecrets(before: Date): number;
  /**
   * Deleted secrets stay readable in the WAL until a checkpoint overwrites it:
   * after any were deleted, checkpoint and truncate the WAL.
   */
  scrubDeletedSecrets(): boolean;
  counts(): OutboxCounts;
  /** When the oldest request still waiting was made, or null when none waits (the fleet's age of the outbox). */
  oldestPendingAt(): string | null;
  /**
   * When a request was last delivered to the village server (marked sent, or
   * adopted from the server's own list), or null: never. Read from the rows,
   * which are never deleted, so it survives a restart without a record of its own.
   */
  lastSyncedAt(): string | null;
  /** Waiting requests made for a server other than `target` (demo mode, or before the URL changed): never sent to this one by themselves. */
  heldForOtherServers(target: string | null): number;
  /** Requests taken per letter id, ever (kept after the personal data is purged). */
  letterUsage(): Map<number, number>;
  /** Whether this kiosk ever took a request for a real village server (demo mode's requests do not count). */
  servedResidents(): boolean;
}

/**
 * Whether the outbox holds any request made for a real village server, in any
 * state (rows outlive their personal data). Also asked of a database opened
 * read-only before a core exists (the hosts' demo-mode decision).
 */
export function hasServedResidents(db: Database): boolean {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'letter_request'").get() !== undefined;
  if (!hasTable) return false;
  return (
    db.prepare('SELECT EXISTS (SELECT 1 FROM letter_request WHERE server_target IS NULL OR server_target <> ?)').pluck().get(DEMO_TARGET) === 1
  );
}

export function createOutboxStore(db: Database, box: SecretBox, clock: () => Date = () => new Date()): OutboxStore {
  const iso = (date: Date = clock()) => date.toISOString();

  const insertRequest = db.prepare(`
    INSERT INTO letter_request (reference, created_at, kiosk_name, letter_id, letter_slug, letter_name,
      resident_nik, resident_name, answers_json, requirements_json, phone, note, verified, next_attempt_at, server_target,
      phone_from_office, queue_number)
    VALUES (@reference, @createdAt, @kioskName, @letterId, @letterSlug, @letterName,
      @residentNik, @residentName, @answers, @requirements, @phone, @note, @verified, @createdAt, @serverTarget, @phoneFromOffice,
      @queueNumber)`);
  const insertSecret = db.prepare(
    'INSERT INTO request_secret (request_id, kind, sealed, created_at, expires_at, sealed_pin) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const byId = db.prepare('SELECT * FROM letter_request WHERE id = ?');
  const byReference = db.prepare('SELECT * FROM letter_request WHERE reference = ?');
  const liveReference = db.prepare('SELECT reference FROM letter_request WHERE id = ? AND resident_nik IS NOT NULL').pluck();
  const nextDue = db.prepare(`SELECT min(next_attempt_at) FROM letter_request WHERE sync_state = ${PENDING}`).pluck();
  const earlierSibling = db
    .prepare(
      `SELECT 1 FROM letter_request WHERE sync_state = ${PENDING} AND id < ? AND resident_nik = ? AND letter_slug = ? LIMIT 1`,
    )
    .pluck();
  const selectSecret = db.prepare('SELECT kind, sealed, created_at, expires_at, sealed_pin FROM request_secret WHERE request_id = ?');
  const deleteSecretRow = db.prepare('DELETE FROM request_secret WHERE request_id = ?');
  const secretExists = db.prepare('SELECT 1 FROM request_secret WHERE request_id = ?').pluck();
  const tokenToPin = db.prepare(
    "UPDATE request_secret SET kind = 'pin', sealed = sealed_pin, sealed_pin = NULL, expires_at = NULL WHERE request_id = ? AND kind = 'token' AND sealed_pin IS NOT NULL",
  );
  const offlineOfResident = db.prepare(`
    SELECT s.request_id AS id, s.sealed FROM request_secret s JOIN letter_request r ON r.id = s.request_id
    WHERE r.sync_state = ${PENDING} AND r.resident_nik = ? AND s.kind = 'pin' ORDER BY s.request_id`);
  // Only while still waiting: a technician may have held it since the pass read it.
  const startAttempt = db.prepare(
    `UPDATE letter_request SET attempts = attempts + 1, attempt_started_at = ?, doubt_until = ?, attempt_mark = ? WHERE id = ? AND sync_state = ${PENDING}`,
  );
  const parkRaw = db.prepare(
    `UPDATE letter_request SET sync_state = ${PARKED}, last_error = ?, resolved_at = ? WHERE id = ? AND sync_state = ${PENDING}`,
  );
  const dueIds = db.prepare(`SELECT id, reference FROM letter_request WHERE sync_state = ${PENDING} AND next_attempt_at <= ? ORDER BY id`);
  const settleAttempt = db.prepare('UPDATE letter_request SET doubt_until = ? WHERE id = ?');
  const clearAttempt = db.prepare(
    'UPDATE letter_request SET attempt_started_at = NULL, doubt_until = NULL, attempt_mark = NULL WHERE id = ?',
  );
  const setSynced = db.prepare(`
    UPDATE letter_request SET sync_state = ${SYNCED}, server_id = ?, server_status = ?, resolved_at = ?,
      attempt_started_at = NULL, doubt_until = NULL, attempt_mark = NULL, last_error = NULL WHERE id = ? AND sync_state = ${PENDING}`);
  const setFinal = db.prepare(`
    UPDATE letter_request SET sync_state = ?, last_error = ?, resolved_at = ?, attempt_started_at = NULL, doubt_until = NULL,
      attempt_mark = NULL WHERE id = ?`);
  const setSchedule = db.prepare(`UPDATE letter_request SET next_attempt_at = ?, last_error = ? WHERE id = ? AND sync_state = ${PENDING}`);
  const serverIdTaken = db.prepare('SELECT 1 FROM letter_request WHERE server_id = ?').pluck();
  const setRetry = db.prepare(`
    UPDATE letter_request SET sync_state = ${PENDING}, next_attempt_at = ?, last_error = NULL, resolved_at = NULL, candidate_ids = NULL
    WHERE reference = ? AND sync_state IN (${PENDING}, ${PARKED}) AND purged_at IS NULL`);
  const setCandidates = db.prepare('UPDATE letter_request SET candidate_ids = ? WHERE id = ?');
  const parkWaiting = db.prepare(`
    UPDATE letter_request SET sync_state = ${PARKED}, last_error = ?, resolved_at = ?
    WHERE reference = ? AND sync_state = ${PENDING} AND attempt_started_at IS NULL AND attempt_mark IS NULL`);
  const candidatesOf = db.prepare(`SELECT id, candidate_ids FROM letter_request WHERE reference = ? AND sync_state = ${PARKED}`);
  const setAdopted = db.prepare(`
    UPDATE letter_request SET sync_state = ${SYNCED}, server_id = ?, server_status = NULL, resolved_at = ?, last_error = NULL,
      candidate_ids = NULL WHERE id = ? AND sync_state = ${PARKED}`);
  const setTarget = db.prepare(`
    UPDATE letter_request SET server_target = ?, sync_state = ${PENDING}, next_attempt_at = ?, last_error = NULL, resolved_at = NULL
    WHERE reference = ? AND sync_state IN (${PENDING}, ${PARKED}) AND purged_at IS NULL AND server_id IS NULL`);
  const pendingTargets = db.prepare(`
    SELECT server_target AS target, count(*) AS count FROM letter_request
    WHERE sync_state = ${PENDING} AND server_target IS NOT NULL AND server_target != ? GROUP BY server_target ORDER BY server_target`);
  const setTargetFrom = db.prepare(`
    UPDATE letter_request SET server_target = ?, next_attempt_at = ?, last_error = NULL
    WHERE sync_state = ${PENDING} AND server_target = ? AND purged_at IS NULL AND server_id IS NULL`);
  const liveSecrets = db.prepare(`
    SELECT s.sealed, s.sealed_pin FROM request_secret s JOIN letter_request r ON r.id = s.request_id
    WHERE r.sync_state IN (${PENDING}, ${PARKED})`);
  const setServerStatus = db.prepare('UPDATE letter_request SET server_status = ? WHERE id = ?');
  const purge = db.prepare(`
    UPDATE letter_request SET resident_nik = NULL, resident_name = NULL, answers_json = NULL, phone = NULL, note = NULL,
      purged_at = ? WHERE sync_state IN (${SYNCED}, ${PARKED}, ${REJECTED}) AND purged_at IS NULL AND resolved_at < ?`);
  const deleteSecretsOfPurged = db.prepare(
    'DELETE FROM request_secret WHERE request_id IN (SELECT id FROM letter_request WHERE purged_at IS NOT NULL)',
  );
  const deleteStaleSecrets = db.prepare(`
    DELETE FROM request_secret WHERE created_at < ?
      AND request_id IN (SELECT id FROM letter_request WHERE sync_state != ${PENDING})`);
  const forResident = db.prepare('SELECT * FROM letter_request WHERE resident_nik = ? ORDER BY id DESC LIMIT ?');
  const countRows = db.prepare('SELECT sync_state AS state, count(*) AS n FROM letter_request GROUP BY sync_state');
  const oldestPending = db.prepare(`SELECT min(created_at) FROM letter_request WHERE sync_state = ${PENDING}`).pluck();
  const lastSynced = db.prepare(`SELECT max(resolved_at) FROM letter_request WHERE sync_state = ${SYNCED}`).pluck();
  const usageRows = db.prepare('SELECT letter_id AS id, count(*) AS n FROM letter_request GROUP BY letter_id');
  const heldRows = db
    .prepare(`SELECT count(*) FROM letter_request WHERE sync_state = ${PENDING} AND server_target IS NOT NULL AND server_target IS NOT ?`)
    .pluck();

  function insertNew(params: Record<string, unknown>): ReturnType<typeof insertRequest.run> {
    try {
      return insertRequest.run(params);
    } catch (error) {
      if (/UNIQUE constraint failed: letter_request\.reference/.test(String(error))) throw new ReferenceTakenError(String(params.reference));
      throw error;
    }
  }

  const enqueueTx = db.transaction((request: NewLetterRequest, secret: RequestSecret | null, options: EnqueueOptions) => {
    const info = insertNew({
      ...request,
      createdAt: iso(),
      answers: JSON.stringify(request.answers),
      requirements: JSON.stringify(request.requirements),
      verified: request.verified ? 1 : 0,
      phoneFromOffice: request.phoneFromOffice ? 1 : 0,
      // Reserved inside this transaction: a number is never handed out for a request that was not stored.
      queueNumber: options.queueNumber?.() ?? null,
    });
    const id = Number(info.lastInsertRowid);
    if (secret?.kind === 'pin') insertSecret.run(id, 'pin', box.seal(secret.pin), iso(), null, null);
    if (secret?.kind === 'token') {
      const pin = secret.pin === null ? null : box.seal(secret.pin);
      insertSecret.run(id, 'token', box.seal(secret.token), iso(), secret.expiresAt.toISOString(), pin);
    }
    const stored = mustGet(id);
    options.alongside?.(stored);
    return stored;
  });

  let secretsDeleted = false;
  function deleteSecret(id: number): void {
    if (deleteSecretRow.run(id).changes > 0) secretsDeleted = true;
  }

  /** Final states drop the secret in the same transaction. */
  function finish(id: number, state: typeof OUTBOX_STATE.parked | typeof OUTBOX_STATE.rejected, message: string): void {
    db.transaction(() => {
      setFinal.run(state, message, iso(), id);
      deleteSecret(id);
    })();
  }

  function parkUnreadable(id: number, reason: string): void {
    db.transaction(() => {
      parkRaw.run(reason, iso(), id);
      deleteSecret(id);
    })();
  }

  function mustGet(id: number): OutboxRequest {
    const found = byId.get(id);
    if (!found) throw new Error(`no outbox request ${id}`);
    return toRequest(found);
  }

  return {
    enqueue(request: NewLetterRequest, secret: RequestSecret | null, options: EnqueueOptions = {}): OutboxRequest {
      return enqueueTx(request, secret, options);
    },
    liveReference: (id: number): string | null => (liveReference.get(id) as string | undefined) ?? null,
    get: (id: number): OutboxRequest | null => {
      const found = byId.get(id);
      return found ? toRequest(found) : null;
    },
    byReference(reference: string): OutboxRequest | null {
      const found = byReference.get(reference);
      return found ? toRequest(found) : null;
    },
    due(now: Date = clock()) {
      const requests: OutboxRequest[] = [];
      const unreadable: UnreadableRequest[] = [];
      for (const { id, reference } of dueIds.all(now.toISOString()) as Array<{ id: number; reference: string | null }>) {
        try {
          requests.push(mustGet(id));
        } catch (error) {
          const reason = `Data permohonan di kios rusak dan tidak dapat dibaca: ${describe(error)}`;
          parkUnreadable(id, reason);
          unreadable.push({ id, reference, reason });
        }
      }
      return { requests, unreadable };
    },
    nextDueAt(): string | null {
      return (nextDue.get() as string | null) ?? null;
    },
    hasEarlierPendingSibling: (request: OutboxRequest): boolean =>
      earlierSibling.get(request.id, request.residentNik, request.letterSlug) === 1,
    secret(id: number): StoredSecret | null {
      const found = selectSecret.get(id) as
        | { kind: 'pin' | 'token'; sealed: Buffer; created_at: string; expires_at: string | null; sealed_pin: Buffer | null }
        | undefined;
      if (!found) return null;
      const plaintext = box.open(found.sealed);
      const secret: RequestSecret =
        found.kind === 'pin'
          ? { kind: 'pin', pin: plaintext }
          : {
              kind: 'token',
              token: plaintext,
              expiresAt: new Date(found.expires_at ?? 0),
              pin: found.sealed_pin === null ? null : box.open(found.sealed_pin),
            };
      return { secret, createdAt: found.created_at };
    },
    deleteSecret,
    hasCredentials: (id: number): boolean => secretExists.get(id) === 1,
    forgetToken: (id: number): boolean => tokenToPin.run(id).changes === 1,
    rejectOfflineWithPin(nik: string, pin: string, message: string): OutboxRequest[] {
      const rejected: OutboxRequest[] = [];
      for (const { id, sealed } of offlineOfResident.all(nik) as Array<{ id: number; sealed: Buffer }>) {
        if (!sealedEquals(box, sealed, pin)) continue;
        finish(id, OUTBOX_STATE.rejected, message);
        const after = byId.get(id);
        if (after) rejected.push(toRequest(after));
      }
      return rejected;
    },
    markAttemptStarted(id: number, doubtUntil: Date, mark: number): boolean {
      return startAttempt.run(iso(), doubtUntil.toISOString(), mark, id).changes === 1;
    },
    settleAttempt: (id: number): void => void settleAttempt.run(iso(), id),
    clearAttempt: (id: number): void => void clearAttempt.run(id),
    markSynced(id, serverId, serverStatus) {
      db.transaction(() => {
        setSynced.run(serverId, serverStatus, iso(), id);
        deleteSecret(id);
      })();
    },
    park(id, message, options = {}) {
      db.transaction(() => {
        if (options.keepSecret) setFinal.run(OUTBOX_STATE.parked, message, iso(), id);
        else finish(id, OUTBOX_STATE.parked, message);
        if (options.candidates) setCandidates.run(JSON.stringify(options.candidates), id);
      })();
    },
    parkByTechnician(reference, message) {
      return parkWaiting.run(message, iso(), reference).changes === 1;
    },
    adopt(reference, serverId) {
      return db.transaction(() => {
        const row = candidatesOf.get(reference) as { id: number; candidate_ids: string | null } | undefined;
        if (!row?.candidate_ids) return false;
        const ids = JSON.parse(row.candidate_ids) as number[];
        if (!ids.includes(serverId) || serverIdTaken.get(serverId) === 1) return false;
        setAdopted.run(serverId, iso(), row.id);
        deleteSecret(row.id);
        return true;
      })();
    },
    reject(id, message) {
      finish(id, OUTBOX_STATE.rejected, message);
    },
    reschedule(id: number, at: Date, error: string | null): void {
      setSchedule.run(at.toISOString(), error, id);
    },
    isServerIdTaken: (serverId: number): boolean => serverIdTaken.get(serverId) === 1,
    recordServerStatus: (id: number, status: number | null): void => void setServerStatus.run(status, id),
    retry(reference: string): boolean {
      return setRetry.run(iso(), reference).changes === 1;
    },
    retarget(reference: string, serverTarget: string): boolean {
      return setTarget.run(serverTarget, iso(), reference).changes === 1;
    },
    pendingForOtherTargets(target) {
      return pendingTargets.all(target) as Array<{ target: string; count: number }>;
    },
    retargetAll(from, to) {
      return db.transaction(() => from.reduce((moved, target) => moved + setTargetFrom.run(to, iso(), target).changes, 0))();
    },
    unreadableSecrets() {
      let unreadable = 0;
      for (const row of liveSecrets.all() as Array<{ sealed: Buffer; sealed_pin: Buffer | null }>) {
        if (!opens(box, row.sealed) || (row.sealed_pin !== null && !opens(box, row.sealed_pin))) unreadable += 1;
      }
      return unreadable;
    },
    list(options: { state?: SyncState; limit?: number } = {}): OutboxRequest[] {
      const limit = options.limit ?? 200;
      const rows = options.state
        ? db.prepare('SELECT * FROM letter_request WHERE sync_state = ? ORDER BY id DESC LIMIT ?').all(options.state, limit)
        : db.prepare('SELECT * FROM letter_request ORDER BY id DESC LIMIT ?').all(limit);
      return readable(rows);
    },
    forResident(nik, limit) {
      return readable(forResident.all(nik, limit));
    },
    purgePersonalData(before: Date): number {
      return db.transaction(() => {
        const purged = purge.run(iso(), before.toISOString()).changes;
        if (deleteSecretsOfPurged.run().changes > 0) secretsDeleted = true;
        return purged;
      })();
    },
    dropStaleSecrets(before: Date): number {
      const dropped = deleteStaleSecrets.run(before.toISOString()).changes;
      if (dropped > 0) secretsDeleted = true;
      return dropped;
    },
    scrubDeletedSecrets(): boolean {
      if (!secretsDeleted) return false;
      secretsDeleted = false;
      db.pragma('wal_checkpoint(TRUNCATE)');
      return true;
    },
    letterUsage(): Map<number, number> {
      return new Map((usageRows.all() as Array<{ id: number; n: number }>).map(({ id, n }) => [id, n]));
    },
    heldForOtherServers(target) {
      return heldRows.get(target) as number;
    },
    servedResidents: () => hasServedResidents(db),
    oldestPendingAt: (): string | null => (oldestPending.get() as string | null) ?? null,
    lastSyncedAt: (): string | null => (lastSynced.get() as string | null) ?? null,
    counts(): OutboxCounts {
      const counts = Object.fromEntries(OUTBOX_STATES.map((state) => [state, 0])) as OutboxCounts;
      for (const { state, n } of countRows.all() as Array<{ state: SyncState; n: number }>) counts[state] = n;
      return counts;
    },
  };
}

/** An unreadable secret is that request's own problem, met when it is due: not a match. */
function sealedEquals(box: SecretBox, sealed: Buffer, plaintext: string): boolean {
  try {
    return box.open(sealed) === plaintext;
  } catch {
    return false;
  }
}

function opens(box: SecretBox, sealed: Buffer): boolean {
  try {
    box.open(sealed);
    return true;
  } catch {
    return false;
  }
}

/** Lists skip a row that cannot be read; `due` parks it with its reason, and `counts` still counts it. */
function readable(rows: unknown[]): OutboxRequest[] {
  return rows.flatMap((raw) => {
    try {
      return [toRequest(raw)];
    } catch {
      return [];
    }
  });
}

function describe(error: unknown): string {
  if (error instanceof z.ZodError) return error.issues.map((i) => `${i.path.join('.') || '(baris)'}: ${i.message}`).join('; ');
  return error instanceof Error ? error.message : String(error);
}
