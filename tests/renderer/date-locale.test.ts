import { describe, expect, it } from 'vitest';
import { formatDateAndTime } from '../../src/renderer/date-locale';

describe('dates as residents read them', () => {
  it('shows the village server\'s wall-clock time as written, in the screen\'s language', () => {
    expect(formatDateAndTime('id', '2026-11-25 16:30:00', 'Asia/Jakarta')).toBe('25 November 2026, 16.30');
    expect(formatDateAndTime('en', '2026-11-25 16:30:00', 'Asia/Jakarta')).toBe('25 November 2026, 16:30');
    // The village's clock, not shifted into another zone: a kiosk in Makassar shows what the server wrote.
    expect(formatDateAndTime('id', '2026-11-25 16:30:00', 'Asia/Makassar')).toBe('25 November 2026, 16.30');
    expect(formatDateAndTime('id', '2026-01-05', 'Asia/Jakarta')).toBe('5 Januari 2026');
    expect(formatDateAndTime('id', '2026-11-25 00:05:00', 'Asia/Jakarta')).toBe('25 November 2026, 00.05');
  });

  it('shows an instant in the kiosk\'s time zone', () => {
    expect(formatDateAndTime('id', '2026-11-25T09:30:00.000Z', 'Asia/Jakarta')).toBe('25 November 2026, 16.30');
    expect(formatDateAndTime('id', '2026-11-25T09:30:00.000000Z', 'Asia/Jayapura')).toBe('25 November 2026, 18.30');
    expect(formatDateAndTime('en', new Date('2026-11-25T17:30:00Z'), 'Asia/Jakarta')).toBe('26 November 2026, 00:30');
  });

  it('shows nothing for a date that is not one', () => {
    for (const bad of ['0000-00-00 00:00:00', '', '2026-02-30 10:00:00', '2026-11-25 24:10:00', 'kemarin', '25-11-2026 16:30', '2026-13-01']) {
      expect(formatDateAndTime('id', bad, 'Asia/Jakarta'), bad).toBe('');
    }
    expect(formatDateAndTime('id', new Date(Number.NaN), 'Asia/Jakarta')).toBe('');
  });
});
