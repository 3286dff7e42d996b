import { describe, expect, it } from 'vitest';
import { isValidPhone, normalisePhone } from '../../src/shared/phone';

describe('phone numbers', () => {
  it.each([
    ['0813 2222 0006', '081322220006'],
    ['+62 813-2222-0006', '081322220006'],
    ['62813 2222 0006', '081322220006'],
    ['(0274) 512 345', '0274512345'],
    ['081234567801', '081234567801'],
    ['', ''],
    [null, ''],
  ])('normalises %s to %s', (raw, phone) => {
    expect(normalisePhone(raw)).toBe(phone);
  });

  it('accepts 8 to 15 digits only', () => {
    expect(isValidPhone('081322220006')).toBe(true);
    expect(isValidPhone('0813')).toBe(false);
    expect(isValidPhone('0813 2222 0006')).toBe(false);
    expect(isValidPhone('1234567890123456')).toBe(false);
  });
});
