/**
 * Printing a PDF on the A4 printer, for residents' letters and the
 * technician's test page alike: the queue in use, the printer's state before
 * anything is sent (a stopped printer is refused, no job is made), the job
 * handed to CUPS, then followed until CUPS gives its final word or the time
 * limit ends. Whatever the end, the job is cancelled if still waiting and its
 * spooled copy purged, so no letter prints later for nobody and none stays in
 * CUPS's spool. Every attempt is audited with its job id and outcome.
 */
import type { Logger } from 'pino';
import type { KioskConfig } from '../config/schema';
import type { DocumentPrinterStatus } from '../../shared/device-status';
import type { LetterPrintState } from '../../shared/signed-letters';
import { DocumentPrinterError, type DocumentPrinter, type DocumentPrinterState } from '../../devices/document-printer/types';
import { watchPrintJob } from '../../devices/document-printer/job-watch';

export interface LetterPrintJobsDeps {
  printer: DocumentPrinter;
  settings(): KioskConfig['letterPrinter'];
  audit(actor: string, action: string, detail?: unknown): void;
  log: Logger;
}

/** The queues CUPS has, the default, and which one letters go to; `reachable: false` when cupsd did not answer. */
export type QueueChoice =
  | { reachable: true; queues: DocumentPrinterState[]; defaultQueue: string | null; queueInUse: string | null }
  | { reachable: false; queues: []; defaultQueue: null; queueInUse: string | null };

export interface PrintJobRequest {
  pdf: Uint8Array;
  /** CUPS's job title: never anything personal. */
  title: string;
  actor: string;
  /** The audit action ("letter.print", "letter-printer.test"); the detail gets the job id, queue and outcome. */
  action: string;
  auditDetail: Record<string, unknown>;
  /** Each new state of the job, as the watch reads it (the first one is `printing` or a wait for the printer). */
  onState(state: LetterPrintState): void;
  /** A queue the caller names (the technician's `adm printer a4 test --queue`); otherwise the one `queueChoice` picks. */
  queue?: string;
}

export type StartedJob =
  | { ok: true; jobId: number; queue: string; done: Promise<LetterPrintState> }
  /** `refused`: the printer was not ready (or no queue), nothing was sent; `not-submitted`: CUPS did not take the job. */
  | { ok: false; status: PrinterProblem; outcome: 'refused' | 'not-submitted' };
/** Why a printer takes no job: any state but ready. */
export type PrinterProblem = Exclude<DocumentPrinterStatus, 'ready'>;

export interface LetterPrintJobs {
  queueChoice(): Promise<QueueChoice>;
  /** Answers once CUPS took the job (then `done` follows it) or why the printer cannot take it (nothing sent). */
  start(request: PrintJobRequest): Promise<StartedJob>;
  /** The core is closing: stop following jobs (each ends as `unknown` and is cancelled). */
  stop(): Promise<void>;
}

export function createLetterPrintJobs(deps: LetterPrintJobsDeps): LetterPrintJobs {
  const { printer, log } = deps;
  const running = new Set<Promise<LetterPrintState>>();
  const stopAll = new AbortController();

  async function queueChoice(): Promise<QueueChoice> {
    const configured = deps.settings().queue;
    try {
      const { queues, defaultQueue } = await printer.queues();
      return { reachable: true, queues, defaultQueue, queueInUse: configured ?? defaultQueue };
    } catch (error) {
      log.warn({ error: describe(error) }, 'CUPS did not list its queues');
      return { reachable: false, queues: [], defaultQueue: null, queueInUse: configured };
    }
  }

  async function start(request: PrintJobRequest): Promise<StartedJob> {
    const audit = (outcome: string, extra: Record<string, unknown> = {}) =>
      deps.audit(request.actor, request.action, { ...request.auditDetail, ...extra, outcome });
    const named = await namedQueue(request.queue);
    if (!named.ok) {
      audit('refused', { queue: named.queue, status: 'unknown', why: named.why });
      return { ok: false, status: 'unknown', outcome: 'refused' };
    }
    const { queue } = named;
    const state = await printerState(queue);
    if (state.status !== 'ready' || !state.accepting) {
      const status: PrinterProblem = state.status === 'ready' ? 'stopped' : state.status;
      audit('refused', { queue, status, reasons: state.reasons });
      return { ok: false, status, outcome: 'refused' };
    }
    const { media, jobTimeoutSeconds } = deps.settings();
    let jobId: number;
    try {
      ({ jobId } = await printer.submit(request.pdf, { queue, title: request.title, media }));
    } catch (error) {
      const status = submitFailureStatus(error);
      log.warn({ queue, error: describe(error) }, 'CUPS did not take the print job');
      audit('not-submitted', { queue, status });
      return { ok: false, status, outcome: 'not-submitted' };
    }
    log.info({ queue, jobId }, 'print job handed to CUPS');
    const done = (async () => {
      const final = await watchPrintJob(printer, queue, jobId, {
        timeoutMs: jobTimeoutSeconds * 1000,
        onState: request.onState,
        signal: stopAll.signal,
      }).catch((error: unknown): LetterPrintState => {
        if (stopAll.signal.aborted) log.warn({ queue, jobId }, 'the kiosk is closing: the print job is no longer followed');
        else log.error({ queue, jobId, error: describe(error) }, 'following the print job failed');
        return { phase: 'failed', reason: 'unknown' };
      });
      try {
        await printer.cancelAndPurge(queue, jobId);
      } catch (error) {
        log.warn({ queue, jobId, error: describe(error) }, 'the print job could not be cancelled or purged');
      }
      const outcome = final.phase === 'completed' ? 'completed' : final.phase === 'failed' ? final.reason : 'unknown';
      audit(outcome, { queue, jobId });
      log.info({ queue, jobId, outcome }, 'print job ended');
      return final;
    })();
    running.add(done);
    void done.finally(() => running.delete(done));
    return { ok: true, jobId, queue, done };
  }

  /** The caller's queue, else the one letters go to; none when CUPS has no default or does not answer. */
  async function namedQueue(requested: string | undefined): Promise<{ ok: true; queue: string } | { ok: false; queue: string | null; why: string }> {
    if (requested !== undefined) return { ok: true, queue: requested };
    const choice = await queueChoice();
    if (choice.reachable && choice.queueInUse !== null) return { ok: true, queue: choice.queueInUse };
    return { ok: false, queue: choice.queueInUse, why: choice.reachable ? 'no queue' : 'CUPS unreachable' };
  }

  async function printerState(queue: string): Promise<DocumentPrinterState> {
    try {
      return await printer.printerState(queue);
    } catch (error) {
      log.warn({ queue, error: describe(error) }, 'the A4 printer state could not be read');
      return { queue, status: 'unknown', reasons: [], accepting: false, message: null };
    }
  }

  return {
    queueChoice,
    start,
    async stop() {
      stopAll.abort();
      await Promise.allSettled([...running]);
    },
  };
}

function submitFailureStatus(error: unknown): PrinterProblem {
  if (!(error instanceof DocumentPrinterError)) return 'error';
  if (error.code === 'not-accepting') return 'stopped';
  if (error.code === 'submit-failed') return 'error';
  return 'unknown';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
