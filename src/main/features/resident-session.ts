/**
 * The resident's session: NIK + PIN, checked at the village server when it
 * can be reached (the token stays in memory for this session only), or an
 * offline session when it cannot: the resident may still make requests, which
 * wait for verification with the PIN sealed in the outbox.
 *
 * The kiosk's own lock (a few failures per NIK) runs before the server's.
 */
import { checkNik, maskNik } from '../../shared/nik';
import { fail, ok } from '../../shared/result';
import type { Feature } from '../feature';
import { createLoginLimiter } from '../session/login-limiter';

export const MESSAGES = {
  serverNotConfigured: 'Server desa belum diatur, hubungi petugas.',
  wrongPin: (left: number) =>
    left > 0
      ? `NIK atau PIN tidak cocok dengan data desa. Periksa lagi; sisa ${left} kali percobaan.`
      : 'NIK atau PIN tidak cocok dengan data desa.',
  kioskLocked: (seconds: number) =>
    `Terlalu banyak PIN salah untuk NIK ini. Coba lagi dalam ${minutes(seconds)} menit, atau minta bantuan petugas.`,
  serverLocked: (seconds: number) =>
    `Server desa mengunci NIK ini karena terlalu banyak percobaan. Coba lagi dalam ${minutes(seconds)} menit, atau minta bantuan petugas.`,
  serverRefused: 'Server desa menolak permintaan masuk. Silakan hubungi petugas.',
} as const;

function minutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

export const registerResidentSession: Feature = (ctx) => {
  const log = ctx.log('session');
  const limiter = createLoginLimiter({
    maxFailures: () => ctx.config.current().session.maxLoginFailures,
    windowMs: () => ctx.config.current().session.loginLockMinutes * 60_000,
  });
  let expiryTimer: NodeJS.Timeout | null = null;

  function endSession(reason: string): void {
    if (expiryTimer) clearTimeout(expiryTimer);
    expiryTimer = null;
    const ended = ctx.session.clear();
    if (!ended) return;
    log.info({ reason, online: ended.online }, 'resident session ended');
    const village = ctx.village();
    if (ended.online && ended.token && village) {
      void village.logout(ended.token).then((result) => {
        if (!result.ok) log.info({ error: result.error.kind }, 'server logout failed (the token expires on its own)');
      });
    }
  }

  ctx.handle('session.identify', async ({ nik, pin }) => {
    const check = checkNik(nik);
    if (!check.valid) return fail('invalid-input', check.message);
    const village = ctx.village();
    if (!village) {
      log.info({ nik }, 'identification refused: no village server configured');
      return fail('server-not-configured', MESSAGES.serverNotConfigured);
    }
    const lock = limiter.check(nik);
    if (lock.locked) {
      log.warn({ nik }, 'identification refused: kiosk lock');
      return fail('locked', MESSAGES.kioskLocked(lock.retryInSeconds));
    }
    endSession('new identification');

    const login = await village.login(nik, pin);
    if (login.ok) {
      limiter.reset(nik);
      ctx.sync.rememberToken(nik, login.value);
      ctx.session.start({
        nik,
        name: login.value.name,
        phone: login.value.phone,
        online: true,
        token: login.value.token,
        tokenExpiresAt: Date.now() + login.value.expiresIn * 1000,
        pin: null,
        documents: new Map(),
        startedAt: Date.now(),
      });
      armExpiry();
      log.info({ nik }, 'resident signed in at the village server');
      return ok({ name: login.value.name, maskedNik: maskNik(nik), online: true, phone: login.value.phone });
    }

    const error = login.error;
    switch (error.kind) {
      case 'wrong-credentials': {
        const left = limiter.recordFailure(nik);
        log.info({ nik, left }, 'wrong NIK or PIN');
        if (left === 0) return fail('locked', MESSAGES.kioskLocked(ctx.config.current().session.loginLockMinutes * 60));
        return fail('wrong-pin', MESSAGES.wrongPin(left));
      }
      case 'locked':
        log.warn({ nik }, 'the village server locked this NIK');
        return fail('locked', MESSAGES.serverLocked(error.seconds));
      case 'transient':
      case 'unavailable':
        // Offline is a normal state: the request waits for verification.
        ctx.session.start({
          nik,
          name: null,
          phone: null,
          online: false,
          token: null,
          tokenExpiresAt: null,
          pin,
          documents: new Map(),
          startedAt: Date.now(),
        });
        armExpiry();
        log.warn({ nik, error: error.kind, detail: error.message }, 'village server unreachable: offline session');
        return ok({ name: null, maskedNik: maskNik(nik), online: false, phone: null });
      default:
        log.error({ nik, error }, 'login refused by the server');
        return fail('server-unavailable', MESSAGES.serverRefused);
    }
  });

  function armExpiry(): void {
    if (expiryTimer) clearTimeout(expiryTimer);
    expiryTimer = setTimeout(() => {
      endSession('time limit');
      ctx.emit('session.expired', { reason: 'time-limit' });
    }, ctx.config.current().session.maxMinutes * 60_000);
    expiryTimer.unref();
  }

  ctx.handle('session.end', ({ reason }) => {
    endSession(reason);
    return ok(null);
  });

  return () => endSession('shutdown');
};
