/**
 * The admin half of the contract: what the technician's screens may ask the
 * core. Reachable only from the admin window (Electron) or, in the web host,
 * with an admin session token issued after the admin PIN; the resident
 * window's bridge is built from `contract.ts` alone and cannot name these.
 * Every call but the three public ones needs that session (`PUBLIC_ADMIN_CALLS`).
 */
import { z } from 'zod';
import type { PrinterStatus } from './device-status';
import type { Result } from './result';
import { ADMIN_PIN_MAX } from './admin-pin';
import type { AdminCallName } from './admin-contract-names';
import type { CallSpec } from './contract';
import { SETTINGS_KEYS, type SettingsKey, type SettingsValues } from './admin-settings';

export { adminCallNames, adminIpcChannel, isAdminCallName, PUBLIC_ADMIN_CALLS } from './admin-contract-names';
export type { AdminCallName } from './admin-contract-names';

function call<Output>() {
  return <Input extends z.ZodType>(input: Input): CallSpec<Input, Output> => ({ input });
}

/** Before the PIN: whether one is set, the lock, and in demo mode the documented demo PIN. */
export interface AdminState {
  pinSet: boolean;
  /** Demo mode only: the PIN that opens admin while no PIN of the kiosk's own is set. */
  demoPin: string | null;
  /** Seconds until another PIN may be tried (0: now). */
  lockedSeconds: number;
  /** A registered technician card was tapped in the last minute: the PIN opens admin in its name. */
  card: string | null;
}

export interface AdminSession {
  /** Carried by the admin bridge on every later call; never shown. */
  session: string;
  /** Who: "pin" or "card:<label>", as the audit log records it. */
  actor: string;
  /** Admin closes itself after this long without a call. */
  idleSeconds: number;
}

/** Why the kiosk needs a technician: a code the admin screen words, with what it needs. */
export type TechnicianNotice =
  | { code: 'config-unreadable'; detail: string }
  | { code: 'parked-requests'; count: number }
  | { code: 'held-for-other-server'; count: number }
  | { code: 'printer-problem'; status: PrinterStatus }
  | { code: 'server-unreachable' }
  | { code: 'server-unlicensed' }
  | { code: 'disk-low'; freeMb: number };

export interface AdminStatus {
  appVersion: string;
  uptimeSeconds: number;
  kioskName: string;
  demoMode: boolean;
  server: {
    url: string | null;
    reachable: boolean | null;
    version: string | null;
    village: string | null;
    licensed: boolean | null;
    problem: string | null;
  };
  sync: { lastPassAt: string | null };
  outbox: { pending: number; synced: number; parked: number; rejected: number };
  printer: { status: PrinterStatus; transport: string; profile: string; changes: Array<{ status: PrinterStatus; at: string }> };
  reader: { lastEvent: { kind: 'card' | 'receipt'; at: string } | null };
  disk: { freeBytes: number; totalBytes: number } | null;
  notices: TechnicianNotice[];
}

const noInput = z.object({}).strict();
// Any digits up to the longest PIN: a wrong shape is simply a wrong PIN (and counts as one).
const pinInput = z.string().regex(new RegExp(`^\\d{1,${ADMIN_PIN_MAX}}$`));

export const adminCalls = {
  'admin.state': call<AdminState>()(noInput),
  /** The admin PIN (after a tapped technician card, in its name): opens an admin session and ends the resident's. */
  'admin.unlock': call<AdminSession>()(z.object({ pin: pinInput }).strict()),
  /** First run outside demo mode: the kiosk has no admin PIN yet. Refused once one is set. */
  'admin.setFirstPin': call<AdminSession>()(z.object({ pin: pinInput }).strict()),
  /** Close admin (the resident screens come back). */
  'admin.lock': call<null>()(noInput),
  'admin.status': call<AdminStatus>()(noInput),
  /** The kiosk settings as they are now (`admin-settings.ts` lists them). */
  'admin.settings': call<{ values: SettingsValues }>()(noInput),
  /**
   * Changed settings only. All are checked against the configuration schema
   * first: any refusal (`validation`, a problem per field, bounds in params
   * as `<field>.min`/`<field>.max`) saves none; else saved atomically and applied at once.
   */
  'admin.saveSettings': call<{ values: SettingsValues }>()(
    z
      .object({
        values: z.partialRecord(z.enum(SETTINGS_KEYS as [SettingsKey, ...SettingsKey[]]), z.union([z.string().max(400), z.number().finite(), z.null()])),
      })
      .strict(),
  ),
} as const satisfies Record<AdminCallName, CallSpec<z.ZodType, unknown>>;

export type AdminCallInput<N extends AdminCallName> = z.input<(typeof adminCalls)[N]['input']>;
export type AdminCallOutput<N extends AdminCallName> = Exclude<(typeof adminCalls)[N]['output'], undefined>;

/** What the admin screens see: one function per admin call; the bridge carries the session itself. */
export type AdminBridge = {
  readonly calls: { readonly [N in AdminCallName]: (input: AdminCallInput<N>) => Promise<Result<AdminCallOutput<N>>> };
};
