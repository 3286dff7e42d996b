/**
 * Capped exponential backoff with jitter: attempt 1 waits about `base`, each
 * next attempt twice as long, never more than `max`; the delay is spread over
 * 50-100 % so a village's kiosks do not all retry at the same instant.
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempt - 1);
  const capped = Math.min(maxMs, baseMs * 2 ** Math.min(exponent, 30));
  return Math.round(capped * (0.5 + random() / 2));
}
