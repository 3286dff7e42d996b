import { describe, expect, it } from 'vitest';
import { FREE_TRIES, lockoutMs, remainingLockMs, triesBeforeLock } from '../../../src/main/admin/lockout';

describe('admin PIN lockout', () => {
  it('lets five wrong PINs pass, then locks for 30 s, doubling with each further failure up to an hour', () => {
    expect(FREE_TRIES).toBe(5);
    expect([0, 1, 4].map(lockoutMs)).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 9].map(lockoutMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(lockoutMs(12)).toBe(3_600_000);
    expect(lockoutMs(40)).toBe(3_600_000);
  });

  it('counts the wait from the last failure', () => {
    const last = 1_000_000;
    expect(remainingLockMs(5, last, last)).toBe(30_000);
    expect(remainingLockMs(5, last, last + 29_999)).toBe(1);
    expect(remainingLockMs(5, last, last + 30_000)).toBe(0);
    expect(remainingLockMs(6, last, last + 30_000)).toBe(30_000);
    expect(remainingLockMs(4, last, last)).toBe(0);
  });

  it('never waits longer than the lock itself when the clock was set back', () => {
    expect(remainingLockMs(5, 10_000_000, 1_000)).toBe(30_000);
  });

  it('says how many tries are left before the lock', () => {
    expect([0, 3, 4, 5, 9].map(triesBeforeLock)).toEqual([5, 2, 1, 0, 0]);
  });
});
