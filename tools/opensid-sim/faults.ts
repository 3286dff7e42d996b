/**
 * Faults the demo server can play, for demos, tests and benchmarks. Rates are
 * probabilities per submit (0..1); they model what the real server does: its
 * notifications run after the INSERT, outside any transaction, so a submit can
 * be slow, answer 500, or lose its connection although the row exists.
 */
export interface SimFaults {
  /** Added before every /api answer (a slow village link). */
  latencyMs: number;
  /** Extra delay after a submit's row is inserted (slow notifications). */
  submitDelayMs: number;
  /** Answer 500 although the row was inserted. */
  failAfterInsertRate: number;
  /** Drop the connection after the row was inserted. */
  resetAfterInsertRate: number;
  /** Drop the connection before anything is stored. */
  resetBeforeInsertRate: number;
  /** Insert, then never answer (the client times out). */
  hangAfterInsertRate: number;
  /** The subscription check that runs before every /api/v1 call. */
  subscription: 'ok' | 'not-licensed' | 'unreachable';
  /** The server's clock is this far off (negative: behind), as real servers' clocks are. */
  clockOffsetSeconds: number;
}

export const NO_FAULTS: SimFaults = {
  latencyMs: 0,
  submitDelayMs: 0,
  failAfterInsertRate: 0,
  resetAfterInsertRate: 0,
  resetBeforeInsertRate: 0,
  hangAfterInsertRate: 0,
  subscription: 'ok',
  clockOffsetSeconds: 0,
};

export function mergeFaults(current: SimFaults, patch: unknown): SimFaults {
  const next = { ...current };
  if (patch === null || typeof patch !== 'object') return next;
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in next)) continue;
    const k = key as keyof SimFaults;
    if (k === 'subscription') {
      if (value === 'ok' || value === 'not-licensed' || value === 'unreachable') next.subscription = value;
    } else if (k === 'clockOffsetSeconds') {
      if (typeof value === 'number' && Number.isFinite(value)) next.clockOffsetSeconds = value;
    } else if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
      next[k] = k.endsWith('Rate') ? Math.min(1, value) : value;
    }
  }
  return next;
}
