/**
 * Whether this kiosk can take a resident's sign-in at all: not while its
 * configuration needs a technician, and not without a village server to ask
 * (config.json names none and this is no demo). One rule for the sign-in
 * itself and for the attract screen, which offers no sign-in the kiosk would
 * refuse only after the resident typed their NIK and PIN.
 */
import type { SignInRefusal } from '../../shared/contract';

export function signInRefusal(ctx: { needsTechnician(): string | null; village(): unknown }): SignInRefusal | null {
  if (ctx.needsTechnician() !== null) return 'needs-technician';
  if (ctx.village() === null) return 'server-not-configured';
  return null;
}
