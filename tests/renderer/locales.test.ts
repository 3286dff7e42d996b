import { describe, expect, it } from 'vitest';
import en from '../../src/renderer/locales/en.json';
import id from '../../src/renderer/locales/id.json';
import { checkNik } from '../../src/shared/nik';
import { createI18n } from '../../src/renderer/i18n';

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe('locales', () => {
  it('English has exactly the keys of Bahasa Indonesia', () => {
    expect(keys(en).sort()).toEqual(keys(id).sort());
  });

  it('has no empty strings', () => {
    for (const locale of [en, id]) {
      for (const key of keys(locale)) {
        const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], locale);
        expect(String(value).trim(), key).not.toBe('');
      }
    }
  });

  it('words every NIK problem the same way the core does', () => {
    const i18n = createI18n('id');
    const cases = ['', '320101', '1001011501900001', '3201013201900001'];
    for (const nik of cases) {
      const check = checkNik(nik);
      if (check.valid) throw new Error('expected invalid');
      const text = i18n.t(`nik.${check.problem}`, {
        count: nik.length,
        missing: 16 - nik.length,
        part: check.problem === 'province' ? nik.slice(0, 2) : nik.slice(6, 12),
      });
      expect(text).toBe(check.message);
    }
  });
});
