/**
 * What sending one letter request is, exactly once, whatever happens to the
 * link, the server or the kiosk. The sync worker (`sync-worker.ts`) decides
 * when; this decides how, for one request at a time:
 *
 * 1. Credentials: a request is sent only with what it carries itself (its
 *    session's token, or the PIN the resident typed); nothing is shared
 *    between residents or sessions. Logins with a PIN are made once per
 *    distinct NIK + PIN (`login-cache.ts`), and a PIN the server refuses
 *    rejects every request sealed with it without asking again (the server
 *    locks a NIK after 5 failures).
 * 2. Mark: the server has no idempotency key and its clock cannot be trusted,
 *    so just before each attempt the resident's newest server request id is
 *    read and stored with the attempt, in the database, before the request
 *    leaves.
 * 3. Submit.
 * 4. Adopt: after an attempt whose outcome is unknown (timeout, dropped
 *    connection, 5xx, a kiosk that died) the resident's requests above the
 *    mark are listed, every page, and the adoption rule (`adoption.ts`)
 *    applied: one row is adopted; none means send again (after
 *    `doubtGraceSeconds`, since an in-flight request may yet land); more than
 *    one is never guessed: the request is parked with the candidates.
 * 5. Classify a failure (`failure-class.ts`) and act on it.
 *
 * Isolation: one request that cannot be read, opened or sent is parked with
 * its reason; the worker's pass goes on.
 */
import type { Logger } from 'pino';
import type { VillageError } from '../village/errors';
import type { ServerRequest, SubmitRequest, VillageResult, VillageServer } from '../village/types';
import { adoptionCandidates } from './adoption';
import { backoffMs } from './backoff';
import { classifyFailure, type AttemptPhase } from './failure-class';
import type { LoginCache } from './login-cache';
import type { OutboxRequest, OutboxStore } from './outbox-store';
import { MESSAGES } from './sync-messages';

export type SyncOutcome = 'synced' | 'adopted' | 'parked' | 'rejected' | 'deferred' | 'retry' | 'server-down';

/** The server to send to now, and its identity (see `server-target.ts`). */
export interface SyncServer {
  client: VillageServer;
  target: string;
}

export interface SendSettings {
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  pinMaxAgeHours: number;
  doubtGraceSeconds: number;
  submitTimeoutSeconds: number;
}

export interface SendResult {
  outcome: SyncOutcome;
  /** Other waiting requests rejected with this one (sealed with the same refused PIN). */
  alsoRejected: number;
}

export interface SendProtocol {
  /** Sends one due request; never throws (a failure inside the kiosk parks the request, or ends the pass). */
  send(server: SyncServer, request: OutboxRequest): Promise<SendResult>;
}

export interface SendProtocolOptions {
  store: OutboxStore;
  settings: () => SendSettings;
  logins: LoginCache;
  log: Logger;
  clock: () => Date;
  random: () => number;
}

/** Rows per page when looking for an attempt's row above the mark (the API's maximum). */
const ADOPTION_PAGE_SIZE = 100;
const ADOPTION_MAX_PAGES = 50;

/** How a request will authenticate this time: its session's token, or a login with its PIN. */
type Auth =
  | { ok: true; token: string; via: 'session' }
  | { ok: true; token: string; via: 'pin'; credential: string }
  | { ok: false; outcome: SyncOutcome };

/** What one send did besides its outcome. */
interface Tally {
  alsoRejected: number;
}

