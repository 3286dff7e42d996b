import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IdentifiedResident, LetterDefinition, SubmittedRequest } from '../../../src/shared/contract';
import { App } from '../../../src/renderer/App';
import { createI18n } from '../../../src/renderer/i18n';
import { kioskReducer, type KioskState, type LetterDraft } from '../../../src/renderer/kiosk-state';
import { LetterFormScreen } from '../../../src/renderer/screens/LetterFormScreen';
import { createFakeBridge } from '../fake-bridge';
import { renderOnReducer } from '../reducer-harness';

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

const budi: IdentifiedResident = { name: 'Budi Santoso', maskedNik: '320101******0001', online: true, phone: null };

/** The form screen on its own, on the kiosk reducer; `draft` changes the freshly opened form. */
function showForm(draft: Partial<LetterDraft> = {}, fake = createFakeBridge()) {
  const opened = kioskReducer({ screen: 'menu', resident: budi }, { type: 'open-letter', letter: domicile }) as Extract<KioskState, { screen: 'form' }>;
  const onBackToList = vi.fn();
  const onCancel = vi.fn();
  const harness = renderOnReducer({ ...opened, draft: { ...opened.draft, ...draft } }, (state, dispatch) =>
    state.screen === 'form' ? (
      <LetterFormScreen
        api={fake.bridge}
        resident={state.resident}
        draft={state.draft}
        dispatch={dispatch}
        onBackToList={onBackToList}
        onCancel={onCancel}
        timeZone="Asia/Jakarta"
        officePhone="0221234567"
      />
    ) : (
      <p>{state.screen}</p>
    ),
  );
  const form = () => {
    const now = harness.state();
    if (now.screen !== 'form') throw new Error(`on ${now.screen}, not the form`);
    return now.draft;
  };
  return { ...harness, fake, form, onBackToList, onCancel };
}

const filled = { keperluan: 'MELAMAR KERJA', lama_tinggal: '12' };
const fieldErrors = () => [...document.querySelectorAll('.field-error')].map((node) => node.textContent);

describe('the letter form on its own', () => {
  it('keeps a field problem from the core as a code and words it when drawn, so switching the language rewords it on screen', async () => {
    const fake = createFakeBridge();
    const submit = vi.spyOn(fake.bridge.calls, 'requests.submit').mockResolvedValue({ ok: false, error: { code: 'validation', fields: { lama_tinggal: 'number' } } });
    const { form } = showForm({ step: 'confirm', editing: null, answers: filled, phone: '081234567801' }, fake);
    tap('Kirim Permohonan');
    await screen.findByText('Isi formulir');
    expect(submit).toHaveBeenCalledWith({ letterId: 7, answers: filled, requirements: {}, phone: '081234567801', noPhone: false, note: null });
    expect(form().errors).toEqual({ lama_tinggal: 'number' });
    expect(fieldErrors()).toEqual(['! Isi dengan angka saja.']);
    expect(document.querySelector('.field-card-error')?.textContent).toContain('Lama Tinggal');

    tap('English');
    expect(fieldErrors()).toEqual(['! Digits only.']);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Fill in the form');
    tap('Bahasa Indonesia');
    expect(fieldErrors()).toEqual(['! Isi dengan angka saja.']);
  });

  it('Lanjut on an incomplete form opens the first missing field; back on the list each missing one says it must be filled, in either language', async () => {
    const { form, i18n } = showForm({ editing: null });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Isi formulir');
    tap('Lanjut');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Keperluan');
    expect(form().errors).toEqual({ keperluan: 'required', lama_tinggal: 'required' });
    tap('Kembali');
    expect(fieldErrors()).toEqual(['! Wajib diisi.', '! Wajib diisi.']);
    await act(async () => void (await i18n.changeLanguage('en')));
    expect(fieldErrors()).toEqual(['! Required.', '! Required.']);
    // Filling a field in takes its problem away.
    tap(/Keperluan/);
    for (const key of 'KERJA') tap(key);
    tap('Save');
    expect(fieldErrors()).toEqual(['! Required.']);
  });

  it('a required field in the editor says it must be filled when Simpan is tapped empty, and says it again in English', () => {
    const { form } = showForm();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Keperluan');
    expect(screen.queryByRole('alert')).toBeNull();
    tap('Simpan');
    expect(screen.getByRole('alert').textContent).toBe('Wajib diisi.');
    expect(form().answers.keperluan).toBe('');
    tap('English');
    expect(screen.getByRole('alert').textContent).toBe('Required.');
  });

  it('a phone number that is too short is refused on the phone step, reworded when the language changes', () => {
    const { form } = showForm({ step: 'phone', editing: null, answers: filled });
    for (const digit of '0812') tap(new RegExp(`^${digit}$`));
    tap('Lanjut');
    expect(form()).toMatchObject({ step: 'phone', errors: { phone: 'phone' } });
    expect(screen.getByRole('alert').textContent).toBe('Nomor HP harus 8 sampai 15 angka.');
    tap('English');
    expect(screen.getByRole('alert').textContent).toBe('A phone number has 8 to 15 digits.');
    // The next digit takes the problem away.
    tap(/^5$/);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('sends the request and hands over what the core stored; a refusal stays on the check step in words', async () => {
    const fake = createFakeBridge();
    const stored: SubmittedRequest = { reference: 'ADM-0001-AB12', queueNumber: 'A-007', letterName: domicile.name, createdAt: '2026-12-01T03:15:00.000Z', verified: true };
    const submit = vi
      .spyOn(fake.bridge.calls, 'requests.submit')
      .mockResolvedValueOnce({ ok: false, error: { code: 'session-ended' } })
      .mockResolvedValueOnce({ ok: true, value: stored });
    const { state, i18n } = showForm({ step: 'confirm', editing: null, answers: filled, phone: '081234567801' }, fake);
    expect(screen.getByText('MELAMAR KERJA')).toBeTruthy();
    tap('Kirim Permohonan');
    expect((await screen.findByRole('alert')).textContent).toBe('Sesi sudah berakhir. Silakan masuk lagi dengan NIK dan PIN.');
    await act(async () => void (await i18n.changeLanguage('en')));
    expect(screen.getByRole('alert').textContent).toBe('The session has ended. Please sign in again with your NIK and PIN.');
    tap('Send Request');
    await screen.findByText('done');
    expect(submit).toHaveBeenCalledTimes(2);
    expect(state()).toEqual({ screen: 'done', resident: budi, submitted: stored, receipt: null });
  });
});
