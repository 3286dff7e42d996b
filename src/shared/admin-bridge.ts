/**
 * The admin bridge over any transport (Electron IPC, the web host's
 * WebSocket): the admin table's calls, keeping the session that
 * `admin.unlock` or `admin.setFirstPin` returned and sending it with every
 * later call, so the screens never handle it. Free of zod, for the preload.
 */
import { ADMIN_SESSION_RULE, adminCallNames, type AdminCallName } from './admin-contract-names';
import type { AdminBridge, adminCalls } from './admin-contract';
import { createBridgeCalls, type Send } from './bridge';

export type AdminInvoke = Send<AdminCallName>;

export function createAdminBridge(invoke: AdminInvoke): AdminBridge {
  return { calls: createBridgeCalls<typeof adminCalls>(adminCallNames, invoke, ADMIN_SESSION_RULE) };
}
