/**
 * Printing for the kiosk: request receipts, queue tickets and the test slip.
 *
 * - The receipt's print job and queue number are stored in the same
 *   transaction as the request (`reserveReceipt`, called inside the outbox's
 *   enqueue), so the screen can always show the number, printed or not.
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
import type { PrintOutcome } from '../../devices/printer/driver';
import { encodeQueueTicket, encodeRequestReceipt, encodeTestSlip } from '../../devices/printer/templates';
import type { KioskConfig } from '../config/schema';
import type { Database } from '../db/database';
import type { OutboxStore } from '../outbox/outbox-store';
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
  /** Inside the request's transaction: the queue number and the receipt job. */
  reserveReceipt(requestId: number): string;
  printReceipt(reference: string): Promise<PrintResult & { queueNumber: string | null }>;
  /** Reprint on demand; refused once the request's personal data is purged. */
  reprint(reference: string): Promise<PrintResult | { outcome: 'unavailable' }>;
  printQueueTicket(): Promise<PrintResult & { queueNumber: string }>;
  printTestSlip(): Promise<PrintResult>;
  status(): Promise<PrinterStatus>;
  lastStatus(): PrinterStatus;
  /** Poll the idle printer; calls `onChange` when its status changes. */
  startPolling(onChange: (status: PrinterStatus) => void): () => void;
  describe(): { transport: string; profile: string; virtualFolder: string | null };
  /** Retention: virtual printer slips older than `before` are deleted (they carry names). */
  purgeOutput(before: Date): number;
}

export interface PrintingOptions {
  db: Database;
  dataDir: string;
  outbox: OutboxStore;
  references: ReferenceCache;
  config: () => KioskConfig;
  log: Logger;
  clock?: () => Date;
}

