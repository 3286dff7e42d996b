import { describe, expect, it } from 'vitest';
import { checkNik, isValidNik, maskNik, maskNiksInText } from '../../src/shared/nik';

describe('checkNik', () => {
  it.each([
    ['3201011501900001', 'man born 15-01-1990 in Jawa Barat'],
    ['3201015501900001', 'woman born 15-01-1990 (day + 40)'],
    ['1101013112990001', 'province 11 (Aceh), 31 Dec'],
    ['9471017112990001', 'province 94 (Papua), woman born 31st'],
    ['3201012902000001', '29 Feb 2000'],
    ['3201012902960001', '29 Feb 1996'],
    ['0123456789012345', 'temporary NIK starting with 0'],
  ])('accepts %s (%s)', (nik) => {
    expect(checkNik(nik)).toMatchObject({ valid: true });
  });

  it('marks temporary NIKs', () => {
    expect(checkNik('0000000000000001')).toEqual({ valid: true, temporary: true });
    expect(checkNik('3201011501900001')).toEqual({ valid: true, temporary: false });
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
  ])('rejects %s as %s (its message shows %s: tests/renderer/locales.test.ts)', (nik, problem) => {
    const result = checkNik(nik);
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.problem).toBe(problem);
  });

  it('ignores surrounding whitespace', () => {
    expect(isValidNik(' 3201011501900001 ')).toBe(true);
  });
});

describe('masking', () => {
  it('keeps the first 6 and last 4 digits', () => {
    expect(maskNik('3201011501900001')).toBe('320101******0001');
  });

  it('masks every 16-digit run in free text but not longer or shorter numbers', () => {
    expect(maskNiksInText('login 3201011501900001 ok, 12345678901234567 and 123')).toBe(
      'login 320101******0001 ok, 12345678901234567 and 123',
    );
  });
});
