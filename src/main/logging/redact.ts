/**
 * Personal data never reaches a log file in the clear: NIKs are masked (first
 * 6 and last 4 digits) wherever they appear, and secrets (PIN, password,
 * tokens) are dropped whole. Applied to every log record by `createLogger`.
 */
import { maskNik, maskNiksInText } from '../../shared/nik';

const SECRET_KEY = /pin|password|passwd|secret|token|authorization|cookie/i;
const NIK_KEY = /^(nik|credential)$/i;
export const REDACTED = '[disembunyikan]';

export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskNiksInText(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return redactError(value, depth);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (SECRET_KEY.test(key)) out[key] = REDACTED;
    else if (NIK_KEY.test(key) && typeof item === 'string') out[key] = maskNik(item);
    else out[key] = redactValue(item, depth + 1);
  }
  return out;
}

/**
 * An error keeps what says its cause: its class, its code (`SQLITE_CORRUPT`,
 * `ENOSPC`: the message alone often does not say which), message, stack, and
 * the error it wraps. Its other properties are left out, as they always were:
 * they may hold a request or a row.
 */
function redactError(error: Error, depth: number): Record<string, unknown> {
  const { code, cause } = error as Error & { code?: unknown; cause?: unknown };
  return {
    type: error.name,
    ...(typeof code === 'string' ? { code: maskNiksInText(code) } : typeof code === 'number' ? { code } : {}),
    message: maskNiksInText(error.message),
    stack: error.stack && maskNiksInText(error.stack),
    ...(cause === undefined ? {} : { cause: redactValue(cause, depth + 1) }),
  };
}
