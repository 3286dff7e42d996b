/**
 * Results as values: every call across the process boundary answers with one
 * of these. Expected failures (wrong PIN, server not configured, printer out of
 * paper) are `ok:false` with a code the UI can act on and the values its
 * message needs (tries left, minutes to wait); the renderer words it in the
 * resident's language (`errors.<code>` in the locale files). The core writes
 * no resident-facing text: its words are for technicians, in the log.
 * A thrown exception is a bug.
 */
export const ERROR_CODES = [
  /** The call itself was malformed (a bug or a hostile page). */
  'invalid-input',
  'unknown-call',
  'forbidden',
  'internal',
  'storage-full',
  /** The renderer lost its connection to the core. */
  'disconnected',
  'server-not-configured',
  'needs-technician',
  /**
   * Admin: config.json cannot be parsed, so no setting is saved over it (the
   * technician fixes the file first); params: line, column where known, and
   * reason (`ConfigUnreadableReason`: missing, duplicate-key, not-as-saved)
   * with key when the file is not simply broken.
   */
  'config-unreadable',
  /** params: problem (a NikProblem), count, missing, part. */
  'invalid-nik',
  /** params: count (tries left). */
  'wrong-pin',
  /** The kiosk's own lock; params: count (minutes to wait). */
  'locked',
  /** The village server's lock; params: count (minutes). */
  'server-locked',
  'server-refused',
  'busy',
  /** Too many sign-ins on this kiosk; params: count (seconds). */
  'rate-limited',
  /** Too many queue tickets; params: count (seconds). */
  'tickets-rate-limited',
  /** Too many receipt look-ups (scans and their status) on this kiosk; params: count (seconds). */
  'receipts-rate-limited',
  'session-required',
  'session-ended',
  'letters-unavailable',
  'letter-unknown',
  'requirement-invalid',
  /** `fields`: the problem per field (a FieldProblem, or "phone"). */
  'validation',
  'no-office-phone',
  'no-server',
  'needs-connection',
  'not-cancellable',
  /** A receipt that is not one of this kiosk's (or its row is gone). */
  'receipt-unknown',
  /** The receipt is this kiosk's, but whose it was has been purged. */
  'receipt-purged',
  'not-yours',
  /** The request's personal data is past the retention period. */
  'purged',
  /** No espeak-ng voice for that language on this kiosk. */
  'voice-unavailable',
  /** Admin: the call needs an admin session (the PIN first), or it expired. */
  'admin-session-required',
  /** Admin: no admin PIN set yet (first run): set one. */
  'admin-pin-not-set',
  /** Admin: a first PIN was already set; change it from the Security screen. */
  'admin-pin-already-set',
  /** Admin: this kiosk is in service without an admin PIN; it is set on the kiosk PC (`adm admin set-pin`), not here. */
  'admin-pin-on-pc',
  /** Admin: wrong PIN; params: count (tries before the lock). */
  'admin-wrong-pin',
  /** Admin: too many wrong PINs; params: count (seconds to wait). */
  'admin-locked',
  /** Admin: no card was tapped on a reader in the last minute (to register it). */
  'no-card-tapped',
  /** Admin: that action does not apply to this request now (e.g. holding one whose sending is in doubt). */
  'not-allowed',
  /** Admin: the new PIN is too easy (6-12 digits, not one digit repeated, not a run like 123456). */
  'admin-pin-weak',
  /** Admin: this host cannot do that (restarting from the command line). */
  'not-supported',
  /** Admin: the logs could not be written there (a full or read-only stick, a folder that is gone). */
  'export-failed',
  /**
   * Admin: this save writes the first config.json of a demo kiosk, which ends demo mode; nothing was saved.
   * params: a `DemoEnding` (admin-contract.ts), for the screen to ask first; saved once sent with `endDemo`.
   */
  'ends-demo',
  /** Signed letters: the kiosk has no A4 printer set up for letters. */
  'letter-printing-off',
  /** Signed letters: the letter is not signed yet (or not electronically): it cannot be printed here. */
  'letter-not-signed',
  /** Signed letters: the server has no file for the letter (OpenSID answers 200 with an empty body): ask at the counter. */
  'letter-file-missing',
  /** Signed letters: the server's file is not a letter the kiosk can print (not a PDF, too large, unreadable, too many pages). */
  'letter-file-invalid',
  /** Signed letters: printed as often as allowed today; params: count (prints allowed per day). A technician can allow one more. */
  'letter-print-limit',
  /** Signed letters: the A4 printer cannot take the job now; params: status (a DocumentPrinterStatus). Nothing was sent. */
  'letter-printer-problem',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorParams = Record<string, string | number>;

export interface CallError {
  code: ErrorCode;
  /** What the message needs, e.g. `{ count: 2 }` tries left. */
  params?: ErrorParams;
  /** `validation`: field name -> problem code. */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: CallError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, params?: ErrorParams): Result<T> {
  return { ok: false, error: params ? { code, params } : { code } };
}

export function invalid<T = never>(fields: Record<string, string>): Result<T> {
  return { ok: false, error: { code: 'validation', fields } };
}
