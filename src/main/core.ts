/**
 * The composition root of the kiosk core. It wires everything in a fixed,
 * readable order before any window exists:
 *   data directory -> configuration -> logging -> database -> features.
 * Both hosts (Electron and the web host) and the CLI build exactly this.
 *
 * `invoke` and `invokeAdmin` are the entries for calls from any host: one
 * dispatcher per half of the contract (`dispatcher.ts`).
 */
import { EventEmitter } from 'node:events';
import {
  calls,
  isCallName,
  type EventName,
} from '../shared/contract';
import type { Result } from '../shared/result';
import { adminCalls, isAdminCallName, PUBLIC_ADMIN_CALLS } from '../shared/admin-contract';
import { createAdminAuth } from './admin/admin-auth';
import { adminSessionGuard, createAdminSessions, type AdminCaller, type AdminHolder } from './admin/admin-sessions';
import { assertEveryCallHandled, createDispatcher, NO_GUARD } from './dispatcher';
import { ADMIN_PIN_MISSING_MESSAGE, adminPinMissing, missingConfigProblem, neverCommissioned } from './admin/commissioning';
import { registerAdmin } from './features/admin';
import { registerAdminSettings } from './features/admin-settings';
import { registerAdminPrinter } from './features/admin-printer';
import { registerAdminOutbox } from './features/admin-outbox';
import { registerAdminSecurity } from './features/admin-security';
import { registerAdminRecords } from './features/admin-records';
import { registerAdminReaders } from './features/admin-readers';
import { registerAdminServer } from './features/admin-server';
import { ensureDataDir, resolveDataDir } from './data-dir';
import { logConfigState, readConfigFile, type ConfigProblem } from './config/store';
import { createRunningConfig } from './config/running-config';
import { createAuditLog } from './logging/audit-log';
import { createRetention } from './retention';
import { createCurrentServer } from './village/current-server';
import { configSchemaFor, SHORT_TIMINGS_ENV, shortTimingsAllowed, type KioskConfig } from './config/schema';
import { createLogger, type KioskLogger } from './logging/logger';
import { assertDatabaseNotLost, databasePath, earlierInstallEvidence, openDatabase, type Database } from './db/database';
import type { AdminContext, AdminFeature, Dispose, KioskServices, ResidentContext, ResidentFeature, ShellControl } from './feature';
import { registerAttractContent } from './features/attract-content';
import { registerKioskInfo } from './features/kiosk-info';
import { registerResidentSession } from './features/resident-session';
import { registerLetters } from './features/letters';
import { registerRequests } from './features/requests';
import { registerVillageInfo } from './features/village-info';
import { createSessionHolder } from './session/session-holder';
import { createPrintingService, type PrintingService } from './printing/printing-service';
import { registerPrinting } from './features/printing';
import { registerVoice } from './features/voice';
import { registerDailyRestart } from './features/daily-restart';
import { registerReaderInput } from './features/reader-input';
import { cardHintKey, createCardHints, createCardTaps } from './input/card-hints';
import { createReaderLog } from './input/reader-log';
import { createReceiptLookups } from './session/receipt-lookups';
import { createReferenceCache } from './village/reference-cache';
import { createOutboxStore, type OutboxStore } from './outbox/outbox-store';
import { createSecretBox, keyFileProvider, type KeyProvider } from './outbox/secret-box';
import { createSyncWorker, type SyncWorker } from './outbox/sync-worker';
import { syncStatus } from './outbox/sync-status';
import type { VillageServer } from './village/types';
import { realInputSources, type StartInputSources } from '../devices/input/input-sources';

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
  /** The host's restart and quit, for the admin's "Mulai ulang" and "Tutup aplikasi kios". */
  shell?: ShellControl;
}

export type EventListener = (name: EventName, payload: unknown) => void;

export type { AdminCaller } from './admin/admin-sessions';

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
  /** Start the background work: the sync worker and retention purges (hosts do; the CLI decides). */
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

