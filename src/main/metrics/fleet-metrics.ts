/**
 * Every metric the kiosk publishes for the kabupaten's fleet health
 * (docs/fleet.md; names in `metric-names.ts`), and the only module that
 * imports `prom-client` (eslint.config.js). It keeps a registry of its own,
 * never prom-client's global one, so two cores in one process (the web
 * host's restart, tests) never share or double a series.
 *
 * Gauges are read when Prometheus scrapes, from the sources the core gives
 * (`core-metric-sources.ts`): nothing is copied ahead of time, so a scrape
 * says what the kiosk knows at that moment. Counters are counted through
 * the reporter the features are handed (`metrics-reporter.ts`).
 *
 * Nothing personal ever reaches a label or a value: every label takes its
 * value from a closed list (a printer state, an outbox state, an outcome), or
 * is bounded here (a letter type's slug: a fixed shape, at most 100 distinct
 * per process, anything else "other").
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { documentPrinterStatuses, printerStatuses, type DocumentPrinterStatus, type PrinterStatus } from '../../shared/device-status';
import { OUTBOX_STATES, type OutboxState } from '../../shared/outbox-states';
import type { TechnicianNotice } from '../../shared/admin-contract';
import { TECHNICIAN_NOTICE_CODES } from '../../shared/technician-notices';
import type { InputSourceName } from '../../devices/input/input-sources';
import type { SyncOutcome } from '../outbox/sync-worker';
import { identityLabels, type KioskIdentity } from './kiosk-identity';
import { FLEET_EXTERNAL_LABELS, METRIC } from './metric-names';
import type { AdminLoginOutcome, MetricsReporter, ReceiptOutcome, SessionKind } from './metrics-reporter';

/** The A4 printer as a scrape reads it. */
export interface A4PrinterReading {
  status: DocumentPrinterStatus;
  /** The printer said its paper is low (an IPP `media-low` reason); false when it does not say. */
  paperNearEnd: boolean;
}

/** What the gauges read at each scrape; each is asked once per scrape. */
export interface FleetMetricSources {
  /** The app's version and the kiosk's identity in the fleet (`kiosk-identity.ts`). */
  info(): { version: string; identity: KioskIdentity };
  /** The receipt printer's state as last polled. */
  receiptPrinter(): PrinterStatus;
  /** The A4 printer, or null while `letterPrinter.enabled` is off (then it has no series at all). */
  a4Printer(): Promise<A4PrinterReading | null>;
  outboxCounts(): Record<OutboxState, number>;
  /** When the oldest request still waiting to be sent was made, or null when none waits. */
  oldestPendingAt(): Date | null;
  /** When the sync worker last delivered a request to the village server, or null: never. */
  lastSyncSuccessAt(): Date | null;
  /** The configured device readers and the state each last reported. */
  readers(): ReadonlyArray<{ reader: InputSourceName; state: string }>;
  /** What the admin's Status screen would list as needing a technician. */
  technicianNotices(): Promise<ReadonlyArray<TechnicianNotice['code']>>;
  /** Free bytes on the data directory's file system, or null when it cannot be read. */
  dataDiskFreeBytes(): number | null;
  /** The slugs of the village's letter types as last fetched, so each is counted from 0 before its first request. */
  letterSlugs(): readonly string[];
}

export interface FleetMetricsOptions {
  /** Told once when a gauge's source fails (its series are left out of that scrape), and once when it reads again. */
  onSourceError?(metric: string, error: unknown): void;
  /** The clock the ages are measured with (tests). */
  now?(): Date;
  /** Off only where a process's own figures would mislead (none in the kiosk; some tests). */
  defaultMetrics?: boolean;
}

