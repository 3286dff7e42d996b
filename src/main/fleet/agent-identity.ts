/**
 * The identity the kiosk PC's Prometheus agent sends as its external labels,
 * as `adm fleet agent-config` wrote it. The agent's labels are fixed when
 * its configuration is written; a `kiosk.id` or village profile that changes
 * later shows at once in `adm_info`, while every other series still carries
 * the old labels, so the kabupaten's alerts and dashboard would split one
 * kiosk in two. The kiosk compares the two and asks for a technician
 * (`fleet-identity-changed`) until the configuration is written again.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { IDENTITY_LABELS, type KioskIdentity } from '../metrics/kiosk-identity';

/** Beside the agent's configuration in the data directory (`AGENT_CONFIG_FILE`). */
export const AGENT_IDENTITY_FILE = path.join('fleet', 'agent-identity.json');

const identitySchema = z.object({ kioskId: z.string(), kodeDesa: z.string(), kecamatan: z.string(), kabupaten: z.string() });

/** Written with the agent's configuration (0600, like it). */
export function writeAgentIdentity(dataDir: string, identity: KioskIdentity): void {
  writeFileSync(path.join(dataDir, AGENT_IDENTITY_FILE), `${JSON.stringify(identity, null, 2)}\n`, { mode: 0o600 });
}

/** The identity the agent was configured with, or null: no agent configured here (or a file that is not one). */
export function readAgentIdentity(dataDir: string): KioskIdentity | null {
  let text: string;
  try {
    text = readFileSync(path.join(dataDir, AGENT_IDENTITY_FILE), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = identitySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The parts of the identity that differ between the agent's labels and the kiosk's own, as label names. */
export function changedIdentityLabels(agent: KioskIdentity, current: KioskIdentity): string[] {
  return (Object.keys(IDENTITY_LABELS) as Array<keyof KioskIdentity>).filter((key) => agent[key] !== current[key]).map((key) => IDENTITY_LABELS[key]);
}
