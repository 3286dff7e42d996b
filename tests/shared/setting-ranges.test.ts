import { describe, expect, it } from 'vitest';
import { SETTINGS_FIELDS } from '../../src/shared/admin-settings';
import { SETTING_RANGES, settingRange } from '../../src/shared/setting-ranges';

describe('setting ranges', () => {
  it('give every number the Pengaturan screens offer a range to show', () => {
    const numbers = SETTINGS_FIELDS.filter((field) => field.kind === 'number').map((field) => field.key);
    expect(numbers.filter((key) => settingRange(key) === null)).toEqual([]);
  });

  it('are ranges, with room for the shortest the code handles below them', () => {
    for (const [key, range] of Object.entries(SETTING_RANGES)) {
      expect(range.min, key).toBeLessThan(range.max);
      if ('least' in range) expect(range.least, key).toBeLessThan(range.min);
    }
  });

  it('hold the UX rule: an idle countdown of at least 20 s', () => {
    expect(SETTING_RANGES['kiosk.idleWarningSeconds'].min).toBeGreaterThanOrEqual(20);
    expect(SETTING_RANGES['session.warningSeconds'].min).toBeGreaterThanOrEqual(20);
  });
});
