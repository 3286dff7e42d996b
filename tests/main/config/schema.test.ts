import { describe, expect, it } from 'vitest';
import { configSchema, configSchemaFor, defaultConfig } from '../../../src/main/config/schema';
import { parseConfigText } from '../../../src/main/config/store';
import { SETTING_RANGES, type RangedSetting } from '../../../src/shared/setting-ranges';

/** `{ kiosk: { idleSeconds: 1 } }` for `kiosk.idleSeconds`. */
function fileWith(key: string, value: unknown): string {
  return JSON.stringify(key.split('.').reduceRight<unknown>((inner, part) => ({ [part]: inner }), value));
}

function valueAt(config: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], config);
}

// Every timing setting, with values a resident (or the technician) cannot live with: too short, too long.
const OUT_OF_RANGE: Array<[RangedSetting, number[], number[]]> = [
  ['kiosk.idleSeconds', [1, 29], [301, 3600]],
  ['kiosk.idleWarningSeconds', [1, 19], [121, 300]],
  ['session.maxMinutes', [1, 2.5], [61, 120]],
  ['session.warningSeconds', [5, 19], [121, 600]],
  ['session.loginLockMinutes', [0.5, 0], [1441, 10080]],
  ['session.signInsPerMinute', [0, -3], [121]],
  ['server.readTimeoutSeconds', [1, 2.9], [61, 120]],
  ['server.submitTimeoutSeconds', [1, 14], [301]],
  ['sync.baseDelaySeconds', [0.01, 0.5], [601, 3600]],
  ['sync.maxDelaySeconds', [0.2, 29], [3601, 86400]],
  ['sync.pollSeconds', [0.02, 4], [601, 3600]],
  ['sync.pinMaxAgeHours', [0.5, 0], [721]],
  ['letterPrinter.jobTimeoutSeconds', [1, 29], [601, 3600]],
  ['sync.doubtGraceSeconds', [0, 29], [3601]],
  ['sync.retentionDays', [0, -1], [366, 3650]],
  ['printer.statusPollSeconds', [1, 9], [601, 3600]],
  ['printer.queueTicketsPerMinute', [0], [31, 60]],
  ['input.maxGapMs', [19], [501]],
  ['admin.idleMinutes', [1, 1.5], [31, 60]],
  ['admin.gestureSeconds', [1], [11]],
];

const TIMING_UNITS = new Set(['ms', 'seconds', 'minutes', 'hours', 'days', 'perMinute']);

describe('timing settings are held to a range a resident can live with', () => {
  it('covers every timing setting', () => {
    const timings = Object.entries(SETTING_RANGES).filter(([, range]) => TIMING_UNITS.has(range.unit)).map(([key]) => key);
    expect(OUT_OF_RANGE.map(([key]) => key).sort()).toEqual(timings.sort());
  });

  describe.each(OUT_OF_RANGE)('%s', (key, tooShort, tooLong) => {
    it.each([...tooShort.map((value) => [value, 'min'] as const), ...tooLong.map((value) => [value, 'max'] as const)])(
      'config.json with %s takes the nearest bound (%s), loudly, never the default',
      (value, side) => {
        const bound = SETTING_RANGES[key][side];
        const { config, warnings, problem } = parseConfigText(fileWith(key, value));
        expect(problem).toBeNull();
        expect(valueAt(config, key)).toBe(bound);
        // The field, the value written and the value used: what the technician needs to find it in the log.
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toMatch(new RegExp(`^${key.replaceAll('.', '\\.')}: ${value} is not accepted .*; using ${bound}$`));
      },
    );

    it('takes both ends of its range', () => {
      const { min, max } = SETTING_RANGES[key];
      for (const value of [min, max]) {
        const { config, warnings } = parseConfigText(fileWith(key, value));
        expect(warnings, `${key} = ${value}`).toEqual([]);
        expect(valueAt(config, key)).toBe(value);
      }
    });
  });

  it('keeps every default inside its range', () => {
    expect(configSchema.safeParse(defaultConfig()).success).toBe(true);
  });
});

