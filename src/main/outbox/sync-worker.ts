/**
 * The outbox worker: sends pending letter requests to the village server,
 * exactly once, whatever happens to the link, the server or the kiosk.
 *
 * Authorisation: a request is sent only with the credentials it carries itself
 * (its session's token, or the PIN the resident typed); nothing is shared
 * between residents or sessions. Logins with a PIN are made once per distinct
 * NIK + PIN, and a PIN the server refuses rejects every request sealed with it
 * without asking again (the server locks a NIK after 5 failures).
 *
 * Exactly once: the server has no idempotency key and its clock cannot be
 * trusted, so just before each attempt the worker reads the resident's newest
 * server request id (the "mark") and stores it with the attempt, in the
 * database, before the request leaves. After an attempt whose outcome is
 * unknown (timeout, dropped connection, 5xx, a kiosk that died) it lists the
 * resident's requests above the mark, every page, and keeps those of the same
 * letter no other local request has adopted: one is adopted; none means send
 * again (after `doubtGraceSeconds`, since an in-flight request may yet land);
 * more than one is never guessed: the request is parked with the candidates.
 * Requests of one resident for one letter go strictly in order, so only one of
 * them can be in doubt at a time.
 *
 * Isolation: one request that cannot be read, opened or sent is parked with its
 * reason and the pass goes on.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { describeTarget } from '../village/server-target';
import type { VillageError } from '../village/errors';
import type { ServerRequest, SubmitRequest, VillageResult, VillageServer } from '../village/types';
import { backoffMs } from './backoff';
import { REFUSED_PREFIX } from './last-error';
import type { OutboxRequest, OutboxStore } from './outbox-store';

export interface SyncSettings {
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  pollSeconds: number;
  pinMaxAgeHours: number;
  doubtGraceSeconds: number;
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
  /** Why nothing was sent at all (the kiosk needs a technician), or null. */
  held: string | null;
  counts: ReturnType<OutboxStore['counts']>;
}

export type SyncOutcome = 'synced' | 'adopted' | 'parked' | 'rejected' | 'deferred' | 'retry' | 'server-down';

/** The server to send to now, and its identity (see `server-target.ts`). */
export interface SyncServer {
  client: VillageServer;
  target: string;
}

export interface SyncWorkerOptions {
  store: OutboxStore;
  /** The configured server, or null when none is set up. */
  server: () => SyncServer | null;
  /** A reason to send nothing at all (an unreadable configuration), or null. */
  hold?: () => string | null;
  settings: () => SyncSettings;
  log: Logger;
  clock?: () => Date;
  random?: () => number;
  /** Called after every pass (the UI shows the outbox state). */
  onPass?: (summary: SyncPassSummary) => void;
}

/** Reasons written to the outbox for technicians (`adm outbox list`). */
export const MESSAGES = {
  wrongPin: 'PIN warga ditolak server desa. Permohonan tidak dikirim; warga perlu mengajukan lagi.',
  pinTooOld: 'PIN tersimpan sudah melewati batas waktu. Permohonan tidak dikirim; warga perlu mengajukan lagi.',
  noCredentials: 'Tidak ada PIN atau sesi tersimpan untuk permohonan ini; warga perlu mengajukan lagi.',
  sessionExpired: 'Sesi warga sudah berakhir sebelum permohonan terkirim; warga perlu mengajukan lagi.',
  unreadableSecret: (detail: string) =>
    `PIN atau sesi tersimpan tidak dapat dibuka (${detail}); kunci kios mungkin berganti. Warga perlu mengajukan lagi.`,
  otherServer: (made: string | null, current: string) =>
    `Permohonan ini dibuat untuk ${describeTarget(made)}, bukan ${describeTarget(current)}; ditahan, tidak dikirim. ` +
    'Jika memang harus ke server sekarang: adm outbox retarget <referensi>.',
  ambiguous: (ids: number[]) =>
    `Lebih dari satu permohonan di server bisa jadi permohonan ini (id ${ids.join(', ')}); tidak dikirim lagi. ` +
    'Periksa di OpenSID; bila tidak ada yang cocok, kirim lagi di Admin > Permohonan atau dengan adm outbox retry.',
  noMark: 'Pengiriman sebelumnya tidak pasti dan dibuat oleh versi kios lama; periksa di OpenSID sebelum mengirim lagi (Admin > Permohonan atau adm outbox retry).',
  tooManyAbove: 'Terlalu banyak permohonan baru warga di server untuk diperiksa; periksa di OpenSID sebelum mengirim lagi (Admin > Permohonan atau adm outbox retry).',
  crashed: (detail: string) => `Kesalahan kios saat mengirim permohonan ini: ${detail}`,
} as const;

