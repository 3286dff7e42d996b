import { describe, expect, it } from 'vitest';
import type { LetterField } from '../../src/shared/contract';
import { fieldExampleKey, firstMissingField } from '../../src/shared/letter-form';

const field = (type: string, name: string, required = true): LetterField => ({ type, name, label: name, required, placeholder: null, options: [] });

describe('letter form rules', () => {
  it('opens the first required field still without an answer, in the form\'s order', () => {
    const fields = [field('text', 'pengikut', false), field('textarea', 'keperluan'), field('date', 'tanggal_berangkat')];
    expect(firstMissingField(fields, { pengikut: '', keperluan: '', tanggal_berangkat: '' })).toBe('keperluan');
    expect(firstMissingField(fields, { keperluan: '  ', tanggal_berangkat: '' })).toBe('keperluan');
    expect(firstMissingField(fields, { keperluan: 'kerja', tanggal_berangkat: '' })).toBe('tanggal_berangkat');
    expect(firstMissingField(fields, { keperluan: 'kerja', tanggal_berangkat: '01-12-2026' })).toBeNull();
  });

  it('words examples for free text only, by the field\'s name', () => {
    expect(fieldExampleKey(field('textarea', 'keperluan'))).toBe('fieldExample.keperluan');
    expect(fieldExampleKey(field('text', 'nama_usaha'))).toBe('fieldExample.nama_usaha');
    for (const type of ['number', 'date', 'time', 'hari', 'hari-tanggal', 'select', 'email', 'url']) expect(fieldExampleKey(field(type, 'keperluan'))).toBeNull();
  });
});