export function createSendProtocol(options: SendProtocolOptions): SendProtocol {
  const { store, log, logins, clock } = options;

  function later(ms: number): Date {
    return new Date(clock().getTime() + ms);
  }

  function retryAt(request: OutboxRequest): Date {
    const s = options.settings();
    return later(backoffMs(request.attempts + 1, s.baseDelaySeconds * 1000, s.maxDelaySeconds * 1000, options.random));
  }

  /** Whatever goes wrong with one request parks that request only. */
  async function send(server: SyncServer, request: OutboxRequest): Promise<SendResult> {
    const tally: Tally = { alsoRejected: 0 };
    try {
      return { outcome: await sendOne(server, request, tally), alsoRejected: tally.alsoRejected };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      if (isStorageTrouble(error)) {
        // Disk full or locked: nothing about this request is wrong; try again later.
        log.error({ reference: request.reference, err: error }, 'outbox could not be written; the pass ends');
        return { outcome: 'server-down', alsoRejected: tally.alsoRejected };
      }
      log.error({ reference: request.reference, err: error }, 'request failed inside the kiosk; parked for a technician');
      try {
        return { outcome: park(request, MESSAGES.crashed(detail), { keepSecret: true }), alsoRejected: tally.alsoRejected };
      } catch (parkError) {
        log.error({ reference: request.reference, err: parkError }, 'request could not even be parked');
        return { outcome: 'retry', alsoRejected: tally.alsoRejected };
      }
    }
  }

  async function sendOne(server: SyncServer, request: OutboxRequest, tally: Tally): Promise<SyncOutcome> {
    if (request.serverTarget !== null && request.serverTarget !== server.target) {
      // Held, not parked: it keeps its credentials until a technician decides (adm outbox retarget).
      const message = MESSAGES.otherServer(request.serverTarget, server.target);
      if (request.lastError !== message) log.warn({ reference: request.reference, made: request.serverTarget, now: server.target }, 'request held: made for another server');
      store.reschedule(request.id, later(options.settings().maxDelaySeconds * 1000), message);
      return 'deferred';
    }
    const auth = await authorise(server.client, request, tally);
    if (!auth.ok) return auth.outcome;

    if (request.attemptStartedAt !== null) {
      if (request.doubtUntil !== null && clock() < new Date(request.doubtUntil)) {
        store.reschedule(request.id, new Date(request.doubtUntil), request.lastError);
        return 'deferred';
      }
      const adoption = await adopt(server.client, auth.token, request);
      if (adoption === 'adopted' || adoption === 'parked') return adoption;
      if (adoption !== 'absent') return failure(request, adoption, 'list', auth);
    }

    const mark = await newestServerId(server.client, auth.token);
    if (!mark.ok) return failure(request, mark.error, 'list', auth);
    const s = options.settings();
    if (!store.markAttemptStarted(request.id, later((s.submitTimeoutSeconds + s.doubtGraceSeconds) * 1000), mark.value)) {
      log.info({ reference: request.reference }, 'request held by a technician during the pass; not sent');
      return 'deferred';
    }
    const result = await server.client.submitRequest(auth.token, submission(request));
    if (result.ok) {
      store.markSynced(request.id, result.value.id, result.value.statusCode);
      log.info({ reference: request.reference, serverId: result.value.id }, 'request sent');
      return 'synced';
    }
    return failure(request, result.error, 'submit', auth);
  }

  /** The request's own credentials: its session token while valid, else a login with its PIN. */
  async function authorise(server: VillageServer, request: OutboxRequest, tally: Tally): Promise<Auth> {
    let stored;
    try {
      stored = store.secret(request.id);
    } catch (error) {
      return { ok: false, outcome: park(request, MESSAGES.unreadableSecret(error instanceof Error ? error.message : String(error))) };
    }
    if (!stored) return { ok: false, outcome: park(request, MESSAGES.noCredentials) };
    const { secret } = stored;
    // The token's own lifetime, counted on this kiosk's clock from the login: no margin, a refusal falls back to the PIN.
    if (secret.kind === 'token' && clock() < secret.expiresAt) return { ok: true, token: secret.token, via: 'session' };
    const pin = secret.pin;
    if (pin === null) return { ok: false, outcome: park(request, MESSAGES.sessionExpired) };
    const ageHours = (clock().getTime() - Date.parse(stored.createdAt)) / 3_600_000;
    if (ageHours > options.settings().pinMaxAgeHours) return { ok: false, outcome: park(request, MESSAGES.pinTooOld) };

    const nik = request.residentNik ?? '';
    const credential = logins.credentialOf(nik, pin);
    if (logins.refused(credential)) return { ok: false, outcome: rejectWrongPin(request, nik, pin, tally) };
    const cached = logins.token(credential, clock().getTime());
    if (cached !== null) return { ok: true, token: cached, via: 'pin', credential };

    const login = await server.login(nik, pin);
    if (login.ok) {
      logins.remember(credential, login.value.token, clock().getTime() + login.value.expiresIn * 1000);
      return { ok: true, token: login.value.token, via: 'pin', credential };
    }
    if (login.error.kind === 'wrong-credentials') {
      logins.refuse(credential);
      return { ok: false, outcome: rejectWrongPin(request, nik, pin, tally) };
    }
    if (login.error.kind === 'locked') {
      store.reschedule(request.id, later(login.error.seconds * 1000), `login: ${login.error.message}`);
      return { ok: false, outcome: 'deferred' };
    }
    return { ok: false, outcome: failure(request, login.error, 'login', null) };
  }

  /** This request and every other pending one sealed with the same NIK + PIN: one refusal is enough. */
  function rejectWrongPin(request: OutboxRequest, nik: string, pin: string, tally: Tally): SyncOutcome {
    store.reject(request.id, MESSAGES.wrongPin);
    const others = store.rejectOfflineWithPin(nik, pin, MESSAGES.wrongPin).filter((r) => r.id !== request.id);
    tally.alsoRejected += others.length;
    log.warn({ reference: request.reference, nik, alsoRejected: others.map((r) => r.reference) }, 'request rejected: wrong PIN at the server');
    return 'rejected';
  }

  async function newestServerId(server: VillageServer, token: string): Promise<VillageResult<number>> {
    const listed = await server.listRequests(token, { pageSize: 1 });
    if (!listed.ok) return listed;
    return { ok: true, value: listed.value[0]?.id ?? 0 };
  }

  /** After an attempt in doubt: the one row of this letter above the mark, if there is exactly one. */
  async function adopt(server: VillageServer, token: string, request: OutboxRequest): Promise<'adopted' | 'absent' | 'parked' | VillageError> {
    const mark = request.attemptMark;
    // The server has not decided: the credentials stay, so `adm outbox retry` can still send it.
    if (mark === null) return park(request, MESSAGES.noMark, { keepSecret: true });
    const above: ServerRequest[] = [];
    for (let page = 1; ; page++) {
      if (page > ADOPTION_MAX_PAGES) return park(request, MESSAGES.tooManyAbove, { keepSecret: true });
      const listed = await server.listRequests(token, { pageSize: ADOPTION_PAGE_SIZE, page });
      if (!listed.ok) return listed.error;
      above.push(...listed.value.filter((row) => row.id > mark));
      // Newest first: the mark's page (or the last page) ends the search.
      if (listed.value.length < ADOPTION_PAGE_SIZE || listed.value.some((row) => row.id <= mark)) break;
    }
    const candidates = adoptionCandidates(above, request, mark, store.isServerIdTaken);
    if (candidates.length === 0) {
      log.info({ reference: request.reference, mark }, 'attempt in doubt did not reach the server; sending again');
      return 'absent';
    }
    if (candidates.length > 1) {
      log.warn({ reference: request.reference, mark, candidates: candidates.map((c) => c.id) }, 'several server rows could be this request');
      const ids = candidates.map((c) => c.id);
      return park(request, MESSAGES.ambiguous(ids), { keepSecret: true, candidates: ids });
    }
    const match = candidates[0]!;
    store.markSynced(request.id, match.id, match.statusCode);
    log.info({ reference: request.reference, serverId: match.id, mark }, 'request adopted from an earlier attempt');
    return 'adopted';
  }

  function failure(request: OutboxRequest, error: VillageError, phase: AttemptPhase, auth: Auth | null): SyncOutcome {
    const message = `${phase}: ${error.message}`;
    const failed = classifyFailure(error, phase);
    switch (failed.kind) {
      case 'transient':
        if (failed.settle) store.settleAttempt(request.id);
        store.reschedule(request.id, retryAt(request), message);
        log.warn({ reference: request.reference, phase, reason: error.kind === 'transient' ? error.reason : undefined, error: error.message }, 'request not sent; will retry');
        return failed.serverDown ? 'server-down' : 'retry';
      case 'unavailable':
        store.reschedule(request.id, retryAt(request), message);
        log.warn({ reference: request.reference, phase, error: error.message }, 'village server unavailable');
        return 'server-down';
      case 'token-refused':
        // A refused session token falls back to the PIN; a refused PIN token is fetched again.
        if (failed.clearAttempt) store.clearAttempt(request.id);
        if (auth?.ok && auth.via === 'session' && !store.forgetToken(request.id)) return park(request, MESSAGES.sessionExpired);
        if (auth?.ok && auth.via === 'pin') logins.forget(auth.credential);
        store.reschedule(request.id, retryAt(request), message);
        log.info({ reference: request.reference, phase }, 'token refused; the next attempt logs in with the PIN');
        return 'retry';
      case 'locked':
        store.reschedule(request.id, later(failed.seconds * 1000), message);
        return 'deferred';
      case 'refused':
        if (failed.clearAttempt) store.clearAttempt(request.id);
        return park(request, failed.message);
    }
  }

  function park(request: OutboxRequest, message: string, parkOptions?: { keepSecret?: boolean; candidates?: number[] }): 'parked' {
    store.park(request.id, message, parkOptions);
    log.warn({ reference: request.reference, reason: message }, 'request parked for a technician');
    return 'parked';
  }

  return { send };
}

/** SQLite could not write (disk full, I/O, locked): a kiosk problem, not the request's. */
function isStorageTrouble(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CANTOPEN)/.test(code);
}

function submission(request: OutboxRequest): SubmitRequest {
  return {
    slug: request.letterSlug,
    letterId: request.letterId,
    answers: request.answers ?? {},
    requirements: request.requirements,
    phone: request.phone ?? '',
    note: request.note,
    reference: request.reference,
  };
}
