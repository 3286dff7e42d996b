/**
 * What the shell does when the kiosk page dies, hangs or fails to load, and
 * when the core fails to start: pure rules, so they are tested without an
 * Electron binary (`main.ts` applies them).
 *
 * A page failure is retried after a growing delay; several failures close
 * together mean reloading does not help (a corrupt GPU cache, a leaking
 * renderer), so the whole app is relaunched instead. A failure long after the
 * last one starts the count again.
 */

export interface RecoveryRules {
  /** The first retry's delay; each further failure in the window doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures within `windowMs` that make the shell relaunch the app instead of reloading. */
  relaunchAfter: number;
  windowMs: number;
}

export const PAGE_RECOVERY: RecoveryRules = { baseDelayMs: 1_000, maxDelayMs: 30_000, relaunchAfter: 4, windowMs: 10 * 60_000 };

/** Startup retries never give up (a kiosk has no one to press a button), but slow down to once a minute. */
export const STARTUP_RETRY: Pick<RecoveryRules, 'baseDelayMs' | 'maxDelayMs'> = { baseDelayMs: 2_000, maxDelayMs: 60_000 };

/** How long an unresponsive page may stay so before its renderer is ended and reloaded. */
export const UNRESPONSIVE_GRACE_MS = 10_000;

export type RecoveryStep = { action: 'reload'; delayMs: number; failures: number } | { action: 'relaunch'; failures: number };

/** The delay before retry number `attempt` (1 = the first). */
export function backoffDelay(attempt: number, rules: Pick<RecoveryRules, 'baseDelayMs' | 'maxDelayMs'>): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  return Math.min(rules.baseDelayMs * 2 ** exponent, rules.maxDelayMs);
}

export interface PageRecovery {
  /** A failure happened now: what to do about it. */
  failed(): RecoveryStep;
}

export function createPageRecovery(now: () => number, rules: RecoveryRules = PAGE_RECOVERY): PageRecovery {
  let recent: number[] = [];
  return {
    failed() {
      const at = now();
      recent = [...recent.filter((t) => at - t < rules.windowMs), at];
      const failures = recent.length;
      if (failures >= rules.relaunchAfter) return { action: 'relaunch', failures };
      return { action: 'reload', delayMs: backoffDelay(failures, rules), failures };
    },
  };
}

/**
 * `did-fail-load` reports every failed load, including ones that are not
 * failures of the kiosk page: a subframe, or a load the shell itself replaced
 * (ERR_ABORTED, -3). Only the main frame's real failures show the error screen.
 */
export function isPageLoadFailure(errorCode: number, isMainFrame: boolean): boolean {
  return isMainFrame && errorCode !== -3;
}
