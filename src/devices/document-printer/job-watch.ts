/**
 * Follows one print job until CUPS gives a final word, or until the kiosk
 * stops waiting. Each poll reads the job AND its printer: `cupsdisable`
 * leaves jobs pending with no reason of their own (devices.md), so only the
 * printer says why nothing comes out. Only what CUPS reports is said:
 * "completed" means CUPS handed the job to the printer.
 */
import type { DocumentPrinterStatus } from '../../shared/device-status';
import type { LetterPrintFailure, LetterPrintState } from '../../shared/signed-letters';
import type { DocumentPrinter, DocumentPrinterState, PrintJobInfo } from './types';

export interface WatchOptions {
  /** Between polls (VotingWorks polls every 500 ms). */
  pollMs?: number;
  /** With no final word after this long: failed, "Tanyakan ke petugas". */
  timeoutMs: number;
  /** Called with each new state (not again while it stays the same). */
  onState?: (state: LetterPrintState) => void;
  /** Stops the watch; it then rejects with the signal's reason. */
  signal?: AbortSignal;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * How long CUPS may not answer before the watch gives up (and at least three
 * queries in a row). A cupsd restart takes seconds: giving up after three
 * failed polls (1.5 s) cancelled jobs that were printing fine, or left a job
 * that CUPS printed later, uncancelled, for nobody.
 */
const UNANSWERED_LIMIT_MS = 15_000;
const FAILED_QUERIES_LIMIT = 3;

/** The failure that names a printer problem (also how a printer refused before any job is worded). */
export const FAILURE_FOR_STATUS: Record<Exclude<DocumentPrinterStatus, 'ready'>, LetterPrintFailure> = {
  stopped: 'printer-stopped',
  'media-empty': 'media-empty',
  offline: 'printer-offline',
  error: 'printer-error',
  unknown: 'unknown',
};

/** Where the job stands after one poll. */
export function printStateOf(job: PrintJobInfo, printer: DocumentPrinterState): LetterPrintState {
  const problem = printer.status === 'ready' || printer.status === 'unknown' ? null : printer.status;
  switch (job.state) {
    case 'completed':
      return { phase: 'completed' };
    case 'pending':
    case 'processing':
    case 'held':
      return problem ? { phase: 'waiting-printer', status: problem } : { phase: 'printing' };
    case 'aborted':
      return { phase: 'failed', reason: 'aborted' };
    case 'canceled':
      return { phase: 'failed', reason: 'canceled' };
    case 'stopped':
      return { phase: 'failed', reason: problem ? FAILURE_FOR_STATUS[problem] : 'aborted' };
    case 'not-found':
      return { phase: 'failed', reason: 'unknown' };
  }
}

export async function watchPrintJob(printer: DocumentPrinter, queue: string, jobId: number, options: WatchOptions): Promise<LetterPrintState> {
  const pollMs = options.pollMs ?? 500;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const deadline = now() + options.timeoutMs;
  let current: LetterPrintState | null = null;
  let failedInARow = 0;
  let failingSince = 0;

  const report = (state: LetterPrintState): LetterPrintState => {
    if (!current || !sameState(current, state)) options.onState?.(state);
    current = state;
    return state;
  };

  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const [job, printerState] = await Promise.all([printer.job(queue, jobId), printer.printerState(queue)]);
      failedInARow = 0;
      const state = report(printStateOf(job, printerState));
      if (state.phase === 'completed' || state.phase === 'failed') return state;
    } catch {
      if (failedInARow === 0) failingSince = now();
      failedInARow += 1;
      if (failedInARow >= FAILED_QUERIES_LIMIT && now() - failingSince >= UNANSWERED_LIMIT_MS) return report({ phase: 'failed', reason: 'unknown' });
    }
    options.signal?.throwIfAborted();
    if (now() >= deadline) return report(timedOut(current));
    await sleep(Math.min(pollMs, Math.max(0, deadline - now())), options.signal);
  }
}

/** The time limit ended: a printer problem seen last is named; otherwise nobody knows. */
function timedOut(last: LetterPrintState | null): LetterPrintState {
  if (last?.phase === 'waiting-printer' && last.status !== 'ready') return { phase: 'failed', reason: FAILURE_FOR_STATUS[last.status] };
  return { phase: 'failed', reason: 'unknown' };
}

function sameState(a: LetterPrintState, b: LetterPrintState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}
