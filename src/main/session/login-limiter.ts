/**
 * The kiosk's own login lock: after `maxFailures` wrong PINs for one NIK
 * within `windowMs`, that NIK is locked until the window ends. It is stricter
 * than the server's (5 per NIK + IP per hour), which every kiosk behind one NAT
 * shares, so one resident's mistakes here do not lock them out everywhere.
 * Kept in memory: a restart forgets it, and the server's own lock remains.
 */
export interface LoginLimiter {
  check(nik: string): { locked: false } | { locked: true; retryInSeconds: number };
  /** Returns the attempts left before the lock (0 = now locked). */
  recordFailure(nik: string): number;
  reset(nik: string): void;
}

export function createLoginLimiter(options: {
  maxFailures: () => number;
  windowMs: () => number;
  clock?: () => number;
}): LoginLimiter {
  const clock = options.clock ?? Date.now;
  const failures = new Map<string, { count: number; since: number }>();

  function current(nik: string) {
    const entry = failures.get(nik);
    // Over, or begun in a future the clock has been set back from.
    if (entry && (entry.since > clock() || clock() - entry.since >= options.windowMs())) {
      failures.delete(nik);
      return undefined;
    }
    return entry;
  }

  return {
    check(nik) {
      const entry = current(nik);
      if (!entry || entry.count < options.maxFailures()) return { locked: false };
      return { locked: true, retryInSeconds: Math.ceil((entry.since + options.windowMs() - clock()) / 1000) };
    },
    recordFailure(nik) {
      const entry = current(nik) ?? { count: 0, since: clock() };
      entry.count += 1;
      failures.set(nik, entry);
      return Math.max(0, options.maxFailures() - entry.count);
    },
    reset(nik) {
      failures.delete(nik);
    },
  };
}

/**
 * A kiosk-wide limit: at most `max` events within any `windowMs` (a sliding
 * window). One kiosk serves one resident at a time, so a burst of sign-ins or
 * queue tickets is a script or a prank, not a queue of people.
 */
export interface RateLimiter {
  take(): { allowed: true } | { allowed: false; retryInSeconds: number };
}

export function createRateLimiter(options: { max: () => number; windowMs: () => number; clock?: () => number }): RateLimiter {
  const clock = options.clock ?? Date.now;
  let times: number[] = [];
  return {
    take() {
      const now = clock();
      // A clock set back (an RTC ahead, then corrected) leaves times in the future: they count no more.
      times = times.filter((t) => t <= now && now - t < options.windowMs());
      if (times.length >= options.max()) {
        return { allowed: false, retryInSeconds: Math.ceil((times[0]! + options.windowMs() - now) / 1000) };
      }
      times.push(now);
      return { allowed: true };
    },
  };
}
