/**
 * The admin's Keamanan screen: changing the admin PIN (the current one first,
 * counted like any wrong PIN), and the technician cards whose tap opens the
 * admin PIN in their name. A card is registered from the last tap the readers
 * saw (within a minute), so its UID never crosses to the screen.
 */
import { isStrongAdminPin } from '../../shared/admin-pin';
import { fail, ok } from '../../shared/result';
import { demoAdminPinOf } from '../admin/commissioning';
import type { Dispose, AdminContext } from '../feature';

/** A card tapped this recently is the one "Daftarkan" registers. */
const TAP_WINDOW_MS = 60_000;

/** What this feature is handed by the composition root. */
export type AdminSecurityContext = Pick<AdminContext, 'adminAuth' | 'audit' | 'cardTaps' | 'dataDir' | 'demoMode' | 'handleAdmin' | 'log' | 'outbox'>;

export const registerAdminSecurity = (ctx: AdminSecurityContext): Dispose => {
  const log = ctx.log('admin');

  ctx.handleAdmin('admin.changePin', async ({ current, next }, actor) => {
    // A demo kiosk's own first PIN is made here, with the demo PIN as the current one.
    const demoPin = demoAdminPinOf(ctx);
    const check = await ctx.adminAuth.check(current, { fallbackPin: demoPin ?? undefined });
    if (!check.ok) {
      ctx.audit(actor, 'admin.pin.refused');
      if (check.reason === 'locked') return fail('admin-locked', { count: check.seconds });
      if (check.reason === 'wrong') return check.lockedSeconds > 0 ? fail('admin-locked', { count: check.lockedSeconds }) : fail('admin-wrong-pin', { count: check.triesLeft });
      return fail('admin-pin-not-set');
    }
    if (!isStrongAdminPin(next)) return fail('admin-pin-weak');
    await ctx.adminAuth.setPin(next);
    ctx.audit(actor, 'admin.pin.changed');
    log.info({ actor }, 'admin PIN changed');
    return ok(null);
  });

  const cards = () => ({ cards: ctx.adminAuth.cards(), tapSeen: ctx.cardTaps.recent(TAP_WINDOW_MS, 'admin') !== null });
  ctx.handleAdmin('admin.cards', () => ok(cards()));

  ctx.handleAdmin('admin.registerCard', ({ label }, actor) => {
    const uid = ctx.cardTaps.recent(TAP_WINDOW_MS, 'admin');
    if (!uid) return fail('no-card-tapped');
    ctx.adminAuth.registerCard(uid, label);
    ctx.cardTaps.forget();
    ctx.audit(actor, 'admin.card.registered', { label });
    return ok(cards());
  });

  ctx.handleAdmin('admin.removeCard', ({ label }, actor) => {
    if (!ctx.adminAuth.removeCard(label)) return fail('not-allowed');
    ctx.audit(actor, 'admin.card.removed', { label });
    return ok(cards());
  });

  return () => {};
};
