/**
 * The A4 printer for signed letters, as the kiosk core sees it. Linux has one
 * backend, CUPS (`cups-printer.ts`: submit with `lp`, state through IPP); a
 * Windows backend would implement the same interface. Tests of the core use
 * the fake (`fake-document-printer.ts`).
 */
import type { DocumentPrinterStatus } from '../../shared/device-status';

/** One CUPS queue as the kiosk reads it (Get-Printer-Attributes). */
export interface DocumentPrinterState {
  queue: string;
  /** What the kiosk makes of `printer-state` and `printer-state-reasons` (`ipp-state.ts`). */
  status: DocumentPrinterStatus;
  /** `printer-state-reasons` as CUPS sent them, "none" left out (for the technician). */
  reasons: string[];
  /** `printer-is-accepting-jobs`: false after `cupsreject`. */
  accepting: boolean;
  /** `printer-state-message`, or null. For the technician only. */
  message: string | null;
}

/** `job-state` (RFC 8011 5.3.7) by name; `not-found` when CUPS no longer knows the job. */
export type PrintJobState = 'pending' | 'held' | 'processing' | 'stopped' | 'canceled' | 'aborted' | 'completed' | 'not-found';

export interface PrintJobInfo {
  state: PrintJobState;
  /** `job-state-reasons`, "none" left out. */
  reasons: string[];
}

export interface SubmitOptions {
  queue: string;
  /** The job's title (never anything personal: it shows in CUPS's job list). */
  title: string;
  /** CUPS media name, e.g. "A4" (letters on other sizes are scaled to fit). */
  media: string;
}

/** Why a call to the printer system failed (not a printer state: CUPS itself, or the queue). */
export type DocumentPrinterErrorCode =
  /** cupsd cannot be reached. */
  | 'unreachable'
  /** No such queue (or no default queue when none was named). */
  | 'no-queue'
  /** The queue refuses jobs (`cupsreject`). */
  | 'not-accepting'
  /** `lp` failed for another reason, or CUPS refused to purge a job (its message is in `detail`). */
  | 'submit-failed';

export class DocumentPrinterError extends Error {
  constructor(
    readonly code: DocumentPrinterErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'DocumentPrinterError';
  }
}

export interface DocumentPrinter {
  /** Every queue CUPS has, with its state, and CUPS's default queue (null: none set). */
  queues(): Promise<{ queues: DocumentPrinterState[]; defaultQueue: string | null }>;
  /** One queue's state now. Throws DocumentPrinterError('no-queue') for a queue CUPS does not have. */
  printerState(queue: string): Promise<DocumentPrinterState>;
  /** Hands the PDF to CUPS; answers with CUPS's job id. */
  submit(pdf: Uint8Array, options: SubmitOptions): Promise<{ jobId: number }>;
  job(queue: string, jobId: number): Promise<PrintJobInfo>;
  /** Cancels the job if it is not done, and removes what CUPS keeps of it (its spooled document). */
  cancelAndPurge(queue: string, jobId: number): Promise<void>;
}
