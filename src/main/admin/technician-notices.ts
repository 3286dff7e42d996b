/**
 * What needs a technician: the one rule behind the admin's Status screen and
 * the fleet metric `adm_needs_technician`. Both hand it what they know of the
 * moment that costs something to learn (the printer's state, the village
 * server's answer, the sealed secrets, the disk); the rest it reads from the
 * kiosk itself. The order of importance is the shared module's
 * (`shared/technician-notices.ts`).
 */
import { statfsSync } from 'node:fs';
import type { TechnicianNotice } from '../../shared/admin-contract';
import type { PrinterStatus } from '../../shared/device-status';
import { byImportance } from '../../shared/technician-notices';
import type { KioskServices } from '../feature';
import { configFilePresent } from '../config/store';
import { adminPinMissing, demoAdminPinOf, neverCommissioned } from './commissioning';
import { changedIdentityLabels, readAgentIdentity } from '../fleet/agent-identity';
import { kioskIdentity } from '../metrics/kiosk-identity';

/** Below this the kiosk warns (logs and the outbox need room). */
export const LOW_DISK_BYTES = 200 * 1024 * 1024;
const PRINTER_PROBLEMS: readonly PrinterStatus[] = ['paper-out', 'cover-open', 'offline', 'error'];

/** What the rule reads from the kiosk itself. */
export type NoticeContext = Pick<KioskServices, 'dataDir' | 'demoMode' | 'needsTechnician' | 'outbox' | 'serverTarget' | 'metricsPortBusy'> & {
  references: Pick<KioskServices['references'], 'profile'>;
  config: Pick<KioskServices['config'], 'current'>;
  adminAuth: { pinSet(): boolean };
};

/** What the caller learned, each at its own cost. */
export interface NoticeFacts {
  printerStatus: PrinterStatus;
  /** The village server's answer, or null when none is configured (or not asked yet). */
  server: { reachable: boolean; licensed: boolean | null } | null;
  /** Waiting or held requests whose sealed PIN or token this kiosk's key cannot open. */
  unreadableSecrets: number;
  /** Free bytes on the data directory's file system, or null when unknown. */
  diskFreeBytes: number | null;
}

/** Every notice that holds now, most important first. */
export function technicianNotices(ctx: NoticeContext, facts: NoticeFacts): TechnicianNotice[] {
  const config = ctx.config.current();
  const notices: TechnicianNotice[] = [];
  const problem = ctx.needsTechnician();
  if (problem) notices.push({ code: 'config-unreadable', detail: problem });
  // A demo kiosk whose config.json was saved no longer takes the demo PIN: this open session may be the last.
  if (adminPinMissing({ pinSet: ctx.adminAuth.pinSet(), neverCommissioned: neverCommissioned(ctx.dataDir, ctx.outbox) })) {
    notices.push({ code: 'admin-pin-missing' });
  }
  if (!ctx.demoMode && !problem && config.server.url === null) notices.push({ code: 'server-not-set' });
  if (ctx.demoMode) {
    notices.push(configFilePresent(ctx.dataDir) ? { code: 'demo-ends-at-restart', server: config.server.url === null ? 'none' : 'set' } : { code: 'demo-mode' });
  }
  // The demo PIN is printed in the README: a kiosk leaving demo mode needs one of its own (Keamanan).
  if (demoAdminPinOf(ctx) !== null) notices.push({ code: 'admin-pin-demo' });
  const parked = ctx.outbox.counts().parked;
  if (parked > 0) notices.push({ code: 'parked-requests', count: parked });
  const held = ctx.outbox.heldForOtherServers(ctx.serverTarget());
  if (held > 0) notices.push({ code: 'held-for-other-server', count: held });
  if (facts.unreadableSecrets > 0) notices.push({ code: 'key-changed', count: facts.unreadableSecrets });
  if (PRINTER_PROBLEMS.includes(facts.printerStatus)) notices.push({ code: 'printer-problem', status: facts.printerStatus });
  if (facts.server && !facts.server.reachable) notices.push({ code: 'server-unreachable' });
  if (facts.server?.licensed === false) notices.push({ code: 'server-unlicensed' });
  if (facts.diskFreeBytes !== null && facts.diskFreeBytes < LOW_DISK_BYTES) notices.push({ code: 'disk-low', freeMb: Math.floor(facts.diskFreeBytes / 1024 / 1024) });
  const busyPort = ctx.metricsPortBusy();
  if (busyPort !== null) notices.push({ code: 'metrics-port-busy', port: busyPort });
  const agent = readAgentIdentity(ctx.dataDir);
  const changed = agent ? changedIdentityLabels(agent, kioskIdentity(config, ctx.references.profile()?.value ?? null)) : [];
  if (changed.length > 0) notices.push({ code: 'fleet-identity-changed', labels: changed.join(', ') });
  return byImportance(notices);
}

/** The data directory's file system, or null when it cannot be read. */
export function diskSpace(dir: string): { freeBytes: number; totalBytes: number } | null {
  try {
    const stats = statfsSync(dir);
    return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
  } catch {
    return null;
  }
}
