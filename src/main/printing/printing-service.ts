/**
 * Printing for the kiosk: request receipts, queue tickets and the test slip.
 *
 * - The request's queue number and its receipt's print job are stored in the
 *   same transaction as the request: the outbox's enqueue calls
 *   `reserveQueueNumber` and `addReceiptJob`. The number's one home is the
 *   request (`OutboxRequest.queueNumber`); a job keeps the number its slip
 *   carries, as a record of what was printed.
 * - Jobs print one at a time. States: queued -> printing -> printed |
 *   sent-unconfirmed | failed (with the reason). A failed receipt is never
 *   printed later on its own (the resident has gone and it carries personal
 *   data); it is reprinted on demand only.
 * - Jobs a crash left queued or printing are marked failed at start.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import { purgeVirtualOutput } from '../../devices/printer/transports/virtual';
import type { PrinterStatus } from '../../shared/device-status';
import { maskNik } from '../../shared/nik';
import { BRING_ORIGINAL } from '../../shared/letter-form';
import { OUTBOX_STATE } from '../../shared/outbox-states';
import type { PrintOutcome } from '../../devices/printer/driver';
import { encodeQueueTicket, encodeRequestReceipt, encodeTestSlip, type ReceiptSyncState } from '../../devices/printer/templates';
import type { KioskConfig } from '../config/schema';
import type { Database } from '../db/database';
import type { OutboxRequest, OutboxStore } from '../outbox/outbox-store';
import type { ReferenceCache } from '../village/reference-cache';
import { createConfiguredPrinter, type ConfiguredPrinter } from './printer-factory';
import { reserveQueueNumber } from './queue-numbers';

export type JobState = 'queued' | 'printing' | 'printed' | 'sent-unconfirmed' | 'failed';

export interface PrintResult {
  outcome: PrintOutcome['kind'];
  /** The printer's state when known (why it did not print, or paper near end). */
  status: PrinterStatus | null;
}

export interface PrintingService {
  /** The next queue number of the day; only inside the transaction that stores what it is for. */
  reserveQueueNumber(): string;
  /** Inside the request's transaction: the job its receipt prints from. */
  addReceiptJob(request: OutboxRequest): void;
  /**
   * Prints the receipt of a request just stored, from the request as the
   * outbox returned it; its progress is kept for `receiptState` and told to
   * `onReceiptPrinted`.
   */
  printReceipt(request: OutboxRequest): Promise<PrintResult & { queueNumber: string | null }>;
  /** 'printing' while the receipt job runs, its result after, null when this kiosk run printed none. */
  receiptState(reference: string): PrintResult | 'printing' | null;
  onReceiptPrinted(listener: (reference: string, result: PrintResult) => void): () => void;
  /** Reprint on demand; refused once the request's personal data is purged. */
  reprint(reference: string): Promise<PrintResult | { outcome: 'unavailable' }>;
  printQueueTicket(): Promise<PrintResult & { queueNumber: string }>;
  printTestSlip(): Promise<PrintResult>;
  status(): Promise<PrinterStatus>;
  lastStatus(): PrinterStatus;
  /** Poll the idle printer (changes reach `onStatusChange` listeners). */
  startPolling(): () => void;
  /** Called whenever what the printer last said changes: after a job or a poll. */
  onStatusChange(listener: (status: PrinterStatus) => void): () => void;
  describe(): { transport: string; profile: string; virtualFolder: string | null };
  /**
   * The last test slip or queue ticket sent to the printer (this run), for the
   * admin's preview. Receipts are not kept: they carry a resident's name.
   */
  lastSlip(): { kind: 'test-slip' | 'queue-ticket'; at: string; bytes: Uint8Array; widthDots: number } | null;
  /** Receipts whose last print failed (newest first), for a technician to print again. */
  failedReceipts(limit?: number): Array<{ reference: string; failedAt: string; failure: string | null }>;
  /** Retention: virtual printer slips older than `before` are deleted (they carry names). */
  purgeOutput(before: Date): number;
  /** Resolves once every job started so far has finished (shutdown waits for it). */
  whenIdle(): Promise<void>;
}

