/**
 * "Is the village server there, which version, which village, is it
 * licensed?" for `adm server check` and the admin status screen. The village
 * profile is the probe: it passes the server's subscription check, so its
 * failure tells an unlicensed server from an unreachable one.
 */
import type { AdminServerCheck } from '../../shared/admin-contract';
import type { VillageServer } from './types';

/** The answer, as the admin's screens get it too (`shared/admin-contract.ts`). */
export type ServerCheck = AdminServerCheck;

export async function checkServer(client: VillageServer, url: string): Promise<ServerCheck> {
  const [version, profile] = await Promise.all([client.version(), client.villageProfile()]);
  return {
    url,
    reachable: version.ok || profile.ok,
    version: version.ok ? version.value : null,
    village: profile.ok ? profile.value.villageName : null,
    licensed: profile.ok ? true : profile.error.kind === 'unavailable' ? false : null,
    problem: profile.ok ? null : `${profile.error.kind}: ${profile.error.message}`,
  };
}
