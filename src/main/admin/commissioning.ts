/**
 * Who may set the first admin PIN, and when a kiosk needs a technician for
 * want of one.
 *
 * A kiosk that has never been put into service (no configuration file, no
 * request ever stored for a real village server) is being set up by the
 * technician standing at it: the
 * first PIN is chosen on the touchscreen. Once a kiosk has a configuration
 * or has taken a request, a kiosk without an admin PIN would let anyone
 * (five taps on the corner, or any page that reaches the web host's socket)
 * choose one and, with it, point the next residents' NIK and PIN at a server
 * of their choosing. Then only `adm admin set-pin`, run on the kiosk PC by
 * the data directory's owner, sets it; the same command resets a forgotten
 * PIN. The demo PIN opens a demo kiosk that has none of its own (README).
 */
import { configFilePresent, type ConfigProblem } from '../config/store';
import { databasePath, readDatabaseWithoutWriting } from '../db/database';
import { hasServedResidents, type OutboxStore } from '../outbox/outbox-store';
import { SET_PIN_COMMAND } from '../../shared/admin-pin';
import type { DemoEnding } from '../../shared/admin-contract';
import type { Logger } from 'pino';

/** The PIN that opens admin in demo mode while the kiosk has none of its own (README, "Demo data"). */
export const DEMO_ADMIN_PIN = '123456';

/**
 * The demo PIN while it opens admin, else null: a demo kiosk without a PIN of its own that has never served a
 * resident. A kiosk in service whose config.json went missing is no demo kiosk, whatever mode it started in.
 */
export function demoAdminPin(facts: { demoMode: boolean; pinSet: boolean; neverCommissioned: boolean }): string | null {
  return facts.demoMode && !facts.pinSet && facts.neverCommissioned ? DEMO_ADMIN_PIN : null;
}

/** The demo PIN for this kiosk now (admin's PIN screen and Keamanan ask the same question), or null. */
export function demoAdminPinOf(kiosk: {
  dataDir: string;
  outbox: Pick<OutboxStore, 'servedResidents'>;
  demoMode: boolean;
  adminAuth: { pinSet(): boolean };
}): string | null {
  return demoAdminPin({ demoMode: kiosk.demoMode, pinSet: kiosk.adminAuth.pinSet(), neverCommissioned: neverCommissioned(kiosk.dataDir, kiosk.outbox) });
}

/**
 * True while the kiosk has no configuration file and never took a request for a real village server (demo
 * mode's requests, made for the demo server, do not put a kiosk into service).
 */
export function neverCommissioned(dataDir: string, outbox: Pick<OutboxStore, 'servedResidents'>): boolean {
  if (configFilePresent(dataDir)) return false;
  return !outbox.servedResidents();
}

/**
 * Whether the database in `dataDir` shows a kiosk that has served residents, asked before a core exists: a
 * host never starts demo mode for such a kiosk (its config.json went missing; residents would be sending their
 * requests to the demo server). A database that cannot be read counts as served: the core's own start then says
 * what is wrong with it.
 */
export function servedResidentsOnDisk(dataDir: string): boolean {
  try {
    return readDatabaseWithoutWriting(databasePath(dataDir), hasServedResidents) ?? false;
  } catch {
    return true;
  }
}

/**
 * A kiosk that has served residents but has no config.json any more needs a technician: it must not run on
 * defaults (no server, another name) nor, in a host, as a demo kiosk. Null while all is as it should be.
 */
export function missingConfigProblem(dataDir: string, outbox: Pick<OutboxStore, 'servedResidents'>): ConfigProblem | null {
  if (configFilePresent(dataDir) || !outbox.servedResidents()) return null;
  return {
    message: 'the file is gone from a kiosk that has served residents; restore it (from the backup) before the kiosk serves again',
    line: null,
    column: null,
  };
}

/** A kiosk in service that no admin PIN opens: nobody can reach its admin screens until `adm admin set-pin`. */
export function adminPinMissing(facts: { pinSet: boolean; neverCommissioned: boolean }): boolean {
  return !facts.pinSet && !facts.neverCommissioned;
}

export const ADMIN_PIN_MISSING_MESSAGE = `the kiosk is in service without an admin PIN: set one on this PC with \`${SET_PIN_COMMAND}\``;

/**
 * What saving to config.json does to a demo kiosk, or null when a save ends nothing (no demo kiosk, or its file
 * was written by an earlier save). The first save writes config.json, and a kiosk with a config.json is in service:
 * from that save on the demo PIN opens nothing (`neverCommissioned` is false), and from the next start there is no
 * demo server (host-core.ts): the kiosk uses the village server config.json names, and without one residents
 * cannot sign in. The technician is told this and confirms it before the save (`ends-demo`).
 */
export function demoEndsOnSave(
  kiosk: { dataDir: string; demoMode: boolean; adminAuth: { pinSet(): boolean } },
  next: { server: { url: string | null } },
): DemoEnding | null {
  if (!kiosk.demoMode || configFilePresent(kiosk.dataDir)) return null;
  return { adminPin: kiosk.adminAuth.pinSet() ? 'own' : 'set-on-pc', server: next.server.url === null ? 'none' : 'set' };
}

/** Said once, when the save that ends demo mode has landed: in the audit log (who) and the log (what follows). */
export function demoEnded(
  ctx: { audit(actor: string, action: string, detail?: unknown): void; log(subsystem: string): Logger },
  actor: string,
  ending: DemoEnding,
): void {
  ctx.audit(actor, 'demo.ended', { ...ending });
  ctx.log('admin').warn(
    { ...ending },
    ending.adminPin === 'set-on-pc'
      ? `demo mode ends: config.json written; the demo PIN no longer opens admin (set one with \`${SET_PIN_COMMAND}\`) and the next start has no demo server`
      : 'demo mode ends: config.json written; the next start has no demo server',
  );
}
