/**
 * The composition root of the kiosk core: a list read top to bottom. It wires
 * everything in a fixed order before any window exists:
 *   data directory -> configuration file -> logging -> database -> outbox,
 *   audit log, running configuration, village server, printing, sync,
 *   retention -> services -> features (`feature-list.ts`).
 * Both hosts and the CLI build exactly this; it holds no SQL, no timers and no
 * rule of its own. `invoke`/`invokeAdmin` are the hosts' entries (`contract-halves.ts`).
 */
import { createAdminAuth } from './admin/admin-auth';
import { createAdminSessions } from './admin/admin-sessions';
import { ADMIN_PIN_MISSING_MESSAGE, adminPinMissing, missingConfigProblem, neverCommissioned } from './admin/commissioning';
import { createRunningConfig } from './config/running-config';
import { configSchemaFor, SHORT_TIMINGS_ENV, shortTimingsAllowed } from './config/schema';
import { logConfigState, readConfigFile } from './config/store';
import { createAdminDispatcher, createResidentDispatcher } from './contract-halves';
import { ensureDataDir, resolveDataDir } from './data-dir';
import { createEventHub } from './event-hub';
import { earlierInstallEvidence, openKioskDatabase } from './db/database';
import { assertEveryCallHandled } from './dispatcher';
import type { AdminContext, Dispose, KioskServices, ResidentContext } from './feature';
import { ADMIN_FEATURES, RESIDENT_FEATURES } from './feature-list';
import { cardHintKey, createCardHints, createCardTaps } from './input/card-hints';
import { createReaderLog } from './input/reader-log';
import { createLetterPrinting } from './letters/letter-printing';
import { coreLifecycle } from './core-lifecycle';
import { createKioskMetrics } from './metrics/kiosk-metrics';
import type { KioskCore, KioskCoreOptions } from './kiosk-core';
import { createAuditLog } from './logging/audit-log';
import { createLogger } from './logging/logger';
import { createOutboxStore } from './outbox/outbox-store';
import { createSecretBox, keyFileProvider } from './outbox/secret-box';
import { syncStatus } from './outbox/sync-status';
import { createSyncWorker } from './outbox/sync-worker';
import { createPrintingService } from './printing/printing-service';
import { createRetention } from './retention';
import { startOrUndo, type Undo } from './start-or-undo';
import { createReceiptLookups } from './session/receipt-lookups';
import { createSessionHolder } from './session/session-holder';
import { createCurrentServer } from './village/current-server';
import { createReferenceCache } from './village/reference-cache';
import { realInputSources } from '../devices/input/input-sources';

export type { AdminCaller, EventListener, KioskCore, KioskCoreOptions } from './kiosk-core';

/** Builds the core; a start that fails part way closes what it had opened (`start-or-undo.ts`). */
export function createKioskCore(options: KioskCoreOptions = {}): KioskCore {
  return startOrUndo((opened) => wireKioskCore(options, opened));
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

  const db = openKioskDatabase(dataDir, earlierInstall, logger.forSubsystem('db'), log);
  opened.push(() => void db.close());
  const events = createEventHub();
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
    config: config.current, unusable: () => config.problem() !== null, demoUrl: options.serverUrlOverride, log: logger.forSubsystem('village'),
  });
  const references = createReferenceCache(db);
  const printing = createPrintingService({
    db, dataDir, outbox, references, demoMode, config: config.current, log: logger.forSubsystem('printing'),
    serverReachable: () => !sync.serverDown(),
  });
  const sync = createSyncWorker({
    store: outbox,
    server: server.sendTo,
    hold: config.needsTechnician,
    settings: () => ({ ...config.current().sync, submitTimeoutSeconds: config.current().server.submitTimeoutSeconds }),
    log: logger.forSubsystem('sync'),
    onPass: (summary) => events.emit('sync.status', syncStatus(summary.counts, summary.serverDown)),
    onAttempt: (outcome) => metrics.reporter.syncAttempt(outcome),
  });
  const letterPrinting = createLetterPrinting({ db, printer: options.documentPrinter, config: config.current, audit: auditLog.record, log: logger.forSubsystem('letter-printer') });
  const retention = createRetention({ outbox, printing, letterPrints: letterPrinting.prints, config: config.current, log });

  const cardKey = cardHintKey(dataDir);
  const adminSessions = createAdminSessions(() => config.current().admin.idleMinutes * 60_000);
  const adminAuth = createAdminAuth(db, cardKey);
  const readerLog = createReaderLog();
  const metrics = createKioskMetrics({ dataDir, demoMode, config, outbox, printing, letterPrinter: letterPrinting.printer, references, readerLog, adminAuth,
    village: server.client, serverTarget: server.target, needsTechnician: config.needsTechnician, log: logger.forSubsystem('metrics') });
  const residentDispatcher = createResidentDispatcher(log);
  const adminDispatcher = createAdminDispatcher(adminSessions, log);
  const backgroundStarters: Array<() => Dispose> = [metrics.serve];
  const services: KioskServices = {
    dataDir,
    outbox,
    sync,
    references,
    session: createSessionHolder(),
    printing,
    letterPrinting,
    cardHints: createCardHints(db, cardKey, secretBox),
    cardTaps: createCardTaps(),
    readerLog,
    receiptLookups: createReceiptLookups(),
    inputSources: options.inputSources ?? realInputSources(),
    village: server.client,
    serverTarget: server.target,
    needsTechnician: config.needsTechnician,
    demoMode,
    shell: options.shell ?? null,
    config,
    log: (subsystem) => logger.forSubsystem(subsystem),
    emit: events.emit,
    observe: events.on,
    audit: auditLog.record,
    background: (start) => void backgroundStarters.push(start),
    adminOpen: () => adminSessions.anyOpen(),
    technicianCard: (uid) => adminAuth.cardLabel(uid),
    metrics: metrics.reporter,
    metricsPortBusy: metrics.busyPort,
  };
  const residentContext: ResidentContext = { ...services, handle: residentDispatcher.handle };
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
  const pinMissing = () => adminPinMissing({ pinSet: adminAuth.pinSet(), neverCommissioned: neverCommissioned(dataDir, outbox) });
  if (pinMissing()) log.warn(`PERLU PETUGAS: ${ADMIN_PIN_MISSING_MESSAGE}`);
  assertEveryCallHandled(residentDispatcher, adminDispatcher);
  const invoke: KioskCore['invoke'] = (name, input) => residentDispatcher.dispatch(name, input, undefined);

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
    config: config.current,
    invoke,
    invokeAdmin: adminDispatcher.dispatch,
    adminHolderGone: (holder) => void adminSessions.closeHeldBy(holder),
    onEvent: events.on,
    metrics,
    ...coreLifecycle({ starters: backgroundStarters, config, sync, retention, printing, disposers, events, db, log, logger }),
  };
}
