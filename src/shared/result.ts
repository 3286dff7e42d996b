/**
 * Results as values: every call across the process boundary answers with one
 * of these. Expected failures (wrong PIN, server not configured, printer out of
 * paper) are `ok:false` with a code the UI can act on and a message in plain
 * Bahasa Indonesia; a thrown exception is a bug.
 */
export type ErrorCode =
  | 'invalid-input'
  | 'unknown-call'
  | 'forbidden'
  | 'internal'
  | 'server-not-configured'
  | 'disconnected'
  | 'wrong-pin'
  | 'locked'
  | 'session-required'
  | 'letters-unavailable'
  | 'validation'
  | 'server-unavailable'
  | 'not-cancellable'
  | 'needs-technician'
  | 'busy'
  | 'rate-limited'
  | 'storage-full'
  | 'receipt-unknown';

export interface CallError {
  code: ErrorCode;
  message: string;
  /** Per-field messages for `validation`. */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: CallError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
