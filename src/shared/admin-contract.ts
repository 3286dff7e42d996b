/**
 * The admin half of the contract: what the technician's screens may ask the
 * core. Reachable only from the admin window (Electron) or, in the web host,
 * with an admin session token issued after the admin PIN; the resident
 * window's bridge is built from `contract.ts` alone and cannot name these.
 * Every call but the three public ones needs that session (`PUBLIC_ADMIN_CALLS`).
 */
import { OUTBOX_STATES, type OutboxState } from './outbox-states';
import { z } from 'zod';
import type { DocumentPrinterStatus, PrinterStatus } from './device-status';
import { ISSUED_LETTER_ID, type LetterPrintState } from './signed-letters';
import type { PrintResult } from './contract';
import type { KioskRequestStatus } from './request-status';
import { ADMIN_PIN_MAX } from './admin-pin';
import { CUPS_QUEUE_NAME } from './cups-names';
import type { AdminCallName } from './admin-contract-names';
import { call, type BridgeCalls, type CallSpec, type TableInput, type TableOutput } from './contract-table';
import { SETTINGS_KEYS, type SettingsKey, type SettingsValues } from './admin-settings';

export { adminCallNames, adminIpcChannel, isAdminCallName, PUBLIC_ADMIN_CALLS } from './admin-contract-names';
export type { AdminCallName, PublicAdminCallName, SessionAdminCallName } from './admin-contract-names';

/** Before the PIN: whether one is set, the lock, and in demo mode the documented demo PIN. */
export interface AdminState {
  pinSet: boolean;
  /** No PIN yet and the kiosk was never put into service: the first PIN is chosen here. Otherwise it is set on the PC. */
  firstPinHere: boolean;
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
  /** The kiosk's time zone (`kiosk.timeZone`): admin shows every time on the kiosk's clock. */
  timeZone: string;
}

/**
 * What the first save ends on a demo kiosk (`admin/commissioning.ts`, `demoEndsOnSave`), as the params of the
 * `ends-demo` refusal a save gets until the technician confirms it. `adminPin`: `own`, the kiosk's own PIN keeps
 * opening admin; `set-on-pc`, the demo PIN stops at once and only `adm admin set-pin` on the kiosk PC gives one.
 * `server`: whether the saved config.json names a village server (`none`: residents cannot sign in until one is set).
 */
export interface DemoEnding {
  adminPin: 'own' | 'set-on-pc';
  server: 'none' | 'set';
}

/** Why the kiosk needs a technician: a code the admin screen words, with what it needs (`technician-notices.ts` orders them). */
export type TechnicianNotice =
  | { code: 'config-unreadable'; detail: string }
  /** In service with no admin PIN (a demo kiosk after its first save): only `adm admin set-pin` on the PC gives one. */
  | { code: 'admin-pin-missing' }
  /** Not in demo mode and no village server in config.json: residents cannot sign in, nothing is sent. */
  | { code: 'server-not-set' }
  /** Demo mode: residents' requests go to the bundled demo village, not to a village server. */
  | { code: 'demo-mode' }
  /** Demo mode, but config.json was saved: the next start has no demo server (and uses config.json's server). */
  | { code: 'demo-ends-at-restart'; server: DemoEnding['server'] }
  /** Demo mode, and admin opens with the published demo PIN only: set the kiosk's own in Keamanan. */
  | { code: 'admin-pin-demo' }
  | { code: 'parked-requests'; count: number }
  | { code: 'held-for-other-server'; count: number }
  /** Sealed PINs or tokens this kiosk's key cannot open: the key file was replaced or lost (restore it from backup). */
  | { code: 'key-changed'; count: number }
  | { code: 'printer-problem'; status: PrinterStatus }
  | { code: 'server-unreachable' }
  | { code: 'server-unlicensed' }
  | { code: 'disk-low'; freeMb: number }
  /** Another program holds `metrics.port` on 127.0.0.1: the kabupaten's fleet monitoring hears nothing from this kiosk. */
  | { code: 'metrics-port-busy'; port: number }
  /** The fleet agent still sends the identity it was configured with; these labels changed since. */
  | { code: 'fleet-identity-changed'; labels: string };

