import { describe, expect, it } from 'vitest';
import { isReferenceShape, makeReference } from '../../../src/main/outbox/reference';

describe('kiosk references', () => {
  it('are KIOSK-YYMMDD-XXXXX in the kiosk\'s zone, without look-alike characters, and have the shape a scan is looked up by', () => {
    const made = Array.from({ length: 200 }, () => makeReference('adm-01 balai', new Date('2026-12-06T18:30:00Z'), 'Asia/Jakarta'));
    for (const reference of made) {
      expect(reference).toMatch(/^ADM01BAL-261207-[2-9A-HJKMNP-Z]{5}$/);
      expect(isReferenceShape(reference)).toBe(true);
    }
  });

  it.each([
    ['a product barcode', '8991234567890'],
    ['lower case', 'adm-261207-abcde'],
    ['look-alike characters', 'ADM-261207-O0I1L'],
    ['a kiosk part too long', 'ADMINISTRA-261207-ABCDE'],
    ['a short date', 'ADM-2612-ABCDE'],
    ['trailing text', 'ADM-261207-ABCDE x'],
    ['a URL', 'https://example.com/ADM-261207-ABCDE'],
    ['empty', ''],
  ])('refuses %s as a reference shape', (_name, text) => {
    expect(isReferenceShape(text)).toBe(false);
  });
});
