import { describe, expect, it } from 'vitest';
import { foldForPrinter } from '../../../src/devices/printer/fold-text';

describe('foldForPrinter', () => {
  it('folds typographic punctuation, spaces and accents to ASCII', () => {
    expect(foldForPrinter('“Kutip” ‘satu’ – — … Café naïve\u00a0spasi')).toBe('"Kutip" \'satu\' - - ... Cafe naive spasi');
  });

  it('folds § and ¶, which IBM code pages would send as control codes', () => {
    expect(foldForPrinter('§ 3 ¶ 2')).toBe('Pasal  3 Par.  2');
  });

  it('turns what cannot be printed into ?', () => {
    expect(foldForPrinter('Rp 10.000 😀 中')).toBe('Rp 10.000 ? ?');
  });

  it('normalises decomposed input first', () => {
    expect(foldForPrinter('Se\u0301la')).toBe('Sela');
  });
});
