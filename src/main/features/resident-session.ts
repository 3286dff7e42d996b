/**
 * The resident's session: NIK + PIN, checked at the village server when it
 * can be reached (the token belongs to this session only), or an offline
 * session when it cannot: the resident may still make requests, which wait
 * for verification with the PIN sealed in the outbox. An offline session is
 * not a sign-in: it knows no name and no history.
 *
 * Before the server is asked: the kiosk's own lock (a few failures per NIK,
 * stricter than the server's), one identification per NIK at a time (parallel
 * calls must not each reach the server), and a kiosk-wide limit on sign-ins
 * per minute.
 */
import { checkNik, maskNik, nikProblemParams } from '../../shared/nik';
import { fail, ok } from '../../shared/result';
import type { Dispose, ResidentContext } from '../feature';
import { createLoginLimiter, createRateLimiter } from '../session/login-limiter';
import type { ResidentSession } from '../session/session-holder';
import { signInRefusal } from '../session/sign-in-refusal';
import { learnCards } from '../input/card-learning';
import { OUTBOX_STATE } from '../../shared/outbox-states';

/** Whole minutes to wait, at least one ("coba lagi dalam 1 menit", never 0). */
function minutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/** What this feature is handed by the composition root. */
export type ResidentSessionContext = Pick<ResidentContext, 'cardHints' | 'cardTaps' | 'config' | 'emit' | 'handle' | 'log' | 'metrics' | 'needsTechnician' | 'outbox' | 'receiptLookups' | 'session' | 'village'>;