export interface FleetMetrics {
  /** What the features count with (`ctx.metrics`). */
  reporter: MetricsReporter;
  /** One scrape: the Prometheus text format and its content type. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

/** A letter type's slug as a label: this shape, and at most this many distinct values per process. */
const LETTER_SLUG = /^[a-z0-9][a-z0-9-]{0,47}$/;
export const MAX_LETTER_SLUGS = 100;
export const OTHER_LETTER = 'other';

/** The states each reader reports (`devices/input/`); anything else is counted as "other". */
export const READER_STATES: Record<InputSourceName, readonly string[]> = {
  pcsc: ['ready', 'no-reader', 'no-daemon', 'error'],
  serial: ['open', 'closed'],
  hid: ['open', 'absent', 'closed', 'error'],
};

const SYNC_OUTCOMES: readonly SyncOutcome[] = ['synced', 'adopted', 'parked', 'rejected', 'server-down', 'deferred', 'retry'];
const SESSION_KINDS = ['online', 'offline', 'abandoned'] as const;
const RECEIPT_OUTCOMES: readonly ReceiptOutcome[] = ['printed', 'failed'];
const ADMIN_LOGIN_OUTCOMES: readonly AdminLoginOutcome[] = ['success', 'wrong-pin', 'locked', 'not-set', 'refused'];

export function createFleetMetrics(sources: FleetMetricSources, options: FleetMetricsOptions = {}): FleetMetrics {
  const register = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register });
  const now = options.now ?? (() => new Date());

  // A source that throws leaves its metric out of this scrape (Prometheus sees it absent) instead of failing
  // the whole scrape: one broken reading must not hide the printer and the outbox from the kabupaten.
  const failing = new Set<string>();
  function guarded(metric: string, read: () => void | Promise<void>): () => Promise<void> {
    return async () => {
      try {
        await read();
        if (failing.delete(metric)) options.onSourceError?.(metric, null);
      } catch (error) {
        if (!failing.has(metric)) options.onSourceError?.(metric, error);
        failing.add(metric);
      }
    };
  }

  /** A gauge whose every series is set at scrape time; series no longer true are dropped first. */
  function scrapedGauge<L extends string>(name: string, help: string, labelNames: readonly L[], read: (gauge: Gauge<L>) => void | Promise<void>): void {
    const gauge: Gauge<L> = new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [register],
      collect: guarded(name, () => {
        gauge.reset();
        return read(gauge);
      }),
    });
  }

  scrapedGauge(METRIC.info, 'Always 1; the app version and the kiosk identity as labels.', ['version', ...FLEET_EXTERNAL_LABELS], (gauge) => {
    const { version, identity } = sources.info();
    gauge.set({ version, ...identityLabels(identity) }, 1);
  });

  // The A4 printer is asked once per scrape, for both of its gauges.
  let a4Reading: Promise<A4PrinterReading | null> | null = null;
  const a4 = () => (a4Reading ??= sources.a4Printer());

  scrapedGauge(METRIC.printerStatus, 'One series per printer state, 1 for the current one.', ['printer', 'status'], async (gauge) => {
    const receipt = sources.receiptPrinter();
    for (const status of printerStatuses) gauge.set({ printer: 'receipt', status }, status === receipt ? 1 : 0);
    const letters = await a4();
    if (letters) for (const status of documentPrinterStatuses) gauge.set({ printer: 'a4', status }, status === letters.status ? 1 : 0);
  });

  scrapedGauge(METRIC.printerPaperNearEnd, '1 when the printer says its paper is nearly out.', ['printer'], async (gauge) => {
    gauge.set({ printer: 'receipt' }, sources.receiptPrinter() === 'paper-near-end' ? 1 : 0);
    const letters = await a4();
    if (letters) gauge.set({ printer: 'a4' }, letters.paperNearEnd ? 1 : 0);
  });

  scrapedGauge(METRIC.outboxRequests, 'Requests in the outbox, by state.', ['state'], (gauge) => {
    const counts = sources.outboxCounts();
    for (const state of OUTBOX_STATES) gauge.set({ state }, counts[state]);
  });

  scrapedGauge(METRIC.outboxOldestPendingSeconds, 'Age of the oldest request waiting to be sent; 0 when none waits.', [], (gauge) => {
    const oldest = sources.oldestPendingAt();
    gauge.set(oldest ? Math.max(0, (now().getTime() - oldest.getTime()) / 1000) : 0);
  });

  scrapedGauge(METRIC.syncLastSuccess, 'Unix time the sync worker last delivered a request to the village server; 0: never.', [], (gauge) => {
    const last = sources.lastSyncSuccessAt();
    gauge.set(last ? Math.floor(last.getTime() / 1000) : 0);
  });

  scrapedGauge(METRIC.readersStatus, "1 for each configured reader's current state.", ['reader', 'status'], (gauge) => {
    for (const { reader, state } of sources.readers()) {
      const known = READER_STATES[reader];
      const current = known.includes(state) ? state : 'other';
      for (const status of known) gauge.set({ reader, status }, status === current ? 1 : 0);
      if (current === 'other') gauge.set({ reader, status: 'other' }, 1);
    }
  });

  scrapedGauge(METRIC.needsTechnician, '1 for each reason the Status screen would give for calling a technician.', ['reason'], async (gauge) => {
    const shown = new Set(await sources.technicianNotices());
    for (const reason of TECHNICIAN_NOTICE_CODES) gauge.set({ reason }, shown.has(reason) ? 1 : 0);
  });

  scrapedGauge(METRIC.dataDiskFreeBytes, "Free bytes on the data directory's file system.", [], (gauge) => {
    const free = sources.dataDiskFreeBytes();
    if (free !== null) gauge.set(free);
  });

  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter<L>({ name, help, labelNames, registers: [register] });
  const syncAttempts = counter(METRIC.syncAttempts, 'Send attempts of the sync worker, by outcome.', ['outcome']);
  const sessions = counter(METRIC.sessions, 'Resident sessions: signed in online or offline, or abandoned to a timer.', ['kind']);
  const letters = counter(METRIC.lettersSubmitted, "Requests residents confirmed, by letter type's slug.", ['letter']);
  const receipts = counter(METRIC.receiptsPrinted, 'Receipt slips, printed or failed.', ['outcome']);
  const queueTickets = counter(METRIC.queueTickets, 'Queue tickets printed.', []);
  const adminLogins = counter(METRIC.adminLogins, 'Admin unlock attempts, by outcome.', ['outcome']);
  // Every known series exists from the start at 0, so `increase()` sees the first one counted.
  for (const outcome of SYNC_OUTCOMES) syncAttempts.inc({ outcome }, 0);
  for (const kind of SESSION_KINDS) sessions.inc({ kind }, 0);
  for (const outcome of RECEIPT_OUTCOMES) receipts.inc({ outcome }, 0);
  for (const outcome of ADMIN_LOGIN_OUTCOMES) adminLogins.inc({ outcome }, 0);
  queueTickets.inc(0);

  const slugsSeen = new Set<string>();
  function letterLabel(slug: string): string {
    if (!LETTER_SLUG.test(slug)) return OTHER_LETTER;
    if (slugsSeen.has(slug)) return slug;
    if (slugsSeen.size >= MAX_LETTER_SLUGS) return OTHER_LETTER;
    slugsSeen.add(slug);
    return slug;
  }

  const reporter: MetricsReporter = {
    sessionStarted: (kind: SessionKind) => sessions.inc({ kind }),
    sessionAbandoned: () => sessions.inc({ kind: 'abandoned' }),
    letterSubmitted: (slug) => letters.inc({ letter: letterLabel(slug) }),
    receiptPrinted: (outcome) => receipts.inc({ outcome }),
    queueTicketPrinted: () => queueTickets.inc(),
    syncAttempt: (outcome) => syncAttempts.inc({ outcome }),
    adminLogin: (outcome) => adminLogins.inc({ outcome }),
  };

  async function scrapeOnce(): Promise<{ contentType: string; body: string }> {
    a4Reading = null;
    // A labelled series appears only once counted; one at 0 from the start lets `increase()` see the first
    // letter of each type after a restart. Bounded like every letter label (at most MAX_LETTER_SLUGS).
    try {
      for (const slug of sources.letterSlugs()) letters.inc({ letter: letterLabel(slug) }, 0);
    } catch (error) {
      options.onSourceError?.(METRIC.lettersSubmitted, error);
    }
    try {
      return { contentType: register.contentType, body: await register.metrics() };
    } finally {
      a4Reading = null;
    }
  }

  // Scrapes asked for while one runs share its answer: each would ask CUPS and the Status rule again, and
  // their gauges, reset and refilled by each, would interleave. The agent scrapes every 30 s; many at once
  // come only from something else on this PC, and must not turn into as many printer queries.
  let inFlight: Promise<{ contentType: string; body: string }> | null = null;

  return {
    reporter,
    scrape() {
      inFlight ??= scrapeOnce().finally(() => (inFlight = null));
      return inFlight;
    },
  };
}
