/**
 * The outbox worker: sends pending letter requests to the village server,
 * exactly once, whatever happens to the link, the server or the kiosk.
 *
 * The server has no idempotency key, so before sending again after an attempt
 * whose outcome is unknown (timeout, dropped connection, 5xx, or a kiosk that
 * died mid-request), the worker lists the resident's requests and ADOPTS a row
 * that attempt created: same letter, sent at or after the attempt started
 * (less the allowed clock skew), not already adopted by another local request.
 * Two rules keep that unambiguous:
 *  - an attempt is marked in the database BEFORE the request leaves, so a
 *    crash always leaves it "in doubt";
 *  - requests of one resident for one letter go strictly in order, so only
 *    one of them can be in doubt at a time.
 * An attempt that got no answer stays in doubt until `doubtGraceSeconds` have
 * passed: a request still in flight when the kiosk died may yet land.
 */
import type { Logger } from 'pino';
import type { VillageError } from '../village/errors';
import type { ResidentLogin, SubmitRequest, VillageServer } from '../village/types';
import { backoffMs } from './backoff';
import type { OutboxRequest, OutboxStore } from './outbox-store';

export interface SyncSettings {
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  pollSeconds: number;
  pinMaxAgeHours: number;
  doubtGraceSeconds: number;
  clockSkewSeconds: number;
  submitTimeoutSeconds: number;
}

export interface SyncPassSummary {
  attempted: number;
  synced: number;
  adopted: number;
  parked: number;
  rejected: number;
  deferred: number;
  serverDown: boolean;
  counts: ReturnType<OutboxStore['counts']>;
}

export type SyncOutcome = 'synced' | 'adopted' | 'parked' | 'rejected' | 'deferred' | 'retry' | 'server-down';

export interface SyncWorkerOptions {
  store: OutboxStore;
  /** The configured server, or null when none is set up. */
  server: () => VillageServer | null;
  settings: () => SyncSettings;
  log: Logger;
  clock?: () => Date;
  random?: () => number;
  /** Called after every pass (the UI shows the outbox state). */
  onPass?: (summary: SyncPassSummary) => void;
}

export const MESSAGES = {
  wrongPin: 'PIN warga ditolak server desa. Permohonan tidak dikirim; warga perlu mengajukan lagi.',
  pinTooOld: 'PIN tersimpan sudah melewati batas waktu. Permohonan tidak dikirim; warga perlu mengajukan lagi.',
  noCredentials: 'Tidak ada PIN atau sesi tersimpan untuk permohonan ini; warga perlu mengajukan lagi.',
  sessionExpired: 'Sesi warga sudah berakhir sebelum permohonan terkirim; warga perlu mengajukan lagi.',
} as const;

interface CachedToken {
  token: string;
  expiresAt: number;
}

export interface SyncWorker {
  /** One pass over every due request. */
  runOnce(): Promise<SyncPassSummary>;
  /** Run passes until stopped; wakes early on `wake()`. */
  start(): void;
  /** A new request was committed: look now rather than at the next poll. */
  wake(): void;
  /** Let the request in flight finish, then stop. */
  stop(): Promise<void>;
  /** A resident just signed in: use their token for their pending requests. */
  rememberToken(nik: string, login: Pick<ResidentLogin, 'token' | 'expiresIn'>): void;
}