/** Rows per page when looking for an attempt's row above the mark (the API's maximum). */
const ADOPTION_PAGE_SIZE = 100;
const ADOPTION_MAX_PAGES = 50;

export interface SyncWorker {
  /** One pass over every due request. */
  runOnce(): Promise<SyncPassSummary>;
  /** Run passes until stopped; wakes early on `wake()`. */
  start(): void;
  /** A new request was committed: look now rather than at the next poll. */
  wake(): void;
  /** Let the request in flight finish, then stop. */
  stop(): Promise<void>;
  /** A technician paused sending (admin's outbox screen); the request in flight finishes first. */
  setPaused(paused: boolean): void;
  paused(): boolean;
}

/** How a request will authenticate this time: its session's token, or a login with its PIN. */
type Auth =
  | { ok: true; token: string; via: 'session' }
  | { ok: true; token: string; via: 'pin'; credential: string }
  | { ok: false; outcome: SyncOutcome };

export function createSyncWorker(options: SyncWorkerOptions): SyncWorker {
  const { store, log } = options;
  const clock = options.clock ?? (() => new Date());
  const random = options.random ?? Math.random;
  // Logins with a PIN, keyed by an HMAC of NIK + PIN under a key that lives
  // only in this process: a request can only ever use a token that its own
  // NIK and PIN produced.
  const credentialKey = randomBytes(32);
  const pinTokens = new Map<string, { token: string; expiresAt: number }>();
  const refusedCredentials = new Set<string>();
  let running = false;
  let stopping = false;
  let currentPass: Promise<SyncPassSummary | null> | null = null;
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

  function credentialOf(nik: string, pin: string): string {
    return createHmac('sha256', credentialKey).update(`${nik}\u0000${pin}`).digest('hex');
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
      held: options.hold?.() ?? null,
      counts: store.counts(),
    };
    if (summary.held !== null) return summary;
    const server = options.server();
    if (!server) {
      summary.serverDown = store.counts().pending > 0;
      return summary;
    }
    const { requests, unreadable } = store.due(clock());
    for (const bad of unreadable) {
      summary.parked += 1;
      log.error({ id: bad.id, reference: bad.reference, reason: bad.reason }, 'unreadable request parked for a technician');
    }
    for (const request of requests) {
      if (stopping) break;
      // A request parked or rejected earlier in this pass (same PIN refused) is skipped.
      if (store.get(request.id)?.syncState !== 'pending') continue;
      if (store.hasEarlierPendingSibling(request)) {
        summary.deferred += 1;
        continue;
      }
      const outcome = await processIsolated(server, request, summary);
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
    try {
      store.scrubDeletedSecrets();
    } catch (error) {
      log.warn({ err: error }, 'WAL checkpoint after deleting secrets failed; it is tried again after the next pass');
    }
    summary.counts = store.counts();
    options.onPass?.(summary);
    return summary;
  }

  /** Whatever goes wrong with one request parks that request only. */
  async function processIsolated(server: SyncServer, request: OutboxRequest, summary: SyncPassSummary): Promise<SyncOutcome> {
    try {
      return await processOne(server, request, summary);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      if (isStorageTrouble(error)) {
        // Disk full or locked: nothing about this request is wrong; try again later.
        log.error({ reference: request.reference, err: error }, 'outbox could not be written; the pass ends');
        return 'server-down';
      }
      log.error({ reference: request.reference, err: error }, 'request failed inside the kiosk; parked for a technician');
      try {
        return park(request, MESSAGES.crashed(detail), { keepSecret: true });
      } catch (parkError) {
        log.error({ reference: request.reference, err: parkError }, 'request could not even be parked');
        return 'retry';
      }
    }
  }

  async function processOne(server: SyncServer, request: OutboxRequest, summary: SyncPassSummary): Promise<SyncOutcome> {
    if (request.serverTarget !== null && request.serverTarget !== server.target) {
      // Held, not parked: it keeps its credentials until a technician decides (adm outbox retarget).
      const message = MESSAGES.otherServer(request.serverTarget, server.target);
      if (request.lastError !== message) log.warn({ reference: request.reference, made: request.serverTarget, now: server.target }, 'request held: made for another server');
      store.reschedule(request.id, later(options.settings().maxDelaySeconds * 1000), message);
      return 'deferred';
    }
    const auth = await authorise(server.client, request, summary);
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
  async function authorise(server: VillageServer, request: OutboxRequest, summary: SyncPassSummary): Promise<Auth> {
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
    const credential = credentialOf(nik, pin);
    if (refusedCredentials.has(credential)) return { ok: false, outcome: rejectWrongPin(request, nik, pin, summary) };
    const cached = pinTokens.get(credential);
    if (cached && clock().getTime() < cached.expiresAt) return { ok: true, token: cached.token, via: 'pin', credential };

    const login = await server.login(nik, pin);
    if (login.ok) {
      pinTokens.set(credential, { token: login.value.token, expiresAt: clock().getTime() + login.value.expiresIn * 1000 });
      return { ok: true, token: login.value.token, via: 'pin', credential };
    }
    if (login.error.kind === 'wrong-credentials') {
      refusedCredentials.add(credential);
      return { ok: false, outcome: rejectWrongPin(request, nik, pin, summary) };
    }
    if (login.error.kind === 'locked') {
      store.reschedule(request.id, later(login.error.seconds * 1000), `login: ${login.error.message}`);
      return { ok: false, outcome: 'deferred' };
    }
    return { ok: false, outcome: failure(request, login.error, 'login', null) };
  }

  /** This request and every other pending one sealed with the same NIK + PIN: one refusal is enough. */
  function rejectWrongPin(request: OutboxRequest, nik: string, pin: string, summary: SyncPassSummary): SyncOutcome {
    store.reject(request.id, MESSAGES.wrongPin);
    const others = store.rejectOfflineWithPin(nik, pin, MESSAGES.wrongPin).filter((r) => r.id !== request.id);
    summary.rejected += others.length;
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
    const candidates = above
      .filter((row) => row.letterName === request.letterName && !store.isServerIdTaken(row.id))
      .sort((a, b) => a.id - b.id);
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

  function failure(request: OutboxRequest, error: VillageError, phase: 'login' | 'list' | 'submit', auth: Auth | null): SyncOutcome {
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
        // The server stored nothing. A refused session token falls back to the PIN; a refused PIN token is fetched again.
        if (phase === 'submit') store.clearAttempt(request.id);
        if (auth?.ok && auth.via === 'session' && !store.forgetToken(request.id)) return park(request, MESSAGES.sessionExpired);
        if (auth?.ok && auth.via === 'pin') pinTokens.delete(auth.credential);
        store.reschedule(request.id, retryAt(request), message);
        log.info({ reference: request.reference, phase }, 'token refused; the next attempt logs in with the PIN');
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
        return park(request, `${REFUSED_PREFIX}${fields || error.message}`);
      }
      case 'wrong-credentials':
      case 'permanent':
        if (phase === 'submit') store.clearAttempt(request.id);
        return park(request, `${REFUSED_PREFIX}${error.message}`);
    }
  }

  function park(request: OutboxRequest, message: string, options?: { keepSecret?: boolean; candidates?: number[] }): 'parked' {
    store.park(request.id, message, options);
    log.warn({ reference: request.reference, reason: message }, 'request parked for a technician');
    return 'parked';
  }

  let paused = false;

  async function loop(): Promise<void> {
    while (running) {
      if (paused) {
        await new Promise<void>((resolve) => (wakeUp = resolve));
        wakeUp = null;
        continue;
      }
      currentPass = runOnce().catch((error: unknown) => {
        log.error({ err: error }, 'sync pass failed');
        return null;
      });
      const summary = await currentPass;
      currentPass = null;
      if (!running) break;
      const s = options.settings();
      // A pass that failed as a whole backs off like a server that is down.
      downStreak = summary === null || summary.serverDown ? downStreak + 1 : 0;
      // While the server is down the whole worker backs off, not each request.
      let waitMs = downStreak > 0 ? backoffMs(downStreak, s.baseDelaySeconds * 1000, s.maxDelaySeconds * 1000, random) : s.pollSeconds * 1000;
      const next = summary?.held ? null : store.nextDueAt();
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
    setPaused(next) {
      if (paused === next) return;
      paused = next;
      log.info(paused ? 'sending paused by a technician' : 'sending resumed');
      if (!paused) wakeUp?.();
    },
    paused: () => paused,
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
  };
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
