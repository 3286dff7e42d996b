/**
 * Who may set the first admin PIN, and when a kiosk needs a technician for
 * want of one.
 *
 * A kiosk that has never been put into service (no configuration file, no
 * request ever stored) is being set up by the technician standing at it: the
 * first PIN is chosen on the touchscreen. Once a kiosk has a configuration
 * or has taken a request, a kiosk without an admin PIN would let anyone
 * (five taps on the corner, or any page that reaches the web host's socket)
 * choose one and, with it, point the next residents' NIK and PIN at a server
 * of their choosing. Then only `adm admin set-pin`, run on the kiosk PC by
 * the data directory's owner, sets it; the same command resets a forgotten
 * PIN. The demo PIN opens a demo kiosk that has none of its own (README).
 */
import { configFilePresent } from '../config/store';
import type { OutboxStore } from '../outbox/outbox-store';
import { SET_PIN_COMMAND } from '../../shared/admin-pin';

/** The PIN that opens admin in demo mode while the kiosk has none of its own (README, "Demo data"). */
export const DEMO_ADMIN_PIN = '123456';

/** The demo PIN while it opens admin (a demo kiosk without a PIN of its own), else null. */
export function demoAdminPin(facts: { demoMode: boolean; pinSet: boolean }): string | null {
  return facts.demoMode && !facts.pinSet ? DEMO_ADMIN_PIN : null;
}


/** True while the kiosk has neither a configuration file nor any stored request. */
export function neverCommissioned(dataDir: string, outbox: Pick<OutboxStore, 'counts'>): boolean {
  if (configFilePresent(dataDir)) return false;
  return Object.values(outbox.counts()).every((count) => count === 0);
}

/** A kiosk in service that no admin PIN opens: nobody can reach its admin screens until `adm admin set-pin`. */
export function adminPinMissing(facts: { pinSet: boolean; demoMode: boolean; neverCommissioned: boolean }): boolean {
  return !facts.pinSet && !facts.demoMode && !facts.neverCommissioned;
}

export const ADMIN_PIN_MISSING_MESSAGE = `the kiosk is in service without an admin PIN: set one on this PC with \`${SET_PIN_COMMAND}\``;