/** Features in start order (resident ones, then admin ones); they are disposed in reverse. */
const RESIDENT_FEATURES: readonly ResidentFeature[] = [
  registerKioskInfo,
  registerAttractContent,
  registerResidentSession,
  registerLetters,
  registerRequests,
  registerVillageInfo,
  registerPrinting,
  registerReaderInput,
  registerVoice,
  registerDailyRestart,
];
const ADMIN_FEATURES: readonly AdminFeature[] = [
  registerAdmin,
  registerAdminSettings,
  registerAdminPrinter,
  registerAdminOutbox,
  registerAdminSecurity,
  registerAdminRecords,
  registerAdminServer,
  registerAdminReaders,
];

/** Closes one thing a start opened. */
type Undo = () => void | Promise<void>;

export function createKioskCore(options: KioskCoreOptions = {}): KioskCore {
  // A start that fails part way (media/ that is a file, a full disk) leaves nothing open: the web host tries its
  // restarts beside the running start, and each failed try would otherwise keep a database connection, a log stream
  // and a configuration watcher that audits every edit once more.
  const opened: Undo[] = [];
  try {
    return wireKioskCore(options, opened);
  } catch (error) {
    for (const undo of opened.reverse()) {
      try {
        void Promise.resolve(undo()).catch(() => {});
      } catch {
        // The failure that stopped the start is the one to report; the rest is closed all the same.
      }
    }
    throw error;
  }
}