export const registerResidentSession = (ctx: ResidentSessionContext): Dispose => {
  const log = ctx.log('session');
  const limiter = createLoginLimiter({
    maxFailures: () => ctx.config.current().session.maxLoginFailures,
    windowMs: () => ctx.config.current().session.loginLockMinutes * 60_000,
  });
  const signIns = createRateLimiter({
    max: () => ctx.config.current().session.signInsPerMinute,
    windowMs: () => 60_000,
  });
  const inFlight = new Set<string>();
  let expiryTimer: NodeJS.Timeout | null = null;
  let warningTimer: NodeJS.Timeout | null = null;

  function disarm(): void {
    if (expiryTimer) clearTimeout(expiryTimer);
    if (warningTimer) clearTimeout(warningTimer);
    expiryTimer = null;
    warningTimer = null;
  }

  /** `timedOut`: the idle reset or the session's time limit ended it, not the resident. */
  function endSession(reason: string, timedOut = false): void {
    disarm();
    const ended = ctx.session.clear();
    if (!ended) return;
    if (timedOut && ended.requestIds.size === 0) ctx.metrics.sessionAbandoned();
    // A card tapped during that visit teaches nothing to whoever signs in next.
    ctx.cardTaps.forget();
    log.info({ reason, mode: ended.mode }, 'resident session ended');
    if (ended.mode === 'online') logOut(ended);
  }

  /** Ends the token at the server, unless a request of this session still waits to be sent with it. */
  function logOut(ended: Extract<ResidentSession, { mode: 'online' }>): void {
    const stillNeeded = [...ended.requestIds].some((id) => ctx.outbox.get(id)?.syncState === OUTBOX_STATE.pending);
    const village = ctx.village();
    if (stillNeeded || !village) {
      if (stillNeeded) log.info('server logout left for later: a request of this session still uses the token');
      return;
    }
    void village.logout(ended.token).then((result) => {
      if (!result.ok) log.info({ error: result.error.kind }, 'server logout failed (the token expires on its own)');
    });
  }

  // Visits the screen ended (session.end): a sign-in whose visit ended while its PIN was checked opens nothing.
  let visitsEnded = 0;

  ctx.handle('session.identify', async ({ nik, pin, cardTapped }) => {
    const check = checkNik(nik);
    if (!check.valid) return fail('invalid-nik', nikProblemParams(nik, check.problem));
    return identify(nik, pin, cardTapped === true);
  });

  // A scanned receipt, then the PIN: the NIK comes from this kiosk's record of that request and never reaches the screen.
  ctx.handle('session.identifyByReceipt', async ({ reference, pin }) => {
    // Its answer says whether the reference is one of this kiosk's: one more receipt look-up.
    const lookup = ctx.receiptLookups.take();
    if (!lookup.allowed) {
      log.warn('receipt sign-in refused: too many receipt look-ups in a minute');
      return fail('receipts-rate-limited', { count: Math.max(1, lookup.retryInSeconds) });
    }
    const request = ctx.outbox.byReference(reference);
    if (!request?.residentNik) {
      log.info({ known: request !== null }, 'receipt sign-in refused: no NIK kept for that reference');
      return fail(request ? 'receipt-purged' : 'receipt-unknown');
    }
    return identify(request.residentNik, pin);
  });

  /** `cardTapped`: the screen saw an unknown card tapped before the NIK was typed (the tap may be learned). */
  async function identify(nik: string, pin: string, cardTapped = false) {
    const refused = signInRefusal(ctx);
    const village = ctx.village();
    if (refused !== null || !village) {
      if (refused === 'needs-technician') log.warn({ nik, problem: ctx.needsTechnician() }, 'identification refused: the kiosk needs a technician');
      else log.info({ nik }, 'identification refused: no village server configured');
      return fail(refused ?? 'server-not-configured');
    }
    if (inFlight.has(nik)) {
      log.warn({ nik }, 'identification refused: one already in progress for this NIK');
      return fail('busy');
    }
    const lock = limiter.check(nik);
    if (lock.locked) {
      log.warn({ nik }, 'identification refused: kiosk lock');
      return fail('locked', { count: minutes(lock.retryInSeconds) });
    }
    const rate = signIns.take();
    if (!rate.allowed) {
      log.warn({ nik }, 'identification refused: kiosk-wide sign-in limit');
      return fail('rate-limited', { count: Math.max(1, rate.retryInSeconds) });
    }
    endSession('new identification');

    const visit = visitsEnded;
    inFlight.add(nik);
    let login;
    try {
      login = await village.login(nik, pin);
    } finally {
      inFlight.delete(nik);
    }
    // Batal or the idle reset came while the server checked the PIN: nobody is at the screen for a
    // session now, and the next resident must not find this one open. A wrong PIN still counts below.
    const visitEnded = visitsEnded !== visit;
    if (login.ok) {
      limiter.reset(nik);
      if (visitEnded) {
        log.info({ nik }, 'the visit ended while the PIN was checked: no session opened');
        void village.logout(login.value.token).then((result) => {
          if (!result.ok) log.info({ error: result.error.kind }, 'server logout failed (the token expires on its own)');
        });
        return fail('session-ended');
      }
      learnCards(ctx, nik, login.value.tagIdCard, cardTapped);
      ctx.session.start({
        mode: 'online',
        nik,
        name: login.value.name,
        phone: login.value.phone,
        token: login.value.token,
        tokenExpiresAt: Date.now() + login.value.expiresIn * 1000,
        pin,
        documents: new Map(),
        startedAt: Date.now(),
        requestIds: new Set(),
      });
      armExpiry();
      ctx.metrics.sessionStarted('online');
      log.info({ nik }, 'resident signed in at the village server');
      return ok({ name: login.value.name, maskedNik: maskNik(nik), online: true, phone: login.value.phone });
    }

    const error = login.error;
    switch (error.kind) {
      case 'wrong-credentials': {
        const left = limiter.recordFailure(nik);
        log.info({ nik, left }, 'wrong NIK or PIN');
        if (left === 0) return fail('locked', { count: ctx.config.current().session.loginLockMinutes });
        return fail('wrong-pin', { count: left });
      }
      case 'locked':
        log.warn({ nik }, 'the village server locked this NIK');
        return fail('server-locked', { count: minutes(error.seconds) });
      case 'transient':
      case 'unavailable':
        if (visitEnded) return fail('session-ended');
        // Offline is a normal state: the request waits for verification. The PIN is not checked, so nothing is shown from the cache.
        ctx.session.start({ mode: 'offline', nik, pin, startedAt: Date.now(), requestIds: new Set() });
        armExpiry();
        ctx.metrics.sessionStarted('offline');
        log.warn({ nik, error: error.kind, detail: error.message }, 'village server unreachable: offline session');
        return ok({ name: null, maskedNik: maskNik(nik), online: false, phone: null });
      default:
        log.error({ nik, error }, 'login refused by the server');
        return fail('server-refused');
    }
  }

  /**
   * The session ends `maxMinutes` after it started or was last extended; a
   * warning comes `warningSeconds` before, so nobody loses a half-typed form
   * without being asked.
   */
  function armExpiry(): number {
    disarm();
    const { maxMinutes, warningSeconds } = ctx.config.current().session;
    const limitMs = maxMinutes * 60_000;
    const warnInMs = Math.max(0, limitMs - warningSeconds * 1000);
    warningTimer = setTimeout(() => ctx.emit('session.expiring', { secondsLeft: Math.round((limitMs - warnInMs) / 1000) }), warnInMs);
    warningTimer.unref();
    expiryTimer = setTimeout(() => {
      endSession('time limit', true);
      ctx.emit('session.expired', { reason: 'time-limit' });
    }, limitMs);
    expiryTimer.unref();
    return Math.round(limitMs / 1000);
  }

  ctx.handle('session.extend', () => {
    if (!ctx.session.current()) return fail('session-ended');
    const secondsLeft = armExpiry();
    log.info('session time extended by the resident');
    return ok({ secondsLeft });
  });

  ctx.handle('session.end', ({ reason }) => {
    visitsEnded += 1;
    // Batal and the idle reset end a visit before any sign-in too: its tap is forgotten with it.
    ctx.cardTaps.forget();
    endSession(reason, reason === 'idle');
    return ok(null);
  });

  return () => endSession('shutdown');
};
