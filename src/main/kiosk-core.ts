/**
 * What the kiosk core offers its hosts (Electron, the web host, \`adm\`) and
 * what they may give it. \`core.ts\` builds it.
 */
import type { Result } from '../shared/result';
import type { AdminCaller, AdminHolder } from './admin/admin-sessions';
import type { KioskConfig } from './config/schema';
import type { ConfigProblem } from './config/store';
import type { Database } from './db/database';
import type { EventListener } from './event-hub';
import type { ShellControl } from './feature';
import type { KioskLogger } from './logging/logger';
import type { OutboxStore } from './outbox/outbox-store';
import type { KeyProvider } from './outbox/secret-box';
import type { SyncWorker } from './outbox/sync-worker';
import type { PrintingService } from './printing/printing-service';
import type { VillageServer } from './village/types';
import type { StartInputSources } from '../devices/input/input-sources';
import type { DocumentPrinter } from '../devices/document-printer/types';
import type { FleetMetrics } from './metrics/fleet-metrics';

export interface KioskCoreOptions {
  /** Defaults to `ADM_DATA_DIR` or the platform's data folder. */
  dataDir?: string;
  /** Protects sealed PINs and tokens; defaults to a 0600 key file in the data directory. */
  keyProvider?: KeyProvider;
  /**
   * The village server to use instead of the configured one (demo mode: the
   * embedded demo server). Never written to the configuration.
   */
  serverUrlOverride?: string;
  env?: NodeJS.ProcessEnv;
  /** Copy log records to stderr as well as the log file. */
  echoLogs?: boolean;
  /** Reload the configuration when the file changes (hosts: yes; CLI: no). */
  watchConfig?: boolean;
  /** The device readers (PC/SC, serial, HID); tests give `createFakeInputSources().start`. */
  inputSources?: StartInputSources;
  /** The A4 printer for signed letters; defaults to CUPS (`CUPS_SERVER` or the local cupsd). Tests give a fake. */
  documentPrinter?: DocumentPrinter;
  /** The host's restart and quit, for the admin's "Mulai ulang" and "Tutup aplikasi kios". */
  shell?: ShellControl;
}

export type { AdminCaller } from './admin/admin-sessions';
export type { EventListener } from './event-hub';

export interface KioskCore {
  readonly dataDir: string;
  readonly logger: KioskLogger;
  readonly db: Database;
  readonly outbox: OutboxStore;
  readonly sync: SyncWorker;
  readonly printing: PrintingService;
  config(): KioskConfig;
  /** The village server client, or null when none is configured (or the configuration cannot be read). */
  village(): VillageServer | null;
  /** Why the kiosk needs a technician (an unreadable configuration), or null. */
  needsTechnician(): string | null;
  /** The unreadable configuration's details, or null. */
  configProblem(): ConfigProblem | null;
  /** The identity of the server requests go to now (`village/server-target.ts`), or null. */
  serverTarget(): string | null;
  /** In service without an admin PIN: a technician sets one with `adm admin set-pin` (admin/commissioning.ts). */
  adminPinMissing(): boolean;
  /** Record a technician's action in the audit log. */
  audit(actor: string, action: string, detail?: unknown): void;
  /** The fleet metrics: what a scrape of `/metrics` answers, and the counters the features report to. */
  readonly metrics: FleetMetrics;
  /**
   * Start the background work: the sync worker, retention purges and `/metrics` on 127.0.0.1 (hosts do; the CLI
   * decides, and `adm` never serves metrics).
   */
  startBackground(): void;
  invoke(name: unknown, input: unknown): Promise<Result<unknown>>;
  /**
   * The admin half: `session` is the token `admin.unlock` gave (not needed for the public admin calls), good only
   * from the `holder` (the page: a web host socket, Electron's admin window) that opened it.
   */
  invokeAdmin(name: unknown, input: unknown, caller: AdminCaller): Promise<Result<unknown>>;
  /** The page went away (its socket or window closed): the admin session it held ends. */
  adminHolderGone(holder: AdminHolder): void;
  onEvent(listener: EventListener): () => void;
  close(): Promise<void>;
}
