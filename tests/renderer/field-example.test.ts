import { describe, expect, it } from 'vitest';
import type { LetterField } from '../../src/shared/contract';
import { editorHelpWords } from '../../src/renderer/field-example';
import { createI18n } from '../../src/renderer/i18n';

function field(label: string, name = 'saksi_1'): LetterField {
  return { type: 'text', name, label, required: true, placeholder: null, options: [] };
}

describe('editorHelpWords', () => {
  const t = createI18n('id').t;

  it('shows a label with a digit as it is, but speaks it as "kolom ini": the voice refuses digits', () => {
    expect(t('help.editor', editorHelpWords(t, field('Nama Saksi 1')))).toContain('Isi Nama Saksi 1 dengan tombol di layar');
    const spoken = t('voice.editor', editorHelpWords(t, field('Nama Saksi 1'), 'spoken'));
    expect(spoken).toBe('Isi kolom ini, lalu sentuh Simpan.');
    expect(spoken).not.toMatch(/\d/);
  });

  it('never builds a sentence around an empty label from the server', () => {
    expect(t('help.editor', editorHelpWords(t, field('  ')))).toContain('Isi kolom ini dengan tombol di layar');
    expect(t('voice.editor', editorHelpWords(t, field(''), 'spoken'))).toBe('Isi kolom ini, lalu sentuh Simpan.');
  });

  it('keeps a label without digits and the field\'s example in both', () => {
    const words = editorHelpWords(t, field('Keperluan', 'keperluan'), 'spoken');
    expect(t('voice.editor', words)).toBe('Isi Keperluan, lalu sentuh Simpan. Contohnya: untuk melamar pekerjaan.');
  });
});