/**
 * One part of the kiosk's identity in the kabupaten's fleet monitoring, as
 * the metrics use it now: from config.json, from the village server's
 * profile, or "unset" (nobody gave it yet).
 */
export interface FleetIdentityPart {
  value: string;
  source: 'config' | 'server' | 'unset';
}
export type FleetIdentityView = Record<'kioskId' | 'kodeDesa' | 'kecamatan' | 'kabupaten', FleetIdentityPart>;

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

/** The Printer screen: what the printer says, what can be chosen, and the last slip as the printer got it. */
export interface AdminPrinter {
  status: PrinterStatus;
  /** The transport as the kiosk uses it now ("tcp 192.168.1.50:9100", "virtual /var/...") and the profile. */
  transport: string;
  profile: string;
  profiles: Array<{ id: string; name: string }>;
  /** Found now: USB printer devices and serial ports. */
  devices: { usb: string[]; serial: string[] };
  /** The last test slip or queue ticket, drawn dot for dot from the bytes sent (receipts are never kept). */
  lastSlip: { kind: 'test-slip' | 'queue-ticket'; at: string; previewDataUrl: string | null } | null;
  /** Receipts whose last print failed. */
  failedReceipts: Array<{ reference: string; failedAt: string; failure: string | null }>;
}

/**
 * The Printer screen's "A4 / Surat" section: the CUPS queues, the one in use
 * and its state, and today's letter prints (a second print of a letter the
 * same day needs the technician's "Izinkan cetak lagi").
 */
export interface AdminLetterPrinter {
  /** letterPrinter.enabled: residents may print their signed letters here. */
  enabled: boolean;
  /** letterPrinter.queue, or null: CUPS's default queue is used. */
  configuredQueue: string | null;
  /** The queue prints go to now (the configured one, else CUPS's default), or null: none. */
  queueInUse: string | null;
  defaultQueue: string | null;
  /** False: cupsd did not answer (the queues list is then empty). */
  cupsReachable: boolean;
  queues: Array<{ queue: string; status: DocumentPrinterStatus; reasons: string[]; accepting: boolean; message: string | null }>;
  media: string;
  printsPerLetterPerDay: number;
  /** Today's letters printed or tried on this kiosk, newest first. */
  today: Array<{ letterId: string; prints: number; allowedExtra: number; lastOutcome: string; lastAt: string }>;
}

export type { OutboxState } from './outbox-states';

/**
 * Whether a technician can send a request again, and if not, why: `sent` (the
 * office has it), `wrong-pin` (the server refused the resident's PIN),
 * `request-again` (the PIN or session it was made with is no longer kept, so
 * only the resident can make it again at the kiosk), `purged` (its personal
 * data was removed), `other-server` (held for another server: `adm outbox
 * retarget`). Decided in `src/main/outbox/outbox-actions.ts`.
 */
export type OutboxRetry = 'allowed' | 'sent' | 'wrong-pin' | 'request-again' | 'purged' | 'other-server';

/**
 * Why a request is not sent (yet), as a code the screen words: the village
 * server cannot be reached, did not answer in time, dropped the connection,
 * failed (5xx), answered unlike an OpenSID API, ended the resident's session,
 * locked sign-ins for a while, or refused the request; `note` is the kiosk's
 * own sentence, shown as it is.
 */
export type OutboxProblemCode = 'unreachable' | 'timeout' | 'dropped' | 'server-error' | 'server-unavailable' | 'signed-out' | 'locked' | 'refused' | 'note';

