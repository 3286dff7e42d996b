import { describe, expect, it } from 'vitest';
import en from '../../src/renderer/locales/en.json';
import id from '../../src/renderer/locales/id.json';
import { checkNik, nikProblemParams } from '../../src/shared/nik';
import { ERROR_CODES, type CallError } from '../../src/shared/result';
import { SETTING_RANGES } from '../../src/shared/setting-ranges';
import { errorText } from '../../src/renderer/error-text';
import { editorHelpWords } from '../../src/renderer/field-example';
import { createI18n } from '../../src/renderer/i18n';

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe('locales', () => {
  it('English has exactly the keys of Bahasa Indonesia (plural forms aside)', () => {
    // Indonesian has one plural form; English words "1 try" and "2 tries" apart (key_one, key_other).
    const base = (list: string[]) => [...new Set(list.map((key) => key.replace(/_(zero|one|two|few|many|other)$/, '')))].sort();
    expect(base(keys(en))).toEqual(base(keys(id)));
  });

  it('words every error code the core can send, in both languages', () => {
    for (const locale of ['id', 'en'] as const) {
      const i18n = createI18n(locale);
      for (const code of ERROR_CODES) {
        expect(i18n.exists(`errors.${code}`, { count: 2 }) || i18n.exists(`errors.${code}`), `${locale}: errors.${code}`).toBe(true);
      }
    }
  });

  it('words the unit of every setting range, in both languages', () => {
    for (const locale of ['id', 'en'] as const) {
      const i18n = createI18n(locale);
      for (const { unit } of Object.values(SETTING_RANGES)) expect(i18n.exists(`admin.settings.range.${unit}`), `${locale}: ${unit}`).toBe(true);
    }
  });

  // The result screen's help is its own words (result-words.ts), tested with the screen.
  it('has help for every resident screen, in two sentences, in both languages', () => {
    const topics = ['attract', 'nik', 'pin', 'menu', 'letters', 'form', 'mine', 'village', 'receipt', 'issued', 'letter-preview'];
    for (const locale of ['id', 'en'] as const) {
      const i18n = createI18n(locale);
      for (const topic of topics) {
        expect(i18n.exists(`help.${topic}`), `${locale}: help.${topic}`).toBe(true);
        expect(i18n.t(`help.${topic}`).match(/[.?!](\s|$)/g)?.length, `${locale}: help.${topic}`).toBeLessThanOrEqual(3);
      }
    }
  });

  it('helps with the field open in the editor, with its example where it has one, and can speak every example', () => {
    for (const locale of ['id', 'en'] as const) {
      const i18n = createI18n(locale);
      const examples = Object.entries((locale === 'id' ? id : en).fieldExample);
      expect(examples.length, locale).toBeGreaterThan(0);
      for (const [name, example] of examples) {
        const words = editorHelpWords(i18n.t, { type: 'textarea', name, label: 'Keperluan', required: true, placeholder: null, options: [] });
        const help = i18n.t('help.editor', words);
        expect(help, `${locale}: ${name}`).toContain('Keperluan');
        expect(help, `${locale}: ${name}`).toContain(example);
        expect(help.match(/[.?!](\s|$)/g)?.length, `${locale}: ${name}`).toBeLessThanOrEqual(3);
        // The voice says no digits (a NIK or PIN is never spoken): an example with one would leave the prompt unsaid.
        expect(i18n.t('voice.editor', words).endsWith(`${example}.`), `${locale}: ${name}`).toBe(true);
        expect(example, `${locale}: ${name}`).not.toMatch(/\d/);
      }
      const plain = editorHelpWords(i18n.t, { type: 'date', name: 'keperluan', label: 'Tanggal', required: true, placeholder: null, options: [] });
      expect(i18n.t('help.editor', plain), locale).not.toMatch(/contoh|example/i);
    }
  });

  it('puts the numbers the core sends into the words, with English plurals', () => {
    const id = createI18n('id');
    const en = createI18n('en');
    const wrongPin: CallError = { code: 'wrong-pin', params: { count: 2 } };
    expect(errorText(id.t, wrongPin)).toBe('NIK atau PIN tidak cocok dengan data desa. Periksa lagi; sisa 2 kali percobaan.');
    expect(errorText(en.t, wrongPin)).toBe('The NIK or PIN does not match the village records. Please check; 2 more tries left.');
    expect(errorText(en.t, { code: 'wrong-pin', params: { count: 1 } })).toContain('1 more try left');
    expect(errorText(en.t, { code: 'locked', params: { count: 15 } })).toContain('Try again in 15 minutes');
    expect(errorText(id.t, { code: 'server-locked', params: { count: 1 } })).toContain('Coba lagi dalam 1 menit');
    expect(errorText(en.t, { code: 'rate-limited', params: { count: 30 } })).toContain('wait 30 seconds');
    expect(errorText(id.t, { code: 'receipts-rate-limited', params: { count: 45 } })).toContain('tunggu 45 detik');
    expect(errorText(en.t, { code: 'receipts-rate-limited', params: { count: 1 } })).toContain('wait 1 second,');
    expect(errorText(en.t, { code: 'invalid-nik', params: nikProblemParams('320101', 'too-short') })).toBe(en.t('nik.too-short', { count: 6, missing: 10 }));
    // A code from a newer core still says something sensible.
    expect(errorText(en.t, { code: 'no-such-code' as CallError['code'] })).toBe(en.t('errors.internal'));
  });

  it('has no empty strings', () => {
    for (const locale of [en, id]) {
      for (const key of keys(locale)) {
        const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], locale);
        expect(String(value).trim(), key).not.toBe('');
      }
    }
  });

  it('words a NIK problem from the core as the keypad\'s own check does', () => {
    const i18n = createI18n('id');
    const cases = ['', '320101', '1001011501900001', '3201013201900001'];
    for (const nik of cases) {
      const check = checkNik(nik);
      if (check.valid) throw new Error('expected invalid');
      const params = nikProblemParams(nik, check.problem);
      expect(errorText(i18n.t, { code: 'invalid-nik', params })).toBe(i18n.t(`nik.${check.problem}`, params));
      expect(errorText(i18n.t, { code: 'invalid-nik', params })).not.toContain('{{');
    }
  });

  it.each([
    ['', 'empty', 'belum diisi'],
    ['32010115019A0001', 'not-digits', 'hanya boleh berisi angka'],
    ['320101150190', 'too-short', 'Baru 12 angka yang diketik, kurang 4 angka lagi'],
    ['32010115019000012', 'too-long', 'yang diketik 17 angka'],
    ['1001011501900001', 'province', 'Dua angka pertama NIK (10)'],
    ['9501011501900001', 'province', 'Dua angka pertama NIK (95)'],
    ['3201013201900001', 'birth-date', '(320190)'],
    ['3201010001900001', 'birth-date', '(000190)'],
    ['3201013501900001', 'birth-date', 'tanggal lahir'],
    ['3201017201900001', 'birth-date', 'tanggal lahir'],
    ['3201011513900001', 'birth-date', 'tanggal lahir'],
    ['3201013002900001', 'birth-date', '(300290)'], // 30 February
    ['3201012902010001', 'birth-date', '(290201)'], // 29 Feb in neither 1901 nor 2001
    ['3201013104900001', 'birth-date', '(310490)'], // 31 April
  ])('words the NIK %s (%s) so that it shows %s', (nik, problem, fragment) => {
    const check = checkNik(nik);
    if (check.valid) throw new Error('expected invalid');
    expect(check.problem).toBe(problem);
    expect(errorText(createI18n('id').t, { code: 'invalid-nik', params: nikProblemParams(nik, check.problem) })).toContain(fragment);
  });
});
