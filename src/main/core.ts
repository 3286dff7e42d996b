/**
 * The composition root of the kiosk core. It wires everything in a fixed,
 * readable order before any window exists:
 *   data directory -> configuration -> logging -> database -> features.
 * Both hosts (Electron and the web host) and the CLI build exactly this.
 *
 * `invoke` is the single entry for calls from any host: the name must be in
 * the contract, the input is parsed with the call's schema as `unknown`, and
 * whatever happens the caller gets a Result, never an exception.
 */
import { EventEmitter } from 'node:events';
import {
  calls,
  isCallName,
  type CallName,
  type EventName,
} from '../shared/contract';
import { fail, type Result } from '../shared/result';
import { adminCalls, isAdminCallName, PUBLIC_ADMIN_CALLS, type AdminCallName } from '../shared/admin-contract';
import { createAdminAuth } from './admin/admin-auth';
import { createAdminSessions, type AdminHolder } from './admin/admin-sessions';
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
import {
  changedConfigPaths,
  mergeConfigChanges,
  configFileProblem,
  configUnreadable,
  describeConfigProblem,
  logConfigState,
  readConfigFile,
  saveConfigChanges,
  watchConfig,
  type ConfigProblem,
  type LoadedConfig,
} from './config/store';
import { configSchemaFor, SHORT_TIMINGS_ENV, shortTimingsAllowed, type KioskConfig } from './config/schema';
import { createLogger, type KioskLogger } from './logging/logger';
import { assertDatabaseNotLost, databasePath, earlierInstallEvidence, isStorageFull, openDatabase, type Database } from './db/database';
import type { AdminCallHandler, CallHandler, ConfigHolder, Dispose, Feature, FeatureContext, ShellControl } from './feature';
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
import { createOpensidClient } from './village/opensid-client';
import type { VillageServer } from './village/types';
import { DEMO_TARGET, serverTarget } from './village/server-target';
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

/** Who makes an admin call: the session token it carries, and the page it comes from. */
export interface AdminCaller {
  session: string | undefined;
  holder: AdminHolder;
}

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

