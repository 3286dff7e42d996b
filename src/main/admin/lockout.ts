/**
 * How long the admin PIN keypad stays shut after wrong PINs: the first
 * `FREE_TRIES` cost nothing, then each further failure doubles the wait,
 * from 30 seconds up to an hour. A right PIN starts the count again.
 */
export const FREE_TRIES = 5;
const FIRST_LOCK_MS = 30_000;
const LONGEST_LOCK_MS = 60 * 60_000;

/** The wait after this many failures in a row. */
export function lockoutMs(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return Math.min(LONGEST_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - FREE_TRIES));
}

/** Milliseconds still to wait, counted from the last failure (0 when the keypad is open). */
export function remainingLockMs(failures: number, lastFailureAt: number, now: number): number {
  const wait = lockoutMs(failures);
  // A clock set back (before the last failure) never makes the wait longer than its length.
  return Math.min(wait, Math.max(0, lastFailureAt + wait - now));
}

/** Wrong PINs left before the keypad locks (0 once it locks after every failure). */
export function triesBeforeLock(failures: number): number {
  return Math.max(0, FREE_TRIES - failures);
}
