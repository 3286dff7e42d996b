/**
 * The resident's session: identification with NIK + PIN and its end.
 *
 * The NIK is checked again here with the shared rules (the renderer is not
 * trusted). Signing in against the village server arrives with the OpenSID
 * client; until a server is configured the kiosk says so plainly.
 */
import { checkNik } from '../../shared/nik';
import { fail, ok } from '../../shared/result';
import type { Feature } from '../feature';

export const MESSAGES = {
  serverNotConfigured: 'Server desa belum diatur, hubungi petugas.',
  loginUnavailable: 'Masuk ke layanan desa belum tersedia di kios ini, hubungi petugas.',
} as const;

export const registerResidentSession: Feature = (ctx) => {
  const log = ctx.log('session');

  ctx.handle('session.identify', ({ nik }) => {
    const check = checkNik(nik);
    if (!check.valid) return fail('invalid-input', check.message);
    if (ctx.config.current().server.url === null) {
      log.info({ nik }, 'identification refused: no village server configured');
      return fail('server-not-configured', MESSAGES.serverNotConfigured);
    }
    log.warn({ nik }, 'identification refused: village server login is not built yet');
    return fail('login-unavailable', MESSAGES.loginUnavailable);
  });

  ctx.handle('session.end', ({ reason }) => {
    log.info({ reason }, 'resident session ended');
    return ok(null);
  });

  return () => {};
};
