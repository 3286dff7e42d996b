/**
 * What the kiosk makes of a CUPS queue's IPP state (RFC 8011 5.4.11-12,
 * CUPS's own reasons): one `DocumentPrinterStatus`. Pure, so the whole table
 * is tested without a printer.
 *
 * A reason keyword's suffix says how serious it is: `-error` stops printing,
 * `-warning` and `-report` are information (toner low, a tray nearly empty),
 * and a keyword without a suffix counts as an error (RFC 8011 5.4.12), except
 * the few CUPS uses for normal work. Exceptions, each for a reason:
 *  - `offline-*` (and `shutdown-*`) of any suffix: CUPS's backends report a printer that does
 *    not answer as `offline-report`, so the suffix cannot be trusted here;
 *  - `cups-missing-filter-warning` and `cups-insecure-filter-warning`: CUPS
 *    cannot convert the PDF for this printer, so no job will ever print;
 *  - `connecting-to-device`: CUPS sets it at the start of every job to a
 *    network printer; a printer that stays away ends up `offline-report`, and
 *    a job that never leaves this state runs into the watch's time limit.
 *
 * When several reasons apply, the one a person must act on first wins:
 * no paper, then a printer that does not answer, then another error, then a
 * queue stopped by hand (paused, disabled, or refusing jobs).
 */
import type { DocumentPrinterStatus } from '../../shared/device-status';
import type { PrintJobState } from './types';

/** `printer-state` (RFC 8011 5.4.11). */
export const PRINTER_STATE = { idle: 3, processing: 4, stopped: 5 } as const;

export interface IppPrinterFacts {
  /** `printer-state`: 3 idle, 4 processing, 5 stopped; anything else is not understood. */
  state: number;
  /** `printer-state-reasons` as sent ("none" may be among them). */
  reasons: string[];
  /** `printer-is-accepting-jobs`. */
  accepting: boolean;
}

export type ReasonSeverity = 'error' | 'warning' | 'report';

/** A reason keyword split into what it names and how serious it is. */
export function parseReason(reason: string): { keyword: string; severity: ReasonSeverity } {
  const lower = reason.trim().toLowerCase();
  const suffix = /-(error|warning|report)$/.exec(lower);
  if (!suffix) return { keyword: lower, severity: 'error' };
  return { keyword: lower.slice(0, -suffix[0].length), severity: suffix[1] as ReasonSeverity };
}

/** Reasons without a suffix that CUPS sets in normal work: information, not errors. */
const BENIGN_PLAIN = new Set([
  'none',
  'connecting-to-device',
  'cups-waiting-for-job-completed',
  'identify-printer-requested',
  'printer-restarted',
  'cups-remote-pending',
  'cups-remote-pending-held',
  'cups-remote-processing',
  'cups-remote-stopped',
  'cups-remote-canceled',
  'cups-remote-aborted',
  'cups-remote-completed',
]);

/** Reasons that mean the queue itself was stopped by hand (`cupsdisable`, held new jobs, ...). */
const STOPPED_KEYWORDS = new Set(['paused', 'moving-to-paused', 'hold-new-jobs', 'deactivated']);

/** Reasons that mean the printer does not answer (see above for the suffix). */
const OFFLINE_KEYWORDS = new Set(['offline', 'shutdown']);

/** Reasons that mean the paper is out. */
const MEDIA_EMPTY_KEYWORDS = new Set(['media-empty', 'media-needed']);

/** Warnings CUPS uses for a queue that cannot print at all (no filter for the document). */
const FATAL_WARNINGS = new Set(['cups-missing-filter', 'cups-insecure-filter']);

/** What one reason means for the kiosk, or null: information only. */
export function reasonMeaning(reason: string): Exclude<DocumentPrinterStatus, 'ready' | 'unknown'> | null {
  const lower = reason.trim().toLowerCase();
  if (lower === '' || BENIGN_PLAIN.has(lower)) return null;
  const { keyword, severity } = parseReason(lower);
  if (OFFLINE_KEYWORDS.has(keyword)) return 'offline';
  if (FATAL_WARNINGS.has(keyword)) return 'error';
  if (severity !== 'error') return null;
  if (MEDIA_EMPTY_KEYWORDS.has(keyword)) return 'media-empty';
  if (STOPPED_KEYWORDS.has(keyword)) return 'stopped';
  return 'error';
}

/** Which status wins when several reasons apply (the one to act on first comes first). */
const PRECEDENCE: readonly Exclude<DocumentPrinterStatus, 'ready' | 'unknown'>[] = ['media-empty', 'offline', 'error', 'stopped'];

export function printerStatusFromIpp(facts: IppPrinterFacts): DocumentPrinterStatus {
  const known = facts.state === PRINTER_STATE.idle || facts.state === PRINTER_STATE.processing || facts.state === PRINTER_STATE.stopped;
  if (!known) return 'unknown';
  const meanings = new Set(facts.reasons.map(reasonMeaning));
  const problem = PRECEDENCE.find((status) => meanings.has(status));
  if (problem) return problem;
  if (facts.state === PRINTER_STATE.stopped || !facts.accepting) return 'stopped';
  return 'ready';
}

/** `printer-state-reasons` for people: "none" and empty entries left out. */
export function meaningfulReasons(reasons: string[]): string[] {
  return reasons.map((r) => r.trim()).filter((r) => r !== '' && r.toLowerCase() !== 'none');
}

/** `job-state` (RFC 8011 5.3.7) by name; null for a number outside the standard's range. */
export function jobStateName(state: number): Exclude<PrintJobState, 'not-found'> | null {
  return JOB_STATES[state] ?? null;
}

const JOB_STATES: Partial<Record<number, Exclude<PrintJobState, 'not-found'>>> = {
  3: 'pending',
  4: 'held',
  5: 'processing',
  6: 'stopped',
  7: 'canceled',
  8: 'aborted',
  9: 'completed',
};