export function createSyncWorker(options: SyncWorkerOptions): SyncWorker {
  const { store, log } = options;
  const clock = options.clock ?? (() => new Date());
  const random = options.random ?? Math.random;
  const tokens = new Map<string, CachedToken>();
  let running = false;
  let stopping = false;
  let currentPass: Promise<SyncPassSummary> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let wakeUp: (() => void) | null = null;
  let downStreak = 0;

  function later(ms: number): Date {
    return new Date(clock().getTime() + ms);
  }

  function retryAt(request: OutboxRequest): Date {
    const s = options.settings();
    return later(backoffMs(request.attempts + 1, s.baseDelaySeconds * 1000, s.maxDelaySeconds * 1000, random));
  }

  async function runOnce(): Promise<SyncPassSummary> {
    const summary: SyncPassSummary = {
      attempted: 0,
      synced: 0,
      adopted: 0,
      parked: 0,
      rejected: 0,
      deferred: 0,
      serverDown: false,
      counts: store.counts(),
    };
    const server = options.server();
    if (!server) {
      summary.serverDown = store.counts().pending > 0;
      return summary;
    }
    for (const request of store.due(clock())) {
      if (stopping) break;
      if (store.hasEarlierPendingSibling(request)) {
        summary.deferred += 1;
        continue;
      }
      const outcome = await processOne(server, request);
      if (outcome === 'synced') summary.synced += 1;
      else if (outcome === 'adopted') summary.adopted += 1;
      else if (outcome === 'parked') summary.parked += 1;
      else if (outcome === 'rejected') summary.rejected += 1;
      else if (outcome === 'deferred') summary.deferred += 1;
      if (outcome !== 'deferred') summary.attempted += 1;
      if (outcome === 'server-down') {
        summary.serverDown = true;
        break;
      }
    }
    summary.counts = store.counts();
    options.onPass?.(summary);
    return summary;
  }

  async function processOne(server: VillageServer, request: OutboxRequest): Promise<SyncOutcome> {
    const auth = await authorise(server, request);
    if (typeof auth !== 'string') return auth.outcome;
    const token = auth;

    if (request.attemptStartedAt !== null) {
      if (request.doubtUntil !== null && clock() < new Date(request.doubtUntil)) {
        store.reschedule(request.id, new Date(request.doubtUntil), request.lastError);
        return 'deferred';
      }
      const adoption = await adopt(server, token, request);
      if (adoption === 'adopted') return 'adopted';
      if (adoption !== 'absent') return failure(request, adoption, 'list');
    }

    const s = options.settings();
    store.markAttemptStarted(request.id, later((s.submitTimeoutSeconds + s.doubtGraceSeconds) * 1000));
    const result = await server.submitRequest(token, submission(request));
    if (result.ok) {
      store.markSynced(request.id, result.value.id, result.value.statusCode);
      log.info({ reference: request.reference, serverId: result.value.id }, 'request sent');
      return 'synced';
    }
    return failure(request, result.error, 'submit');
  }

  /** A token for the request's resident: cached, sealed with the request, or a login with the sealed PIN. */
  async function authorise(server: VillageServer, request: OutboxRequest): Promise<string | { outcome: SyncOutcome }> {
    const nik = request.residentNik ?? '';
    const cached = tokens.get(nik);
    if (cached && cached.expiresAt - 60_000 > clock().getTime()) return cached.token;

    const stored = store.secret(request.id);
    if (!stored) return { outcome: park(request, MESSAGES.noCredentials) };
    if (stored.secret.kind === 'token') {
      if (stored.secret.expiresAt.getTime() - 60_000 <= clock().getTime()) {
        return { outcome: park(request, MESSAGES.sessionExpired) };
      }
      return stored.secret.token;
    }
    const ageHours = (clock().getTime() - Date.parse(stored.createdAt)) / 3_600_000;
    if (ageHours > options.settings().pinMaxAgeHours) return { outcome: park(request, MESSAGES.pinTooOld) };

    const login = await server.login(nik, stored.secret.pin);
    if (login.ok) {
      tokens.set(nik, { token: login.value.token, expiresAt: clock().getTime() + login.value.expiresIn * 1000 });
      return login.value.token;
    }
    if (login.error.kind === 'wrong-credentials') {
      store.reject(request.id, MESSAGES.wrongPin);
      log.warn({ reference: request.reference, nik }, 'offline request rejected: wrong PIN at the server');
      return { outcome: 'rejected' };
    }
    if (login.error.kind === 'locked') {
      store.reschedule(request.id, later(login.error.seconds * 1000), login.error.message);
      return { outcome: 'deferred' };
    }
    return { outcome: failure(request, login.error, 'login') };
  }

  async function adopt(server: VillageServer, token: string, request: OutboxRequest): Promise<'adopted' | 'absent' | VillageError> {
    const listed = await server.listRequests(token, { pageSize: 20 });
    if (!listed.ok) return listed.error;
    const since = Date.parse(request.attemptStartedAt ?? '') - options.settings().clockSkewSeconds * 1000;
    const match = listed.value
      .filter((row) => row.letterName === request.letterName && Date.parse(row.submittedAt) >= since)
      .filter((row) => !store.isServerIdTaken(row.id))
      .sort((a, b) => a.id - b.id)[0];
    if (!match) {
      log.info({ reference: request.reference }, 'attempt in doubt did not reach the server; sending again');
      return 'absent';
    }
    store.markSynced(request.id, match.id, match.statusCode);
    log.info({ reference: request.reference, serverId: match.id }, 'request adopted from an earlier attempt');
    return 'adopted';
  }

  function failure(request: OutboxRequest, error: VillageError, phase: 'login' | 'list' | 'submit'): SyncOutcome {
    const message = `${phase}: ${error.message}`;
    switch (error.kind) {
      case 'transient':
        // A server that answered (5xx) has nothing more in flight; a timeout or
        // a dropped connection may still land and stays in doubt.
        if (phase === 'submit' && error.reason === 'server') store.settleAttempt(request.id);
        store.reschedule(request.id, retryAt(request), message);
        log.warn({ reference: request.reference, phase, reason: error.reason, error: error.message }, 'request not sent; will retry');
        return error.reason === 'network' ? 'server-down' : 'retry';
      case 'unavailable':
        store.reschedule(request.id, retryAt(request), message);
        log.warn({ reference: request.reference, phase, error: error.message }, 'village server unavailable');
        return 'server-down';
      case 'unauthorised': {
        tokens.delete(request.residentNik ?? '');
        if (phase === 'submit') store.clearAttempt(request.id);
        if (store.secret(request.id)?.secret.kind === 'token') return park(request, MESSAGES.sessionExpired);
        store.reschedule(request.id, later(0), message);
        return 'retry';
      }
      case 'locked':
        store.reschedule(request.id, later(error.seconds * 1000), message);
        return 'deferred';
      case 'validation': {
        if (phase === 'submit') store.clearAttempt(request.id);
        const fields = Object.entries(error.fields)
          .map(([field, messages]) => `${field}: ${messages.join(' ')}`)
          .join('; ');
        return park(request, `Ditolak server desa: ${fields || error.message}`);
      }
      case 'wrong-credentials':
      case 'permanent':
        if (phase === 'submit') store.clearAttempt(request.id);
        return park(request, `Ditolak server desa: ${error.message}`);
    }
  }

  function park(request: OutboxRequest, message: string): SyncOutcome {
    store.park(request.id, message);
    log.warn({ reference: request.reference, reason: message }, 'request parked for a technician');
    return 'parked';
  }

  async function loop(): Promise<void> {
    while (running) {
      currentPass = runOnce().catch((error: unknown) => {
        log.error({ err: error }, 'sync pass failed');
        return null as unknown as SyncPassSummary;
      });
      const summary = await currentPass;
      currentPass = null;
      if (!running) break;
      const s = options.settings();
      downStreak = summary?.serverDown ? downStreak + 1 : 0;
      // While the server is down the whole worker backs off, not each request.
      let waitMs = downStreak > 0 ? backoffMs(downStreak, s.baseDelaySeconds * 1000, s.maxDelaySeconds * 1000, random) : s.pollSeconds * 1000;
      const next = store.nextDueAt();
      if (next !== null && downStreak === 0) waitMs = Math.min(waitMs, Math.max(0, Date.parse(next) - clock().getTime()));
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        timer = setTimeout(resolve, waitMs);
      });
      wakeUp = null;
    }
  }

  return {
    runOnce,
    start() {
      if (running) return;
      running = true;
      stopping = false;
      void loop();
    },
    wake() {
      downStreak = 0;
      if (timer) clearTimeout(timer);
      wakeUp?.();
    },
    async stop() {
      running = false;
      stopping = true;
      if (timer) clearTimeout(timer);
      wakeUp?.();
      await currentPass;
    },
    rememberToken(nik, login) {
      tokens.set(nik, { token: login.token, expiresAt: clock().getTime() + login.expiresIn * 1000 });
    },
  };
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
