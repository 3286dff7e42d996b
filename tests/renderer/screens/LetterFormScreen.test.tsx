import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LetterDefinition } from '../../../src/shared/contract';
import { App } from '../../../src/renderer/App';
import { createI18n } from '../../../src/renderer/i18n';
import { createFakeBridge } from '../fake-bridge';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const domicile: LetterDefinition = {
  id: 7,
  code: 'S-12',
  name: 'Surat Keterangan Domisili',
  timesRequested: 0,
  fields: [
    { type: 'textarea', name: 'keperluan', label: 'Keperluan', required: true, placeholder: null, options: [] },
    { type: 'number', name: 'lama_tinggal', label: 'Lama Tinggal', required: true, placeholder: null, options: [] },
  ],
  requirements: [],
};

const tap = (name: string | RegExp) => fireEvent.click(screen.getByRole('button', { name }));

/** Signed in as Budi, "Keterangan Domisili" picked: its first field is open in the editor. */
async function openEditor() {
  const fake = createFakeBridge();
  fake.identify.mockResolvedValue({ ok: true, value: { name: 'Budi Santoso', maskedNik: '320101******0001', online: true, phone: '081234567801' } } as never);
  vi.spyOn(fake.bridge.calls, 'letters.list').mockResolvedValue({ ok: true, value: { letters: [domicile], fetchedAt: '2026-12-01T03:00:00.000Z', fromCache: false } });
  render(
    <I18nextProvider i18n={createI18n('id')}>
      <App api={fake.bridge} beep={() => true} />
    </I18nextProvider>,
  );
  tap(await screen.findByText('Sentuh layar untuk mulai').then(() => 'Sentuh layar untuk mulai'));
  for (const digit of '3201011501900001') tap(new RegExp(`^${digit}$`));
  tap('Lanjut');
  for (const digit of '123456') tap(new RegExp(`^${digit}$`));
  tap('Lanjut');
  tap(await screen.findByText(/Ajukan Surat/).then(() => /Ajukan Surat/));
  fireEvent.click(await screen.findByRole('button', { name: /Keterangan Domisili/ }));
  return fake;
}

const typed = () => document.querySelector('.editor-value')?.textContent;

describe('the field editor on the resident\'s errand', () => {
  it('is a step screen: the field as its title, the letter, the step of its form, an example, and Kembali, Batal and Simpan', async () => {
    await openEditor();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Keperluan');
    expect(screen.getByText('Surat Keterangan Domisili')).toBeTruthy();
    expect(screen.getByText('Langkah 3 dari 5')).toBeTruthy();
    expect(screen.getByText('Budi Santoso')).toBeTruthy();
    expect(screen.getByText('Contoh: untuk melamar pekerjaan')).toBeTruthy();
    for (const name of ['Dengarkan', 'Bantuan', 'Huruf besar', 'Kontras tinggi', 'English', 'Kembali', 'Batalkan permohonan', 'Simpan']) {
      expect(screen.getByRole('button', { name }), name).toBeTruthy();
    }
    // A number has nothing to copy from an example.
    for (const key of 'KERJA') tap(key);
    tap('Simpan');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Lama Tinggal');
    expect(screen.queryByText(/^Contoh:/)).toBeNull();
  });

  it('keeps what was typed when the resident switches the language or large text', async () => {
    await openEditor();
    for (const key of 'KERJA') tap(key);
    tap('English');
    expect(typed()).toBe('KERJA');
    expect(screen.getByText('For example: to apply for a job')).toBeTruthy();
    tap('Large text');
    expect(document.querySelector('.kiosk')?.classList.contains('large-text')).toBe(true);
    expect(typed()).toBe('KERJA');
    tap('Bahasa Indonesia');
    tap('Huruf besar');
    expect(typed()).toBe('KERJA');
    tap('Simpan');
    tap('Kembali'); // leaves "Lama Tinggal" as it was
    expect(screen.getByText('KERJA')).toBeTruthy(); // on the form's list of fields
  });

  it('asks before "Batalkan permohonan" throws away what is typed but not yet saved', async () => {
    const fake = await openEditor();
    for (const key of 'KER') tap(key);
    tap('Batalkan permohonan');
    expect(screen.getByRole('alertdialog').textContent).toContain('Buang isian permohonan ini?');
    tap('Lanjutkan mengisi');
    expect(typed()).toBe('KER');
    tap('Batalkan permohonan');
    tap('Ya, buang isian');
    expect(await screen.findByText(/Ajukan Surat/)).toBeTruthy();
    expect(fake.end).not.toHaveBeenCalled(); // back to the menu, still signed in
  });

  it('has help and a spoken prompt about the field it has open', async () => {
    const play = vi.fn(async () => {});
    vi.stubGlobal('Audio', vi.fn(function (this: { play: typeof play; pause(): void }) { this.play = play; this.pause = () => {}; }));
    const fake = await openEditor();
    tap('Bantuan');
    expect(screen.getByRole('dialog').textContent).toContain('Isi Keperluan dengan tombol di layar, lalu sentuh Simpan; contohnya: untuk melamar pekerjaan.');
    tap('Panggil petugas');
    expect(fake.callStaff).toHaveBeenCalledWith({ screen: 'editor' });
    tap('Dengarkan');
    await vi.waitFor(() => expect(fake.speak).toHaveBeenLastCalledWith({ text: 'Isi Keperluan, lalu sentuh Simpan. Contohnya: untuk melamar pekerjaan.', language: 'id' }));
    tap('English');
    tap('Listen');
    await vi.waitFor(() => expect(fake.speak).toHaveBeenLastCalledWith({ text: 'Fill in Keperluan, then touch Save. For example: to apply for a job.', language: 'en' }));
    for (const key of 'KERJA') tap(key);
    tap('Save');
    tap('Help');
    expect(screen.getByRole('dialog').textContent).toContain('Fill in Lama Tinggal with the buttons on the screen, then touch Save. Touch Back');
  });
});