// What an office may choose to protect residents' data and PINs: stricter than the default, kept as chosen.
const STRICTER_CHOICES: Array<[RangedSetting, number]> = [
  ['sync.retentionDays', 1],
  ['sync.retentionDays', 3],
  ['sync.pinMaxAgeHours', 1],
  ['sync.pinMaxAgeHours', 12],
  ['session.loginLockMinutes', 90],
  ['session.loginLockMinutes', 1440],
  ['session.signInsPerMinute', 1],
  ['session.signInsPerMinute', 2],
  ['printer.queueTicketsPerMinute', 1],
];

describe('privacy and security settings take the stricter side an office may choose', () => {
  it.each(STRICTER_CHOICES)('config.json with %s = %s keeps it', (key, value) => {
    const { config, warnings } = parseConfigText(fileWith(key, value));
    expect(warnings).toEqual([]);
    expect(valueAt(config, key)).toBe(value);
  });

  it.each([
    ['sync.retentionDays', 2.4, 2],
    ['sync.retentionDays', 0.2, 1],
    ['session.signInsPerMinute', 1.5, 2],
    ['printer.queueTicketsPerMinute', 0.4, 1],
  ] as const)('a fraction where a whole number is needed (%s = %s) is rounded, then held to the range: %s', (key, value, used) => {
    const { config, warnings } = parseConfigText(fileWith(key, value));
    expect(valueAt(config, key)).toBe(used);
    expect(warnings.join('\n')).toContain(`${key}: ${value} is not accepted`);
  });
});

// The backoff doubles from the first retry delay up to the longest one.
describe('sync.baseDelaySeconds is never above sync.maxDelaySeconds', () => {
  it.each([
    [100, 40, 40, 40],
    [600, 30, 30, 30],
    [700, 10, 30, 30],
    [40, 40, 40, 40],
    [5, 600, 5, 600],
  ])('config.json with a first delay of %s s and a longest of %s s runs with %s s and %s s', (base, max, baseUsed, maxUsed) => {
    const { config, problem, warnings } = parseConfigText(JSON.stringify({ sync: { baseDelaySeconds: base, maxDelaySeconds: max } }));
    expect(problem).toBeNull();
    expect(config.sync).toMatchObject({ baseDelaySeconds: baseUsed, maxDelaySeconds: maxUsed });
    if (base > max) expect(warnings.at(-1)).toMatch(/^sync\.baseDelaySeconds: \d+ is not accepted \(the first retry delay must not exceed sync\.maxDelaySeconds/);
    else expect(warnings).toEqual([]);
  });
});

describe('short timings (tests that cannot wait minutes: ADM_SHORT_TIMINGS=1)', () => {
  const short = () => configSchemaFor({ ADM_SHORT_TIMINGS: '1' });
  const quick = JSON.stringify({
    kiosk: { idleSeconds: 2, idleWarningSeconds: 3 },
    session: { maxMinutes: 1, warningSeconds: 52 },
    server: { readTimeoutSeconds: 2, submitTimeoutSeconds: 2 },
    sync: { baseDelaySeconds: 0.02, maxDelaySeconds: 0.2, pollSeconds: 0.02, doubtGraceSeconds: 0 },
    printer: { statusPollSeconds: 1 },
  });

  it('takes what the code handles, only when asked', () => {
    expect(parseConfigText(quick, short()).warnings).toEqual([]);
    expect(parseConfigText(quick, configSchemaFor({})).warnings).toHaveLength(10); // all but the warning of 52 s
    expect(configSchemaFor({ ADM_SHORT_TIMINGS: 'yes' })).toBe(configSchema);
  });

  it('still refuses what is too long', () => {
    expect(parseConfigText(fileWith('kiosk.idleSeconds', 301), short()).warnings.join('\n')).toContain('kiosk.idleSeconds: ');
  });
});