/** Features in start order; they are disposed in reverse. */
const FEATURES: readonly Feature[] = [
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
  let config = configState.config;
  let configProblem = configState.problem;
  // Looked at before the logger creates its file: was this kiosk used before?
  const earlierInstall = earlierInstallEvidence(dataDir);
  const logger = createLogger({
    dataDir,
    echo: options.echoLogs,
    level: config.logging.level,
    maxFileSizeMb: config.logging.maxFileSizeMb,
    keepFiles: config.logging.keepFiles,
  });
  logConfigState(configState, logger.forSubsystem('config'));
  const log = logger.forSubsystem('core');
  opened.push(() => logger.close());
  log.info({ dataDir, kiosk: config.kiosk.name }, 'kiosk core starting');
  if (shortTimingsAllowed(options.env)) log.warn(`${SHORT_TIMINGS_ENV}=1: timings shorter than a kiosk in service allows are accepted (tests only)`);

  let db: Database;
  try {
    assertDatabaseNotLost(dataDir, earlierInstall);
    db = openDatabase(databasePath(dataDir), logger.forSubsystem('db'));
  } catch (error) {
    log.error({ err: error }, 'the database cannot be used; the kiosk does not start');
    throw error;
  }
  opened.push(() => {
    db.close();
  });
  const events = new EventEmitter();
  // One key seals every secret the kiosk keeps: the outbox's PINs and tokens, and the card hints' NIKs.
  const secretBox = createSecretBox((options.keyProvider ?? keyFileProvider(dataDir))());
  const outbox = createOutboxStore(db, secretBox);
  configProblem ??= missingConfigProblem(dataDir, outbox);
  if (configProblem && !configState.problem) log.error(`PERLU PETUGAS: ${describeConfigProblem(configProblem)}`);
  const references = createReferenceCache(db);
  const printing = createPrintingService({
    db,
    dataDir,
    outbox,
    references,
    config: () => config,
    log: logger.forSubsystem('printing'),
    serverReachable: () => !sync.serverDown(),
    demoMode: options.serverUrlOverride !== undefined,
  });

  // The client follows the configuration: a technician may set or change the URL.
  let village: VillageServer | null = null;
  let villageUrl: string | null = null;
  function currentVillage(): VillageServer | null {
    // An unreadable configuration names no server we can trust: nothing is sent.
    if (configProblem) return null;
    const url = options.serverUrlOverride ?? config.server.url;
    if (url !== villageUrl) {
      villageUrl = url;
      village = url
        ? createOpensidClient({
            baseUrl: url,
            readTimeoutMs: config.server.readTimeoutSeconds * 1000,
            submitTimeoutMs: config.server.submitTimeoutSeconds * 1000,
            log: logger.forSubsystem('village'),
          })
        : null;
    }
    return village;
  }
  function currentTarget(): string | null {
    if (configProblem) return null;
    if (options.serverUrlOverride !== undefined) return DEMO_TARGET;
    return config.server.url === null ? null : serverTarget(config.server.url);
  }
  const needsTechnician = (): string | null => (configProblem ? describeConfigProblem(configProblem) : null);
  const sync = createSyncWorker({
    store: outbox,
    server: () => {
      const client = currentVillage();
      const target = currentTarget();
      return client && target ? { client, target } : null;
    },
    hold: needsTechnician,
    settings: () => ({ ...config.sync, submitTimeoutSeconds: config.server.submitTimeoutSeconds }),
    log: logger.forSubsystem('sync'),
    onPass: (summary) => {
      events.emit('event', 'sync.status', syncStatus(summary.counts, summary.serverDown));
    },
  });

  const configListeners = new Set<(config: KioskConfig) => void>();
  function applyConfig({ config: next, problem }: Pick<LoadedConfig, 'config' | 'problem'>, actor: string, action: string, detail?: unknown): void {
    if (configProblem && !problem) log.info('configuration readable again; the kiosk serves and sends again');
    configProblem = problem;
    config = next;
    logger.root.level = next.logging.level;
    audit(actor, action, detail);
    for (const listener of configListeners) listener(next);
  }
  let ownWrite: string | null = null;
  // Each save reads the file and the running configuration only once the one before was written and applied.
  let saving: Promise<unknown> = Promise.resolve();
  function oneSaveAtATime<T>(work: () => Promise<T>): Promise<T> {
    const mine = saving.then(work, work);
    saving = mine.catch(() => undefined);
    return mine;
  }
  // Once the running configuration came from config.json, a save needs that file: a new one would hold the change alone.
  // A kiosk that served residents had one, even when it is gone at this start.
  const configOrigin = { fromFile: configState.exists || outbox.servedResidents() };
  const configHolder: ConfigHolder = {
    current: () => config,
    onChange(listener) {
      configListeners.add(listener);
      return () => configListeners.delete(listener);
    },
    schema: configSchema,
    fileProblem: () => configFileProblem(dataDir, configOrigin),
    save: (base, wanted, actor) => oneSaveAtATime(async () => {
      const next = mergeConfigChanges(config, base, wanted);
      const changed = changedConfigPaths(config, next).map((keys) => keys.join('.'));
      const saved = await saveConfigChanges(dataDir, config, next, configOrigin, configSchema);
      if (!saved.ok) {
        log.warn({ problem: saved.problem, fields: changed }, `${describeConfigProblem(saved.problem)}; settings not saved, the file is left as it is`);
        return configUnreadable(saved.problem);
      }
      ownWrite = saved.text;
      configOrigin.fromFile = true;
      // What the file now says is what runs (a field it still gets wrong falls back, as at the next start).
      applyConfig(saved.loaded, actor, 'config.saved', { fields: changed });
      return { ok: true, value: null };
    }),
  };
  const stopWatching =
    options.watchConfig === false
      ? () => {}
      : watchConfig(
          dataDir,
          logger.forSubsystem('config'),
          (next) => {
            configOrigin.fromFile = true;
            applyConfig({ config: next, problem: null }, 'technician', 'config.changed');
          },
          150,
          (text) => text === ownWrite,
          configSchema,
        );
  opened.push(stopWatching);

  // The core owns audit_log: every feature writes through `audit`, the admin reads through `recentAudit`.
  const insertAudit = db.prepare('INSERT INTO audit_log (actor, action, detail) VALUES (?, ?, ?)');
  function audit(actor: string, action: string, detail?: unknown): void {
    insertAudit.run(actor, action, detail === undefined ? null : JSON.stringify(detail));
  }
  const selectAudit = db.prepare('SELECT at, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT ?');
  const recentAudit = (limit: number) => selectAudit.all(limit) as Array<{ at: string; actor: string; action: string; detail: string | null }>;

  const handlers = new Map<CallName, CallHandler<CallName>>();
  const adminHandlers = new Map<AdminCallName, AdminCallHandler<AdminCallName>>();
  const cardKey = cardHintKey(dataDir);
  const adminSessions = createAdminSessions(() => config.admin.idleMinutes * 60_000);
  const backgroundStarters: Array<() => () => void> = [];
  const backgroundStops: Array<() => void> = [];
  const ctx: FeatureContext = {
    dataDir,
    db,
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
    village: currentVillage,
    serverTarget: currentTarget,
    needsTechnician,
    demoMode: options.serverUrlOverride !== undefined,
    shell: options.shell ?? null,
    config: configHolder,
    log: (subsystem) => logger.forSubsystem(subsystem),
    handle(name, handler) {
      if (handlers.has(name)) throw new Error(`two handlers for ${name}`);
      handlers.set(name, handler as unknown as CallHandler<CallName>);
    },
    handleAdmin(name, handler) {
      if (adminHandlers.has(name)) throw new Error(`two handlers for ${name}`);
      adminHandlers.set(name, handler as unknown as AdminCallHandler<AdminCallName>);
    },
    call: (name, input) => invoke(name, input) as never,
    emit(name, payload) {
      events.emit('event', name, payload);
    },
    observe(listener) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
    adminAuth: createAdminAuth(db, cardKey),
    adminSessions,
    audit,
    recentAudit,
    background(start) {
      backgroundStarters.push(start);
    },
  };
  const disposers: Dispose[] = [];
  for (const register of FEATURES) {
    const dispose = register(ctx);
    disposers.push(dispose);
    opened.push(dispose);
  }
  const pinMissing = () =>
    adminPinMissing({ pinSet: ctx.adminAuth.pinSet(), neverCommissioned: neverCommissioned(dataDir, outbox) });
  if (pinMissing()) log.warn(`PERLU PETUGAS: ${ADMIN_PIN_MISSING_MESSAGE}`);

  const unhandled = [
    ...Object.keys(calls).filter((name) => !handlers.has(name as CallName)),
    ...Object.keys(adminCalls).filter((name) => !adminHandlers.has(name as AdminCallName)),
  ];
  if (unhandled.length > 0) throw new Error(`contract calls without a handler: ${unhandled.join(', ')}`);

  async function invoke(name: unknown, input: unknown): Promise<Result<unknown>> {
    if (!isCallName(name)) {
      log.warn({ call: String(name).slice(0, 80) }, 'unknown call refused');
      return fail('unknown-call');
    }
    const parsed = calls[name].input.safeParse(input);
    if (!parsed.success) {
      log.warn({ call: name, issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'invalid input refused');
      return fail('invalid-input');
    }
    return run(name, () => handlers.get(name)!(parsed.data as never));
  }

  async function invokeAdmin(name: unknown, input: unknown, { session, holder }: AdminCaller): Promise<Result<unknown>> {
    if (!isAdminCallName(name)) {
      log.warn({ call: String(name).slice(0, 80) }, 'unknown admin call refused');
      return fail('unknown-call');
    }
    const actor = PUBLIC_ADMIN_CALLS.has(name) ? null : adminSessions.use(session, holder);
    if (!PUBLIC_ADMIN_CALLS.has(name) && actor === null) {
      log.warn({ call: name }, 'admin call without a valid admin session refused');
      return fail('admin-session-required');
    }
    const parsed = adminCalls[name].input.safeParse(input);
    if (!parsed.success) {
      log.warn({ call: name, issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'invalid input refused');
      return fail('invalid-input');
    }
    return run(name, () => adminHandlers.get(name)!(parsed.data as never, actor, holder));
  }

  async function run(name: string, handler: () => Result<unknown> | Promise<Result<unknown>>): Promise<Result<unknown>> {
    try {
      return await handler();
    } catch (error) {
      if (isStorageFull(error)) {
        log.error({ call: name, err: error }, 'penyimpanan penuh: the disk is full; nothing was stored');
        return fail('storage-full');
      }
      log.error({ call: name, err: error }, 'call failed');
      return fail('internal');
    }
  }

  let closed = false;
  let retentionTimer: NodeJS.Timeout | null = null;
  function purgeExpired(): void {
    const before = new Date(Date.now() - config.sync.retentionDays * 86_400_000);
    const purged = outbox.purgePersonalData(before);
    // PINs kept with parked requests (for a technician's retry) last no longer than any other PIN.
    outbox.dropStaleSecrets(new Date(Date.now() - config.sync.pinMaxAgeHours * 3_600_000));
    outbox.scrubDeletedSecrets();
    if (purged > 0) log.info({ purged, retentionDays: config.sync.retentionDays }, 'personal data of old requests removed');
    // Slips of the virtual printer carry names too.
    const slips = printing.purgeOutput(before);
    if (slips > 0) log.info({ files: slips }, 'old virtual printer slips removed');
  }

  return {
    dataDir,
    logger,
    db,
    outbox,
    sync,
    printing,
    village: currentVillage,
    needsTechnician,
    configProblem: () => configProblem,
    serverTarget: currentTarget,
    adminPinMissing: pinMissing,
    audit,
    startBackground() {
      sync.start();
      for (const start of backgroundStarters) backgroundStops.push(start());
      purgeExpired();
      retentionTimer = setInterval(purgeExpired, 3_600_000);
      retentionTimer.unref();
    },
    config: () => config,
    invoke,
    invokeAdmin,
    adminHolderGone: (holder) => void adminSessions.closeHeldBy(holder),
    onEvent(listener) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      stopWatching();
      if (retentionTimer) clearInterval(retentionTimer);
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
