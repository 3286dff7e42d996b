/**
 * How often the kiosk tells anyone whether a reference is one of its
 * receipts. A scan that opens a status screen, `requests.receiptStatus` and a
 * sign-in with a receipt each answer that question, so all three take from
 * this one kiosk-wide budget: a script cannot guess references through
 * whichever door has no limit.
 */
import { createRateLimiter, type RateLimiter } from './login-limiter';

/**
 * Look-ups allowed in any minute. A resident checks a receipt or a few, and
 * each scan costs two (the scan, then its status screen): twenty is ten
 * receipts a minute. A script guessing references (five characters of 31:
 * 28 million a kiosk a day) got about 5,800 answers a second without a limit;
 * at this rate it learns nothing.
 */
export const RECEIPT_LOOKUPS_PER_MINUTE = 20;

export function createReceiptLookups(clock?: () => number): RateLimiter {
  return createRateLimiter({ max: () => RECEIPT_LOOKUPS_PER_MINUTE, windowMs: () => 60_000, clock });
}
