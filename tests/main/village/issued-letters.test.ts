import { describe, expect, it } from 'vitest';
import { isLetterId, readTte, toIssuedLetters, type RawIssuedLetter } from '../../../src/main/village/issued-letters';

const row = (id: string, tte: unknown = 1): RawIssuedLetter => ({
  id,
  attributes: { nomor_surat: `N-${id}`, jenis_surat: 'Keterangan Domisili', nama_pamong: null, tanggal: null, tte },
});

describe('readTte', () => {
  it.each<[unknown, 0 | 1 | null, string | null]>([
    [1, 1, null],
    [0, 0, null],
    [null, null, null],
    [undefined, null, 'absent'],
    ['1', null, 'string "1"'],
    ['0', null, 'string "0"'],
    [2, null, 'number 2'],
    [1.0000001, null, 'number 1.0000001'],
    [true, null, 'boolean true'],
    [[1], null, 'array'],
  ])('reads %j as %j', (value, tte, odd) => {
    expect(readTte(value)).toEqual({ tte, odd });
  });
});

describe('toIssuedLetters', () => {
  it('orders by id as a number, newest first, also past 2^53 and with leading zeros', () => {
    const ids = ['9', '10', '0011', '9007199254740993', '9007199254740992', '100'];
    expect(toIssuedLetters(ids.map((id) => row(id))).map((l) => l.id)).toEqual(['9007199254740993', '9007199254740992', '100', '0011', '10', '9']);
  });

  it('accepts only ids of digits, of a database key length', () => {
    expect(['1', '401', '12345678901234567890'].every(isLetterId)).toBe(true);
    expect(['', '1a', ' 1', '1 ', '-1', '1.0', '123456789012345678901', '１２'].some(isLetterId)).toBe(false);
  });
});
