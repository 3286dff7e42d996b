import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../src/main/config/schema';
import { createSilentLogger } from '../../src/main/logging/logger';
import { createRetention, RETENTION_INTERVAL_MS } from '../../src/main/retention';

const NOW = Date.parse('2026-12-07T10:00:00Z');

function rig(personal = 0, slips = 0, prints = 0) {
  const calls: Array<[string, string]> = [];
  const config = defaultConfig();
  config.sync.retentionDays = 30;
  config.sync.pinMaxAgeHours = 48;
  const retention = createRetention({
    outbox: {
      purgePersonalData: (before) => (calls.push(['personal', before.toISOString()]), personal),
      dropStaleSecrets: (before) => (calls.push(['secrets', before.toISOString()]), 0),
      scrubDeletedSecrets: () => (calls.push(['scrub', '']), true),
    },
    printing: { purgeOutput: (before) => (calls.push(['slips', before.toISOString()]), slips) },
    letterPrints: { purge: (before) => (calls.push(['letter prints', before.toISOString()]), prints) },
    config: () => config,
    log: createSilentLogger().root,
    now: () => NOW,
  });
  return { calls, retention };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('retention', () => {
  it('removes personal data and slips older than the retention days, and PINs older than their own limit', () => {
    const { calls, retention } = rig(2, 1);
    retention.purge();
    expect(calls).toEqual([
      ['personal', '2026-11-07T10:00:00.000Z'],
      ['secrets', '2026-12-05T10:00:00.000Z'],
      ['scrub', ''],
      ['letter prints', '2026-11-07T10:00:00.000Z'],
      ['slips', '2026-11-07T10:00:00.000Z'],
    ]);
  });

  it('purges at once when started, then every hour until stopped', () => {
    vi.useFakeTimers();
    const { calls, retention } = rig();
    const stop = retention.start();
    const purges = () => calls.filter(([what]) => what === 'personal').length;
    expect(purges()).toBe(1);
    vi.advanceTimersByTime(RETENTION_INTERVAL_MS);
    expect(purges()).toBe(2);
    stop();
    vi.advanceTimersByTime(3 * RETENTION_INTERVAL_MS);
    expect(purges()).toBe(2);
  });
});
