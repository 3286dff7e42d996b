import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LetterField } from '../../src/shared/contract';
import { checkField } from '../../src/shared/letter-form';
import { FieldEditor, todayIn } from '../../src/renderer/components/FieldEditor';
import { createI18n } from '../../src/renderer/i18n';

afterEach(cleanup);

function field(type: string, extra: Partial<LetterField> = {}): LetterField {
  return { type, name: 'x', label: 'Isian', required: true, placeholder: null, options: [], ...extra };
}

function edit(f: LetterField, value = '', timeZone = 'Asia/Jakarta') {
  const onSave = vi.fn();
  render(
    <I18nextProvider i18n={createI18n('id')}>
      <FieldEditor field={f} value={value} timeZone={timeZone} onSave={onSave} onCancel={() => {}} />
    </I18nextProvider>,
  );
  return onSave;
}

const tap = (name: string | RegExp) => fireEvent.click(screen.getByRole('button', { name }));

describe('FieldEditor', () => {
  it('types text on the on-screen keyboard, with a shift toggle and a space', () => {
    const onSave = edit(field('text'));
    tap('W');
    tap('Huruf kecil');
    tap('a');
    tap('Spasi');
    tap('1');
    tap('Simpan');
    expect(onSave).toHaveBeenCalledWith('Wa 1');
  });

  it('says a required field must be filled when Simpan is tapped on it empty, instead of doing nothing', () => {
    const onSave = edit(field('text'));
    expect(screen.queryByRole('alert')).toBeNull();
    tap('Simpan');
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('Wajib diisi.');
    tap('K');
    expect(screen.queryByRole('alert')).toBeNull();
    tap('Simpan');
    expect(onSave).toHaveBeenCalledWith('K');
  });

  it('offers @ for e-mail and refuses to save an invalid address', () => {
    const onSave = edit(field('email'), 'nama');
    expect((screen.getByRole('button', { name: 'Simpan' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('alert').textContent).toContain('Alamat email belum benar');
    tap('@');
    for (const k of 'desa.id') tap(k === '.' ? '.' : k);
    tap('Simpan');
    expect(onSave).toHaveBeenCalledWith('nama@desa.id');
  });

  it('without a frame (admin screens) is a dialog of its own, with Batal and no resident tools or example', () => {
    edit(field('textarea', { name: 'keperluan', label: 'Keperluan' }));
    expect(screen.getByRole('dialog').textContent).toContain('Keperluan');
    expect(screen.getByRole('button', { name: 'Batal' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Bantuan' })).toBeNull();
    expect(screen.queryByText(/^Contoh:/)).toBeNull();
  });

  it('takes numbers on the big numeric keypad, digits only', () => {
    const onSave = edit(field('number'));
    expect(screen.queryByRole('button', { name: 'Q' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Kosongkan' })).toBeTruthy(); // the NIK/PIN keypad
    tap('4');
    tap('2');
    tap('Simpan');
    expect(onSave).toHaveBeenCalledWith('42');
  });

  it('starts a date on today in the kiosk\'s zone, not the browser\'s', () => {
    expect(todayIn('Asia/Jakarta', new Date('2026-12-01T17:30:00Z'))).toBe('02-12-2026'); // 00:30 WIB
    expect(todayIn('UTC', new Date('2026-12-01T17:30:00Z'))).toBe('01-12-2026');
    const onSave = edit(field('date'), '', 'Asia/Jayapura');
    tap('Simpan');
    expect(onSave).toHaveBeenCalledWith(todayIn('Asia/Jayapura'));
  });

  it('shows a placeholder that looks different from a value', () => {
    edit(field('text', { placeholder: 'contoh: Melamar kerja' }));
    const placeholder = screen.getByText('contoh: Melamar kerja');
    expect(placeholder.className).toBe('placeholder');
    tap('A');
    expect(screen.queryByText('contoh: Melamar kerja')).toBeNull();
  });

  it('picks a date with steppers, as dd-mm-yyyy, rolling days within the month', () => {
    const onSave = edit(field('date'), '31-01-2026');
    tap('Naikkan Bulan'); // 31 February does not exist: the day is kept within February
    tap('Naikkan Tanggal'); // and days wrap within the month: 28 -> 1
    tap('Simpan');
    const saved = onSave.mock.calls[0]![0] as string;
    expect(saved).toBe('01-02-2026');
    expect(checkField(field('date'), saved)).toBeNull();
  });

  it('writes hari-tanggal as "Weekday, dd-mm-yyyy"', () => {
    const onSave = edit(field('hari-tanggal'), 'Senin, 30-11-2026');
    tap('Naikkan Bulan');
    tap('Simpan');
    expect(onSave).toHaveBeenCalledWith('Rabu, 30-12-2026');
  });

  it('steps time in 5-minute steps and weekday by name', () => {
    const onSave = edit(field('time'), '23:55');
    tap('Naikkan Menit');
    tap('Simpan');
    expect(onSave).toHaveBeenCalledWith('23:00');
    cleanup();
    const onDay = edit(field('hari'));
    tap('Jumat');
    tap('Simpan');
    expect(onDay).toHaveBeenCalledWith('Jumat');
  });

  it('chooses one of a select field\'s options', () => {
    const onSave = edit(field('select', { options: [{ label: 'Jasa', value: 'Jasa' }, { label: 'Pertanian', value: 'Pertanian' }] }));
    tap('Pertanian');
    expect(screen.getByRole('button', { name: /Pertanian/ }).getAttribute('aria-pressed')).toBe('true');
    tap('Simpan');
    expect(onSave).toHaveBeenCalledWith('Pertanian');
  });
});