/** A request as a technician sees it: the NIK masked, never a PIN, never the answers. */
export interface AdminOutboxRow {
  reference: string;
  createdAt: string;
  letterName: string;
  /** Masked NIK (first 6, last 4), or null once purged. */
  resident: string | null;
  state: OutboxState;
  verified: boolean;
  attempts: number;
  nextAttemptAt: string | null;
  /** The kiosk's own words for why (technician text, Bahasa Indonesia). */
  lastError: string | null;
  /** `lastError` as a code to word, and the raw text behind it (small print). */
  problem: { code: OutboxProblemCode; detail: string } | null;
  /** The one word for where it is (on the kiosk, or the office's status once sent). */
  status: KioskRequestStatus;
  retry: OutboxRetry;
  serverId: number | null;
  serverStatus: number | null;
  /** Server rows it could be (sending was in doubt): choose one, or send again. */
  candidates: number[];
  heldForOtherServer: boolean;
  purged: boolean;
  /** `retry` is `allowed`. */
  canRetry: boolean;
  canPark: boolean;
}

/** `adm server check` for the admin: is the server there, which version and village, licensed? */
export interface AdminServerCheck {
  url: string;
  reachable: boolean;
  version: string | null;
  village: string | null;
  /** null: could not tell (the server did not answer). */
  licensed: boolean | null;
  problem: string | null;
}

/** Waiting requests made for a server other than the one in question (each is only ever sent where it was made for). */
export interface PendingElsewhere {
  /** The server's identity (scheme, host, path), or "demo". */
  target: string;
  count: number;
}

/** The Server screen. */
export interface AdminServer {
  /** As configured (null: none). In demo mode the embedded demo server is used until the kiosk restarts with a URL. */
  url: string | null;
  demoMode: boolean;
  /** Where waiting requests go now: the configured server's identity, "demo", or null (nothing is sent). */
  target: string | null;
  /** When each kind of reference data was last fetched (the letters and news need a resident's sign-in). */
  reference: { profile: string | null; letters: string | null; articles: string | null };
  pendingElsewhere: PendingElsewhere[];
}

export type SetServerUrlAnswer =
  /** Requests made for another server are waiting: keep them for it, or send them to the new one. Nothing was saved. */
  | { outcome: 'decide'; pending: PendingElsewhere[] }
  | { outcome: 'saved'; retargeted: number; restartNeeded: boolean; server: AdminServer };

/**
 * Why config.json refuses a save when it is not simply broken text: `missing`, the
 * file the running configuration came from is gone; `duplicate-key`, a key written
 * twice, so the edit would land where the kiosk does not read; `not-as-saved`, the
 * edited file would read otherwise for another reason.
 */
export type ConfigUnreadableReason = 'missing' | 'duplicate-key' | 'not-as-saved';

/** Where config.json is broken (from 1), or nulls when it is not a position (not an object, not readable); and why, when known. */
export interface ConfigFilePosition {
  line: number | null;
  column: number | null;
  reason?: ConfigUnreadableReason;
  /** The duplicate key or the field, as a dotted path. */
  key?: string;
}

/** One thing a reader did, for the Readers screen's live log: what and from where, never whose. */
export interface ReaderEvent {
  at: string;
  source: 'keyboard' | 'pcsc' | 'serial' | 'hid';
  kind: 'card' | 'technician-card' | 'receipt' | 'code' | 'rejected' | 'status';
  /** card: the UID's last 4 hex digits and whether its NIK is known; code: its length; rejected: why; status: the device's state. Technician text. */
  detail: string;
}

export interface AdminReaders {
  /** The device readers' states now (keyboard-wedge readers have none: they are keys). */
  sources: Array<{ source: 'pcsc' | 'serial' | 'hid'; state: string; detail: string | null }>;
  /** Newest first. */
  events: ReaderEvent[];
  /** What is plugged in now (asked for with `devices: true`; listing takes a moment): what a setting can name. */
  devices: { found: Array<{ kind: 'pcsc' | 'serial' | 'hid'; label: string; value: string | null }>; problems: string[] } | null;
}