export function createPrintingService(options: PrintingOptions): PrintingService {
  const { db, log } = options;
  const clock = options.clock ?? (() => new Date());
  const iso = () => clock().toISOString();
  let printerKey = '';
  let printer: ConfiguredPrinter | null = null;
  let lastStatus: PrinterStatus = 'unknown';
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
  const setRequestQueue = db.prepare('UPDATE letter_request SET queue_number = ? WHERE id = ?');
  const jobForRequest = db.prepare(
    "SELECT id, queue_number FROM print_job WHERE request_id = ? AND kind = 'request-receipt' ORDER BY id LIMIT 1",
  );
  const startJob = db.prepare("UPDATE print_job SET state = 'printing', attempts = attempts + 1, updated_at = ? WHERE id = ?");
  const finishJob = db.prepare('UPDATE print_job SET state = ?, failure = ?, updated_at = ? WHERE id = ?');
  const abandoned = db.prepare(
    "UPDATE print_job SET state = 'failed', failure = 'kios berhenti sebelum mencetak', updated_at = ? WHERE state IN ('queued', 'printing')",
  );
  const queueNumberOf = db.prepare('SELECT queue_number FROM letter_request WHERE id = ?').pluck();

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

  async function runJob(jobId: number, bytes: Uint8Array): Promise<PrintResult> {
    startJob.run(iso(), jobId);
    const outcome = await current().driver.print(bytes);
    const state: JobState = outcome.kind === 'printed' ? 'printed' : outcome.kind === 'sent-unconfirmed' ? 'sent-unconfirmed' : 'failed';
    const failure = outcome.kind === 'not-printed' || outcome.kind === 'interrupted' ? outcome.reason : null;
    finishJob.run(state, failure, iso(), jobId);
    const status = outcome.kind === 'not-printed' ? outcome.status : outcome.kind === 'printed' ? 'ready' : null;
    if (status) lastStatus = status;
    log.info({ jobId, outcome: outcome.kind, failure }, 'print job finished');
    return { outcome: outcome.kind, status };
  }

  function receiptBytes(reference: string): { bytes: Uint8Array; requestId: number } | null {
    const request = options.outbox.byReference(reference);
    if (!request || request.residentNik === null) return null;
    const config = options.config();
    const letter = options.references.letters()?.value.find((l) => l.id === request.letterId);
    const toBring = (letter?.requirements ?? [])
      .filter((r) => (request.requirements[String(r.id)] ?? '-1') === '-1')
      .map((r) => r.name);
    const bytes = encodeRequestReceipt(current().profile, {
      villageName: villageName(),
      queueNumber: (queueNumberOf.get(request.id) as string | null) ?? '-',
      letterName: request.letterName,
      residentName: request.residentName,
      maskedNik: maskNik(request.residentNik),
      createdAt: new Date(request.createdAt),
      timeZone: config.kiosk.timeZone,
      requirements: toBring,
      synced: request.syncState === 'synced',
      reference: request.reference,
    });
    return { bytes, requestId: request.id };
  }

  return {
    reserveReceipt(requestId) {
      const config = options.config();
      const number = reserveQueueNumber(db, {
        kioskName: config.kiosk.name,
        prefix: config.printer.queuePrefix,
        now: clock(),
        timeZone: config.kiosk.timeZone,
      });
      setRequestQueue.run(number, requestId);
      insertJob.run('request-receipt', requestId, number, iso());
      return number;
    },

    printReceipt(reference) {
      return serial(async () => {
        const content = receiptBytes(reference);
        if (!content) return { outcome: 'not-printed' as const, status: null, queueNumber: null };
        const job = jobForRequest.get(content.requestId) as { id: number; queue_number: string } | undefined;
        const jobId = job?.id ?? Number(insertJob.run('request-receipt', content.requestId, null, iso()).lastInsertRowid);
        const result = await runJob(jobId, content.bytes);
        return { ...result, queueNumber: job?.queue_number ?? null };
      });
    },

    reprint(reference) {
      return serial(async () => {
        const content = receiptBytes(reference);
        if (!content) return { outcome: 'unavailable' as const };
        const jobId = Number(insertJob.run('request-receipt', content.requestId, queueNumberOf.get(content.requestId) as string | null, iso()).lastInsertRowid);
        return runJob(jobId, content.bytes);
      });
    },

    printQueueTicket() {
      return serial(async () => {
        const config = options.config();
        const { jobId, number } = db.transaction(() => {
          const reserved = reserveQueueNumber(db, { kioskName: config.kiosk.name, prefix: config.printer.queuePrefix, now: clock(), timeZone: config.kiosk.timeZone });
          const id = Number(insertJob.run('queue-ticket', null, reserved, iso()).lastInsertRowid);
          return { jobId: id, number: reserved };
        })();
        const bytes = encodeQueueTicket(current().profile, { villageName: villageName(), queueNumber: number, createdAt: clock(), timeZone: config.kiosk.timeZone });
        return { ...(await runJob(jobId, bytes)), queueNumber: number };
      });
    },

    printTestSlip() {
      return serial(async () => {
        const config = options.config();
        const jobId = Number(insertJob.run('test-slip', null, null, iso()).lastInsertRowid);
        return runJob(jobId, encodeTestSlip(current().profile, { kioskName: config.kiosk.name, createdAt: clock(), timeZone: config.kiosk.timeZone }));
      });
    },

    status() {
      return serial(async () => {
        lastStatus = await current().driver.status();
        return lastStatus;
      });
    },

    lastStatus: () => lastStatus,

    startPolling(onChange) {
      let stopped = false;
      let timer: NodeJS.Timeout | null = null;
      const poll = async (): Promise<void> => {
        const before = lastStatus;
        const now = await this.status().catch(() => 'unknown' as const);
        if (now !== before) onChange(now);
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

    describe() {
      const p = current();
      return { transport: p.transport.description, profile: p.profile.id, virtualFolder: p.virtualFolder };
    },

    purgeOutput(before) {
      // Whatever the transport is now: slips from when it was virtual are still there.
      return purgeVirtualOutput(path.resolve(options.dataDir, options.config().printer.virtualFolder), before);
    },
  };
}
