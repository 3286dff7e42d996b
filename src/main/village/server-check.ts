/**
 * "Is the village server there, which version, which village, is it
 * licensed?" for `adm server check` and the admin status screen. The village
 * profile is the probe: it passes the server's subscription check, so its
 * failure tells an unlicensed server from an unreachable one.
 */
import type { VillageServer } from './types';

export interface ServerCheck {
  url: string;
  reachable: boolean;
  version: string | null;
  village: string | null;
  /** null: could not tell (the server did not answer). */
  licensed: boolean | null;
  /** For the technician: what went wrong, or null. */
  problem: string | null;
}

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
