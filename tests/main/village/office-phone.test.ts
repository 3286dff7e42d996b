import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/main/config/schema';
import { officePhoneOf } from '../../../src/main/village/office-phone';

function withOffice(phone: string | null) {
  const config = defaultConfig();
  config.village.officePhone = phone;
  return config;
}

describe('office phone', () => {
  it("prefers the technician's number, else the village profile's operator phone", () => {
    expect(officePhoneOf(withOffice('0251 8765 432'), { operatorPhone: '081234567890' })).toBe('02518765432');
    expect(officePhoneOf(withOffice(null), { operatorPhone: '0812-3456-7890' })).toBe('081234567890');
  });

  it('is none when neither is a phone number', () => {
    expect(officePhoneOf(withOffice(null), null)).toBeNull();
    expect(officePhoneOf(withOffice(null), { operatorPhone: 'hubungi kantor' })).toBeNull();
  });
});
