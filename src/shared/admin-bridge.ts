/**
 * The admin bridge over any transport (Electron IPC, the web host's
 * WebSocket): one function per admin call, keeping the session that
 * `admin.unlock` or `admin.setFirstPin` returned and sending it with every
 * later call, so the screens never handle it. Free of zod, for the preload.
 */
import { adminCallNames, type AdminCallName } from './admin-contract-names';
import type { AdminBridge } from './admin-contract';
import type { Result } from './result';

export type AdminInvoke = (name: AdminCallName, input: unknown, session: string | undefined) => Promise<Result<unknown>>;

export function createAdminBridge(invoke: AdminInvoke): AdminBridge {
  let session: string | undefined;
  const calls = Object.fromEntries(
    adminCallNames.map((name) => [
      name,
      async (input: unknown) => {
        const result = await invoke(name, input, session);
        if (result.ok && (name === 'admin.unlock' || name === 'admin.setFirstPin')) session = (result.value as { session: string }).session;
        if (name === 'admin.lock' || (!result.ok && result.error.code === 'admin-session-required')) session = undefined;
        return result;
      },
    ]),
  );
  return { calls: Object.freeze(calls) as unknown as AdminBridge['calls'] };
}