/** Where logs can be written: mounted removable drives (USB sticks). */
export interface LogFolders {
  folders: Array<{ path: string; label: string; freeBytes: number | null }>;
}

export interface TechnicianCards {
  cards: Array<{ label: string; addedAt: string }>;
  tapSeen: boolean;
}

const noInput = z.object({}).strict();
const cardLabel = z.string().trim().min(1).max(40);
const reference = z.string().min(1).max(40);
/** The technician confirmed that this save ends demo mode; without it such a save answers `ends-demo`. */
const endDemo = z.literal(true).optional();
const outboxFilter = z.enum(['all', ...OUTBOX_STATES]);
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
  /**
   * The kiosk settings as they are now (`admin-settings.ts` lists them), and
   * whether config.json can be edited: `unreadableFile` (where it is broken,
   * when known) means it cannot, and every save is refused until it is fixed.
   */
  'admin.settings': call<{ values: SettingsValues; unreadableFile: ConfigFilePosition | null; identity: FleetIdentityView }>()(noInput),
  /**
   * Changed settings only. All are checked against the configuration schema
   * first: any refusal (`validation`, a problem per field, bounds in params
   * as `<field>.min`/`<field>.max`) saves none; a config.json that cannot be
   * parsed is refused (`config-unreadable`) and left as it is; the first save
   * of a demo kiosk is refused (`ends-demo`) until it carries `endDemo`; else
   * only the changed fields are written into the file and applied at once.
   */
  'admin.saveSettings': call<{ values: SettingsValues; identity: FleetIdentityView }>()(
    z
      .object({
        values: z.partialRecord(z.enum(SETTINGS_KEYS as [SettingsKey, ...SettingsKey[]]), z.union([z.string().max(400), z.number().finite(), z.boolean(), z.null()])),
        endDemo,
      })
      .strict(),
  ),
  'admin.printer': call<AdminPrinter>()(noInput),
  'admin.letterPrinter': call<AdminLetterPrinter>()(noInput),
  /** Use this CUPS queue for letters (null: CUPS's default). Saved in config.json as letterPrinter.queue. */
  'admin.letterPrinterQueue': call<AdminLetterPrinter>()(z.object({ queue: z.string().regex(CUPS_QUEUE_NAME).nullable() }).strict()),
  /** Prints the kiosk's own A4 test page on the queue in use; answers when CUPS gave its final word (or the time limit). */
  'admin.letterPrinterTest': call<{ state: LetterPrintState; jobId: number | null; letterPrinter: AdminLetterPrinter }>()(noInput),
  /** The resident may print this letter once more today (audited). */
  'admin.letterPrintAllow': call<AdminLetterPrinter>()(z.object({ letterId: z.string().regex(ISSUED_LETTER_ID) }).strict()),
  /** Prints the test slip now; the answer has the printer's outcome and the new preview. */
  'admin.printTestSlip': call<{ result: PrintResult; printer: AdminPrinter }>()(noInput),
  'admin.reprint': call<{ result: PrintResult | { outcome: 'unavailable' }; printer: AdminPrinter }>()(z.object({ reference }).strict()),
  'admin.outbox': call<{ counts: Record<OutboxState, number>; rows: AdminOutboxRow[]; paused: boolean }>()(
    z.object({ state: outboxFilter }).strict(),
  ),
  /** retry: send again now (a held or waiting request); park: hold a waiting one. */
  'admin.outboxAction': call<{ row: AdminOutboxRow | null }>()(z.object({ reference, action: z.enum(['retry', 'park']) }).strict()),
  /** This held request is that server row (one of its candidates). */
  'admin.adopt': call<{ row: AdminOutboxRow | null }>()(z.object({ reference, serverId: z.number().int().positive() }).strict()),
  /** Pause or resume sending while admin is open (closing admin resumes it). */
  'admin.syncPause': call<{ paused: boolean }>()(z.object({ paused: z.boolean() }).strict()),
  'admin.outboxExport': call<{ fileName: string; mimeType: string; text: string }>()(
    z.object({ state: outboxFilter, format: z.enum(['csv', 'json']) }).strict(),
  ),
  /** The current PIN (a wrong one counts towards the lock), then the new one. */
  'admin.changePin': call<null>()(z.object({ current: pinInput, next: pinInput }).strict()),
  /** Registered technician cards, and whether a card was tapped in the last minute (to register it). */
  'admin.cards': call<TechnicianCards>()(noInput),
  /** Registers the card tapped in the last minute under this name. */
  'admin.registerCard': call<TechnicianCards>()(z.object({ label: cardLabel }).strict()),
  'admin.removeCard': call<TechnicianCards>()(z.object({ label: cardLabel }).strict()),
  /** The audit log, newest first. */
  'admin.audit': call<{ entries: Array<{ at: string; actor: string; action: string; detail: string | null }> }>()(
    z.object({ limit: z.number().int().min(1).max(1000) }).strict(),
  ),
  /** The end of the kiosk's log, optionally one subsystem's. */
  'admin.logTail': call<{ subsystems: string[]; records: Array<{ at: string; level: string; subsystem: string; message: string; line: string }> }>()(
    z.object({ subsystem: z.string().regex(/^[a-z-]{1,32}$/).nullable(), lines: z.number().int().min(1).max(1000) }).strict(),
  ),
  'admin.server': call<AdminServer>()(noInput),
  /** Checks a typed URL before it is saved (null: the server in use now). */
  'admin.serverCheck': call<{ check: AdminServerCheck }>()(z.object({ url: z.string().trim().max(400).nullable() }).strict()),
  /** Fetches the village profile (and so the attract screen's pictures) now; letters and news come with a resident's sign-in. */
  'admin.refreshReference': call<{ refreshed: boolean; problem: string | null; server: AdminServer }>()(noInput),
  /**
   * A new server URL (null: none). With `pending: 'ask'`, waiting requests
   * made for another server are listed and nothing is saved; `keep` leaves them
   * for their own server (held), `retarget` sends them to the new one. On a
   * demo kiosk the save ends demo mode: `ends-demo` until it carries `endDemo`.
   */
  'admin.setServerUrl': call<SetServerUrlAnswer>()(
    z.object({ url: z.string().trim().max(400).nullable(), pending: z.enum(['ask', 'keep', 'retarget']), endDemo }).strict(),
  ),
  'admin.readers': call<AdminReaders>()(z.object({ devices: z.boolean() }).strict()),
  /** The Readers screen's test area: a key from a keyboard-wedge reader, to the same detector as the kiosk window's. */
  'admin.readerKey': call<null>()(z.object({ key: z.string().min(1).max(32), atMs: z.number().finite().nonnegative() }).strict()),
  'admin.logFolders': call<LogFolders>()(noInput),
  /**
   * The kiosk's logs and audit log: written into a new folder on that drive
   * (`folder`: one of `admin.logFolders`), or, with null, returned for download.
   */
  'admin.logExport': call<{ written: string | null; fileName: string; text: string | null }>()(
    z.object({ folder: z.string().max(1000).nullable() }).strict(),
  ),
  /** Restart the kiosk app, or quit it (to the desktop, for maintenance). Needs a host that can. */
  'admin.shell': call<null>()(z.object({ action: z.enum(['restart', 'exit']) }).strict()),
} as const satisfies Record<AdminCallName, CallSpec<z.ZodType, unknown>>;

export type AdminCallInput<N extends AdminCallName> = TableInput<typeof adminCalls, N>;
export type AdminCallOutput<N extends AdminCallName> = TableOutput<typeof adminCalls, N>;

/** What the admin screens see: one function per admin call; the bridge carries the session itself. */
export type AdminBridge = {
  readonly calls: BridgeCalls<typeof adminCalls>;
};
