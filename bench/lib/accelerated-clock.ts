/**
 * Accelerated time for the memory benchmark and the soak run: the core's
 * timers and clock (`Date`, `setTimeout`, `setInterval`) are faked and move
 * with real time, and `skip(ms)` jumps them forward between sessions, so
 * rate-limit windows pass, tokens expire and hourly work (the retention
 * purge) runs as it would over hours of kiosk use. I/O, `setImmediate`,
 * `performance.now` and `AbortSignal.timeout` stay real.
 * Install before the core is created, so its timers are the fake ones.
 */
import FakeTimers from '@sinonjs/fake-timers';

export interface AcceleratedClock {
  skip(ms: number): Promise<void>;
  /** Timers the fake clock holds: a count that keeps growing is a timer leak. */
  pendingTimers(): number;
  uninstall(): void;
}

export function accelerateTimers(): AcceleratedClock {
  const clock = FakeTimers.install({
    toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
    shouldAdvanceTime: true,
    advanceTimeDelta: 5,
  });
  return {
    skip: async (ms) => {
      await clock.tickAsync(ms);
    },
    pendingTimers: () => clock.countTimers(),
    uninstall: () => clock.uninstall(),
  };
}

/** Waits (in real time, without timers) until `condition` holds; fails after `limitMs`. */
export async function until(condition: () => boolean, what: string, limitMs = 60_000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
