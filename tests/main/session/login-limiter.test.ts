import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../src/main/session/login-limiter';

describe('the kiosk-wide rate limiter', () => {
  it('allows max in any window, then says when the next is allowed', () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ max: () => 2, windowMs: () => 60_000, clock: () => now });
    expect(limiter.take()).toEqual({ allowed: true });
    now += 10_000;
    expect(limiter.take()).toEqual({ allowed: true });
    expect(limiter.take()).toEqual({ allowed: false, retryInSeconds: 50 });
    now += 50_000;
    expect(limiter.take()).toEqual({ allowed: true });
  });

  it('is not locked for the length of a clock correction when the clock is set back', () => {
    let now = 1_000_000 + 3_600_000; // an RTC an hour ahead
    const limiter = createRateLimiter({ max: () => 2, windowMs: () => 60_000, clock: () => now });
    limiter.take();
    limiter.take();
    expect(limiter.take()).toMatchObject({ allowed: false });
    now -= 3_600_000; // NTP sets it right
    expect(limiter.take()).toEqual({ allowed: true });
  });
});

describe('the per-NIK login lock', () => {
  it('locks after the failures in the window, and a clock set back does not make the lock last longer than its window', async () => {
    const { createLoginLimiter } = await import('../../../src/main/session/login-limiter');
    let now = 5_000_000 + 3_600_000;
    const lock = createLoginLimiter({ maxFailures: () => 3, windowMs: () => 15 * 60_000, clock: () => now });
    for (let i = 0; i < 3; i++) lock.recordFailure('3201011501850001');
    expect(lock.check('3201011501850001')).toEqual({ locked: true, retryInSeconds: 900 });
    now -= 3_600_000;
    expect(lock.check('3201011501850001')).toEqual({ locked: false });
  });
});