export interface PrintingOptions {
  db: Database;
  dataDir: string;
  outbox: OutboxStore;
  references: ReferenceCache;
  config: () => KioskConfig;
  log: Logger;
  clock?: () => Date;
  /**
   * The sync worker's published status: false after its last pass found the
   * village server unreachable (receipts then say "Menunggu koneksi").
   */
  serverReachable?: () => boolean;
  /** Slips say they are demo slips, not official proof. */
  demoMode?: boolean;
}

/** What the receipt may say about sending, true at the moment it prints. */
export function receiptSyncState(request: Pick<OutboxRequest, 'syncState' | 'verified'>, serverReachable: boolean): ReceiptSyncState {
  if (request.syncState === OUTBOX_STATE.synced) return 'sent';
  if (request.syncState !== OUTBOX_STATE.pending) return 'staff'; // parked or rejected: not on its way
  // An online request is sent within seconds; an offline one waits for the server (and its PIN check).
  return request.verified && serverReachable ? 'sending' : 'waiting';
}

export function createPrintingService(options: PrintingOptions): PrintingService {
  const { db, log } = options;
  const clock = options.clock ?? (() => new Date());
  const iso = () => clock().toISOString();
  let printerKey = '';
  let printer: ConfiguredPrinter | null = null;
  let lastStatus: PrinterStatus = 'unknown';
  const statusListeners = new Set<(status: PrinterStatus) => void>();
  const receiptListeners = new Set<(reference: string, result: PrintResult) => void>();
  // Recent receipts only: the screen asks about the request it just made.
  const receipts = new Map<string, PrintResult | 'printing'>();
  const RECEIPTS_KEPT = 50;
  function rememberReceipt(reference: string, state: PrintResult | 'printing'): void {
    receipts.delete(reference);
    receipts.set(reference, state);
    if (receipts.size > RECEIPTS_KEPT) receipts.delete(receipts.keys().next().value!);
  }

  /** Logged and pushed only when it changes, so the log shows when the paper ran out. */
  function setStatus(next: PrinterStatus): void {
    if (next === lastStatus) return;
    log.info({ from: lastStatus, to: next }, 'printer status changed');
    lastStatus = next;
    for (const listener of statusListeners) listener(next);
  }
  let queue: Promise<unknown> = Promise.resolve();

  // A technician may change the printer settings while the kiosk runs.
  function current(): ConfiguredPrinter {
    const settings = options.config().printer;
    const key = JSON.stringify(settings);
    if (!printer || key !== printerKey) {
      printer = createConfiguredPrinter(settings, options.dataDir);
      printerKey = key;
    }
    return printer;
  }

  const insertJob = db.prepare(
    'INSERT INTO print_job (kind, request_id, queue_number, created_at) VALUES (?, ?, ?, ?)',
  );
  const jobForRequest = db.prepare("SELECT id FROM print_job WHERE request_id = ? AND kind = 'request-receipt' ORDER BY id LIMIT 1").pluck();
  const startJob = db.prepare("UPDATE print_job SET state = 'printing', attempts = attempts + 1, updated_at = ? WHERE id = ?");
  const finishJob = db.prepare('UPDATE print_job SET state = ?, failure = ?, updated_at = ? WHERE id = ?');
  const abandoned = db.prepare(
    "UPDATE print_job SET state = 'failed', failure = 'kios berhenti sebelum mencetak', updated_at = ? WHERE state IN ('queued', 'printing')",
  );
  // A receipt's latest job per request, when that one failed (a later reprint that printed clears it).
  const failedReceiptRows = db.prepare(`
    SELECT j.request_id, j.updated_at AS failed_at, j.failure FROM print_job j
    WHERE j.kind = 'request-receipt' AND j.state = 'failed' AND j.request_id IS NOT NULL
      AND j.id = (SELECT max(id) FROM print_job WHERE request_id = j.request_id AND kind = 'request-receipt')
    ORDER BY j.id DESC`);
  let lastSlip: ReturnType<PrintingService['lastSlip']> = null;

  const left = abandoned.run(iso()).changes;
  if (left > 0) log.warn({ jobs: left }, 'print jobs left unfinished by a restart were marked failed; they print only on demand');

  function villageName(): string {
    const configured = options.config().village.name;
    if (configured) return configured;
    const profile = options.references.profile()?.value;
    return profile ? `${profile.villageTerm} ${profile.villageName}` : 'Anjungan Desa Mandiri';
  }

  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => {});
    return run;
  }

  /**
   * Renders and prints one job. A slip that cannot be encoded (a profile and a
   * QR mode that do not fit, text the encoder refuses) is a failed job with its
   * reason, never an exception that leaves the job queued.
   */
  async function runJob(jobId: number, render: () => Uint8Array, kind?: 'test-slip' | 'queue-ticket'): Promise<PrintResult> {
    startJob.run(iso(), jobId);
    let bytes: Uint8Array;
    try {
      bytes = render();
      if (kind) lastSlip = { kind, at: iso(), bytes, widthDots: current().profile.widthDots };
    } catch (error) {
      const failure = `slip cannot be encoded: ${error instanceof Error ? error.message : String(error)}`;
      finishJob.run('failed', failure, iso(), jobId);
      log.error({ jobId, failure }, 'print job failed before printing');
      return { outcome: 'not-printed', status: null };
    }
    const outcome = await current().driver.print(bytes);
    const state: JobState = outcome.kind === 'printed' ? 'printed' : outcome.kind === 'sent-unconfirmed' ? 'sent-unconfirmed' : 'failed';
    const failure = outcome.kind === 'not-printed' || outcome.kind === 'interrupted' ? outcome.reason : null;
    finishJob.run(state, failure, iso(), jobId);
    // Only what the printer said: a job sent without an answer tells nothing new.
    const status = outcome.kind === 'not-printed' || outcome.kind === 'printed' ? outcome.status : null;
    if (status) setStatus(status);
    log.info({ jobId, outcome: outcome.kind, failure }, 'print job finished');
    return { outcome: outcome.kind, status };
  }

  /** The receipt of a request, rendered from it when printed; null once its personal data is purged. */
  function receiptContent(request: OutboxRequest | null): { render: () => Uint8Array; request: OutboxRequest } | null {
    if (!request || request.residentNik === null) return null;
    const residentNik = request.residentNik;
    const config = options.config();
    const letter = options.references.letters()?.value.find((l) => l.id === request.letterId);
    const toBring = (letter?.requirements ?? [])
      .filter((r) => (request.requirements[String(r.id)] ?? BRING_ORIGINAL) === BRING_ORIGINAL)
      .map((r) => r.name);
    const render = () =>
      encodeRequestReceipt(current().profile, {
        villageName: villageName(),
        queueNumber: request.queueNumber ?? '-',
        letterName: request.letterName,
        residentName: request.residentName,
        maskedNik: maskNik(residentNik),
        createdAt: new Date(request.createdAt),
        timeZone: config.kiosk.timeZone,
        requirements: toBring,
        syncState: receiptSyncState(request, options.serverReachable?.() ?? true),
        reference: request.reference,
        demo: options.demoMode === true,
        newsViaOffice: request.phoneFromOffice,
      });
    return { render, request };
  }

  /** The queue numbering rule (`queue-numbers.ts`) with this kiosk's settings. */
  function nextQueueNumber(): string {
    const config = options.config();
    return reserveQueueNumber(db, { kioskName: config.kiosk.name, prefix: config.printer.queuePrefix, now: clock(), timeZone: config.kiosk.timeZone });
  }

  return {
    reserveQueueNumber: nextQueueNumber,

    addReceiptJob(request) {
      insertJob.run('request-receipt', request.id, request.queueNumber, iso());
    },

    printReceipt(request) {
      const { reference } = request;
      rememberReceipt(reference, 'printing'); // at once: the screen may ask before the job starts
      const printed = serial(async () => {
        const content = receiptContent(request);
        if (!content) return { outcome: 'not-printed' as const, status: null, queueNumber: null };
        const jobId = (jobForRequest.get(request.id) as number | undefined) ?? Number(insertJob.run('request-receipt', request.id, request.queueNumber, iso()).lastInsertRowid);
        const result = await runJob(jobId, content.render);
        return { ...result, queueNumber: request.queueNumber };
      });
      return printed.then(
        (result) => {
          const outcome: PrintResult = { outcome: result.outcome, status: result.status };
          rememberReceipt(reference, outcome);
          for (const listener of receiptListeners) listener(reference, outcome);
          return result;
        },
        (error: unknown) => {
          log.error({ err: error, reference }, 'receipt job failed');
          const outcome: PrintResult = { outcome: 'not-printed', status: null };
          rememberReceipt(reference, outcome);
          for (const listener of receiptListeners) listener(reference, outcome);
          return { ...outcome, queueNumber: null };
        },
      );
    },

    receiptState: (reference) => receipts.get(reference) ?? null,

    onReceiptPrinted(listener) {
      receiptListeners.add(listener);
      return () => {
        receiptListeners.delete(listener);
      };
    },

    reprint(reference) {
      return serial(async () => {
        const content = receiptContent(options.outbox.byReference(reference));
        if (!content) return { outcome: 'unavailable' as const };
        const jobId = Number(insertJob.run('request-receipt', content.request.id, content.request.queueNumber, iso()).lastInsertRowid);
        return runJob(jobId, content.render);
      });
    },

    printQueueTicket() {
      return serial(async () => {
        const config = options.config();
        const { jobId, number } = db.transaction(() => {
          const reserved = nextQueueNumber();
          const id = Number(insertJob.run('queue-ticket', null, reserved, iso()).lastInsertRowid);
          return { jobId: id, number: reserved };
        })();
        const render = () =>
          encodeQueueTicket(current().profile, {
            villageName: villageName(),
            queueNumber: number,
            createdAt: clock(),
            timeZone: config.kiosk.timeZone,
            demo: options.demoMode === true,
          });
        return { ...(await runJob(jobId, render, 'queue-ticket')), queueNumber: number };
      });
    },

    printTestSlip() {
      return serial(async () => {
        const config = options.config();
        const jobId = Number(insertJob.run('test-slip', null, null, iso()).lastInsertRowid);
        return runJob(jobId, () => encodeTestSlip(current().profile, { kioskName: config.kiosk.name, createdAt: clock(), timeZone: config.kiosk.timeZone }), 'test-slip');
      });
    },

    status() {
      return serial(async () => {
        setStatus(await current().driver.status());
        return lastStatus;
      });
    },

    onStatusChange(listener) {
      statusListeners.add(listener);
      return () => {
        statusListeners.delete(listener);
      };
    },

    lastStatus: () => lastStatus,

    startPolling() {
      let stopped = false;
      let timer: NodeJS.Timeout | null = null;
      const poll = async (): Promise<void> => {
        await this.status().catch((error: unknown) => log.warn({ err: error }, 'printer status poll failed'));
        if (!stopped) {
          timer = setTimeout(() => void poll(), options.config().printer.statusPollSeconds * 1000);
          timer.unref();
        }
      };
      void poll();
      return () => {
        stopped = true;
        if (timer) clearTimeout(timer);
      };
    },

    lastSlip: () => lastSlip,

    failedReceipts(limit = 20) {
      const failed: ReturnType<PrintingService['failedReceipts']> = [];
      for (const row of failedReceiptRows.iterate() as Iterable<{ request_id: number; failed_at: string | null; failure: string | null }>) {
        if (failed.length >= limit) break;
        // A purged request's receipt cannot be printed again: not listed.
        const reference = options.outbox.liveReference(row.request_id);
        if (reference !== null) failed.push({ reference, failedAt: row.failed_at ?? '', failure: row.failure });
      }
      return failed;
    },

    describe() {
      const p = current();
      return { transport: p.transport.description, profile: p.profile.id, virtualFolder: p.virtualFolder };
    },

    whenIdle: () => queue.then(() => undefined),

    purgeOutput(before) {
      // Whatever the transport is now: slips from when it was virtual are still there.
      return purgeVirtualOutput(path.resolve(options.dataDir, options.config().printer.virtualFolder), before);
    },
  };
}
