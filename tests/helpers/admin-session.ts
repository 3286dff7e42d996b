/**
 * Admin in the core's tests: the admin PIN set as a technician sets it on a
 * kiosk in service (`adm admin set-pin`, through the same function), then
 * admin opened with it from one page, as the web host's socket or Electron's
 * admin window would.
 */
import type { KioskCore } from '../../src/main/core';
import { setAdminPinOnPc } from '../../src/main/admin/set-pin-on-pc';
import type { AdminState } from '../../src/shared/admin-contract';

export const TEST_ADMIN_PIN = '482916';
/** The page the tests' admin calls come from. */
export const TEST_PAGE = 'ws:test';

/** Who calls: the session (if any) and the page. */
export const asPage = (session?: string, holder = TEST_PAGE) => ({ session, holder });

export async function openAdminSession(
  core: KioskCore,
  pin = TEST_ADMIN_PIN,
  holder = TEST_PAGE,
): Promise<{ session: string; admin: (name: string, input?: unknown) => ReturnType<KioskCore['invokeAdmin']> }> {
  const state = await core.invokeAdmin('admin.state', {}, asPage(undefined, holder));
  if (state.ok && !(state.value as AdminState).pinSet) {
    const set = await setAdminPinOnPc(core, pin);
    if (!set.ok) throw new Error(`admin PIN not set: ${set.reason}`);
  }
  const opened = await core.invokeAdmin('admin.unlock', { pin }, asPage(undefined, holder));
  if (!opened.ok) throw new Error(`admin did not open: ${JSON.stringify(opened.error)}`);
  const session = (opened.value as { session: string }).session;
  return { session, admin: (name, input = {}) => core.invokeAdmin(name, input, asPage(session, holder)) };
}
