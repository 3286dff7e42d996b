/**
 * The daily restart: the next time is computed in the kiosk's time zone from
 * the kiosk's clock, the restart waits while someone uses the kiosk, gives up
 * for the day after an hour, and follows a changed setting at once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig, type KioskConfig } from '../../../src/main/config/schema';
import type { DailyRestartContext } from '../../../src/main/features/daily-restart';
import { createSilentLogger } from '../../../src/main/logging/logger';
import { nextRestartAt, registerDailyRestart } from '../../../src/main/features/daily-restart';

describe('nextRestartAt', () => {
  it('is the next time the wall clock of the kiosk zone reads HH:MM', () => {
    const at = (iso: string) => Date.parse(iso);
    // 17:00 WIB: the coming 03:00 WIB is 20:00 UTC today.
    expect(new Date(nextRestartAt(at('2026-12-02T10:00:00Z'), '03:00', 'Asia/Jakarta')).toISOString()).toBe('2026-12-02T20:00:00.000Z');
    expect(new Date(nextRestartAt(at('2026-12-02T19:59:59Z'), '03:00', 'Asia/Jakarta')).toISOString()).toBe('2026-12-02T20:00:00.000Z');
    // Exactly at the time (the kiosk just restarted): tomorrow, never a restart loop.
    expect(new Date(nextRestartAt(at('2026-12-02T20:00:00Z'), '03:00', 'Asia/Jakarta')).toISOString()).toBe('2026-12-03T20:00:00.000Z');
    expect(new Date(nextRestartAt(at('2026-12-02T10:00:00Z'), '03:00', 'Asia/Jayapura')).toISOString()).toBe('2026-12-02T18:00:00.000Z');
    expect(new Date(nextRestartAt(at('2026-12-02T10:00:00Z'), '23:30', 'Asia/Makassar')).toISOString()).toBe('2026-12-02T15:30:00.000Z');
    // A zone with summer time, on the day it ends: 03:00 is already standard time (UTC-5).
    expect(new Date(nextRestartAt(at('2026-11-01T04:00:00Z'), '03:00', 'America/New_York')).toISOString()).toBe('2026-11-01T08:00:00.000Z');
  });
});

interface Harness {
  restarts: number;
  audits: string[];
  signedIn: boolean;
  adminOpen: boolean;
  setConfig(change: (config: KioskConfig) => void): void;
  stop(): void;
}

function start(dailyRestartAt: string | null): Harness {
  let config = defaultConfig();
  config.kiosk.dailyRestartAt = dailyRestartAt;
  const listeners: Array<(config: KioskConfig) => void> = [];
  const stops: Array<() => void> = [];
  const harness: Harness = {
    restarts: 0,
    audits: [],
    signedIn: false,
    adminOpen: false,
    setConfig(change) {
      config = structuredClone(config);
      change(config);
      for (const listener of listeners) listener(config);
    },
    stop: () => stops.forEach((stop) => stop()),
  };
  const silent = createSilentLogger();
  const ctx = {
    log: (subsystem: string) => silent.forSubsystem(subsystem),
    config: {
      current: () => config,
      onChange: (listener: (config: KioskConfig) => void) => (listeners.push(listener), () => {}),
    },
    shell: { restart: () => harness.restarts++, exit: () => {} },
    session: { current: () => (harness.signedIn ? { mode: 'offline' } : null) },
    adminOpen: () => harness.adminOpen,
    audit: (_actor: string, action: string) => harness.audits.push(action),
    background: (begin: () => () => void) => stops.push(begin()),
  } as unknown as DailyRestartContext;
  registerDailyRestart(ctx);
  return harness;
}

const MINUTE = 60_000;

describe('the daily restart', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    // 02:00 WIB.
    vi.setSystemTime(Date.parse('2026-12-02T19:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('restarts at the configured time in the kiosk time zone, audited', async () => {
    const kiosk = start('03:00');
    await vi.advanceTimersByTimeAsync(60 * MINUTE - 1);
    expect(kiosk.restarts).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(kiosk.restarts).toBe(1);
    expect(kiosk.audits).toEqual(['app.dailyRestart']);
    kiosk.stop();
  });

  it('is off by default', async () => {
    const kiosk = start(null);
    await vi.advanceTimersByTimeAsync(48 * 60 * MINUTE);
    expect(kiosk.restarts).toBe(0);
    kiosk.stop();
  });

  it('waits while a resident is signed in or admin is open, and restarts the minute the kiosk is free', async () => {
    const kiosk = start('03:00');
    kiosk.signedIn = true;
    await vi.advanceTimersByTimeAsync(60 * MINUTE + 5 * MINUTE);
    expect(kiosk.restarts).toBe(0);
    kiosk.signedIn = false;
    kiosk.adminOpen = true;
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(kiosk.restarts).toBe(0);
    kiosk.adminOpen = false;
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(kiosk.restarts).toBe(1);
    kiosk.stop();
  });

  it('gives up for the day after an hour in use, and restarts the next day', async () => {
    const kiosk = start('03:00');
    kiosk.signedIn = true;
    await vi.advanceTimersByTimeAsync(60 * MINUTE + 61 * MINUTE);
    kiosk.signedIn = false;
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(kiosk.restarts).toBe(0);
    // Tomorrow 03:00 WIB.
    await vi.advanceTimersByTimeAsync(Date.parse('2026-12-03T20:00:00Z') - Date.now());
    expect(kiosk.restarts).toBe(1);
    kiosk.stop();
  });

  it('tries again the next day when the restart could not start anew and this start kept serving', async () => {
    const kiosk = start('03:00');
    await vi.advanceTimersByTimeAsync(60 * MINUTE);
    expect(kiosk.restarts).toBe(1);
    // Tomorrow 03:00 WIB, in the same start.
    await vi.advanceTimersByTimeAsync(Date.parse('2026-12-03T20:00:00Z') - Date.now());
    expect(kiosk.restarts).toBe(2);
    expect(kiosk.audits).toEqual(['app.dailyRestart', 'app.dailyRestart']);
    kiosk.stop();
  });

  it('follows a changed time at once, and stops when it is turned off', async () => {
    const kiosk = start('03:00');
    kiosk.setConfig((config) => (config.kiosk.dailyRestartAt = '02:30'));
    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    expect(kiosk.restarts).toBe(1);
    kiosk.setConfig((config) => (config.kiosk.dailyRestartAt = null));
    await vi.advanceTimersByTimeAsync(48 * 60 * MINUTE);
    expect(kiosk.restarts).toBe(1);
    kiosk.stop();
  });
});