/** Wires the core in order; everything it opens goes on `opened` as it opens, so a later failure can close it. */
function wireKioskCore(options: KioskCoreOptions, opened: Undo[]): KioskCore {
  const dataDir = ensureDataDir(options.dataDir ?? resolveDataDir(options.env));

  // The configuration sizes the log, so it is read first and its problems
  // (a corrupt file, wrong fields) are logged once the logger exists.
  const configSchema = configSchemaFor(options.env);
  const configState = readConfigFile(dataDir, configSchema);
  // Looked at before the logger creates its file: was this kiosk used before?
  const earlierInstall = earlierInstallEvidence(dataDir);
  const { level, maxFileSizeMb, keepFiles } = configState.config.logging;
  const logger = createLogger({ dataDir, echo: options.echoLogs, level, maxFileSizeMb, keepFiles });
  opened.push(() => logger.close());
  logConfigState(configState, logger.forSubsystem('config'));
  const log = logger.forSubsystem('core');
  log.info({ dataDir, kiosk: configState.config.kiosk.name }, 'kiosk core starting');
  if (shortTimingsAllowed(options.env)) log.warn(`${SHORT_TIMINGS_ENV}=1: timings shorter than a kiosk in service allows are accepted (tests only)`);

  let db: Database;
  try {
    assertDatabaseNotLost(dataDir, earlierInstall);
    db = openDatabase(databasePath(dataDir), logger.forSubsystem('db'));
  } catch (error) {
    log.error({ err: error }, 'the database cannot be used; the kiosk does not start');
    throw error;
  }
  opened.push(() => void db.close());
  const events = new EventEmitter();
  // One key seals every secret the kiosk keeps: the outbox's PINs and tokens, and the card hints' NIKs.
  const secretBox = createSecretBox((options.keyProvider ?? keyFileProvider(dataDir))());
  const outbox = createOutboxStore(db, secretBox);
  const auditLog = createAuditLog(db);
  const config = createRunningConfig({
    dataDir,
    schema: configSchema,
    initial: configState,
    laterProblem: missingConfigProblem(dataDir, outbox),
    servedResidents: outbox.servedResidents(),
    log: logger.forSubsystem('config'),
    setLogLevel: (next) => void (logger.root.level = next),
    audit: auditLog.record,
    watch: options.watchConfig !== false,
  });
  opened.push(config.stop);
  const demoMode = options.serverUrlOverride !== undefined;
  const server = createCurrentServer({
    config: config.current,
    unusable: () => config.problem() !== null,
    demoUrl: options.serverUrlOverride,
    log: logger.forSubsystem('village'),
  });
  const references = createReferenceCache(db);
  const printing = createPrintingService({
    db,
    dataDir,
    outbox,
    references,
    config: config.current,
    log: logger.forSubsystem('printing'),
    serverReachable: () => !sync.serverDown(),
    demoMode,
  });
  const sync = createSyncWorker({
    store: outbox,
    server: () => {
      const client = server.client();
      const target = server.target();
      return client && target ? { client, target } : null;
    },
    hold: config.needsTechnician,
    settings: () => ({ ...config.current().sync, submitTimeoutSeconds: config.current().server.submitTimeoutSeconds }),
    log: logger.forSubsystem('sync'),
    onPass: (summary) => {
      events.emit('event', 'sync.status', syncStatus(summary.counts, summary.serverDown));
    },
  });
  const retention = createRetention({ outbox, printing, config: config.current, log });

  const cardKey = cardHintKey(dataDir);
  const adminSessions = createAdminSessions(() => config.current().admin.idleMinutes * 60_000);
  const adminAuth = createAdminAuth(db, cardKey);
  const residentDispatcher = createDispatcher({
    table: calls,
    isName: isCallName,
    guard: NO_GUARD,
    publicNames: new Set<never>(),
    unknownMessage: 'unknown call refused',
    log,
  });
  const adminDispatcher = createDispatcher({
    table: adminCalls,
    isName: isAdminCallName,
    guard: adminSessionGuard(adminSessions),
    publicNames: PUBLIC_ADMIN_CALLS,
    unknownMessage: 'unknown admin call refused',
    log,
  });
  const backgroundStarters: Array<() => () => void> = [];
  const services: KioskServices = {
    dataDir,
    outbox,
    sync,
    references,
    session: createSessionHolder(),
    printing,
    cardHints: createCardHints(db, cardKey, secretBox),
    cardTaps: createCardTaps(),
    readerLog: createReaderLog(),
    receiptLookups: createReceiptLookups(),
    inputSources: options.inputSources ?? realInputSources(),
    village: server.client,
    serverTarget: server.target,
    needsTechnician: config.needsTechnician,
    demoMode,
    shell: options.shell ?? null,
    config,
    log: (subsystem) => logger.forSubsystem(subsystem),
    emit: (name, payload) => void events.emit('event', name, payload),
    observe(listener) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
    audit: auditLog.record,
    background: (start) => void backgroundStarters.push(start),
    adminOpen: () => adminSessions.anyOpen(),
    technicianCard: (uid) => adminAuth.cardLabel(uid),
  };
  const residentContext: ResidentContext = {
    ...services,
    handle: residentDispatcher.handle,
  };
  const adminContext: AdminContext = {
    ...services,
    handleAdmin: adminDispatcher.handle,
    handlePublicAdmin: adminDispatcher.handlePublic,
    call: (name, input) => residentDispatcher.call(name, input, undefined),
    adminAuth,
    adminSessions,
    recentAudit: auditLog.recent,
  };
  const disposers: Dispose[] = [];
  const started = (dispose: Dispose) => void (disposers.push(dispose), opened.push(dispose));
  for (const register of RESIDENT_FEATURES) started(register(residentContext));
  for (const register of ADMIN_FEATURES) started(register(adminContext));
  const pinMissing = () =>
    adminPinMissing({ pinSet: adminAuth.pinSet(), neverCommissioned: neverCommissioned(dataDir, outbox) });
  if (pinMissing()) log.warn(`PERLU PETUGAS: ${ADMIN_PIN_MISSING_MESSAGE}`);

  assertEveryCallHandled(residentDispatcher, adminDispatcher);
  const invoke = (name: unknown, input: unknown): Promise<Result<unknown>> => residentDispatcher.dispatch(name, input, undefined);

  let closed = false;
  const backgroundStops: Array<() => void> = [];

  return {
    dataDir,
    logger,
    db,
    outbox,
    sync,
    printing,
    village: server.client,
    needsTechnician: config.needsTechnician,
    configProblem: config.problem,
    serverTarget: server.target,
    adminPinMissing: pinMissing,
    audit: auditLog.record,
    startBackground() {
      sync.start();
      for (const start of backgroundStarters) backgroundStops.push(start());
      backgroundStops.push(retention.start());
    },
    config: config.current,
    invoke,
    invokeAdmin: adminDispatcher.dispatch,
    adminHolderGone: (holder) => void adminSessions.closeHeldBy(holder),
    onEvent(listener) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      config.stop();
      for (const stop of backgroundStops.splice(0)) stop();
      await sync.stop();
      await printing.whenIdle(); // a receipt still printing finishes before the database closes
      for (const dispose of [...disposers].reverse()) await dispose();
      events.removeAllListeners();
      db.close();
      log.info('kiosk core stopped');
      await logger.close();
    },
  };
}
