import { describe, expect, it } from 'vitest';
import { foldForPrinter } from '../../../src/devices/printer/fold-text';

describe('foldForPrinter', () => {
  it('folds typographic punctuation, spaces and accents to ASCII', () => {
    expect(foldForPrinter('“Kutip” ‘satu’ – — … Café naïve\u00a0spasi')).toBe('"Kutip" \'satu\' - - ... Cafe naive spasi');
  });

  it('folds § and ¶, which IBM code pages would send as control codes', () => {
    expect(foldForPrinter('§ 3 ¶ 2')).toBe('Pasal  3 Par.  2');
  });

  it('transliterates names in other scripts rather than printing ?', () => {
    expect(foldForPrinter('Øystein Straße Nguyễn')).toBe('Oystein Strasse Nguyen');
    expect(foldForPrinter('محمد')).toBe('mhmd');
    expect(foldForPrinter('ꦱꦸꦏꦩꦗꦸ')).toBe('sukmju'); // Javanese script
    expect(foldForPrinter('Rp 10.000 中')).toBe('Rp 10.000 Zhong');
  });

  it('keeps line breaks and never lets a control character through', () => {
    expect(foldForPrinter('Baris satu\nBaris dua')).toBe('Baris satu\nBaris dua');
    expect(foldForPrinter('a\u0007b\u001bc')).toMatch(/^[\x20-\x7E]*$/);
  });

  it('normalises decomposed input first', () => {
    expect(foldForPrinter('Se\u0301la')).toBe('Sela');
  });
});
