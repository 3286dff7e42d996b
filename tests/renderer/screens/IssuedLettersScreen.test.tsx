import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../src/shared/result';
import type { IssuedLetter, IssuedLetters } from '../../../src/shared/signed-letters';
import { createI18n } from '../../../src/renderer/i18n';
import { IssuedLettersScreen } from '../../../src/renderer/screens/IssuedLettersScreen';
import { createFakeBridge } from '../fake-bridge';

afterEach(cleanup);

const resident = { name: 'Budi Santoso', maskedNik: '320101******0001', online: true, phone: null };

const signed: IssuedLetter = { id: '41', number: '474/12/2026', name: 'Keterangan Domisili', official: 'Siti Aminah', date: '2026-12-05', signature: 'signed', printable: true, printsLeftToday: 1 };
const waiting: IssuedLetter = { id: '40', number: '474/11/2026', name: 'Pengantar SKCK', official: 'Siti Aminah', date: '2026-12-03', signature: 'waiting', printable: false, printsLeftToday: 1 };
const counter: IssuedLetter = { id: '39', number: null, name: null, official: null, date: null, signature: 'counter', printable: false, printsLeftToday: 1 };

function show(answer: Result<IssuedLetters> | Promise<Result<IssuedLetters>>, language: 'id' | 'en' = 'id') {
  const fake = createFakeBridge();
  const issued = vi.fn(async () => answer);
  Object.assign(fake.bridge.calls, { 'letters.issued': issued });
  const onPrint = vi.fn();
  const onBack = vi.fn();
  const onLogout = vi.fn();
  const i18n = createI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <IssuedLettersScreen api={fake.bridge} resident={resident} timeZone="Asia/Jakarta" onPrint={onPrint} onBack={onBack} onLogout={onLogout} />
    </I18nextProvider>,
  );
  return { issued, onPrint, onBack, onLogout, i18n };
}

const statuses = () => [...document.querySelectorAll('.status-chip')].map((node) => node.textContent?.replace(/^\S+\s/, ''));
const printButtons = () => screen.queryAllByRole('button', { name: /^Cetak / });

describe('Surat Saya', () => {
  it('says it is loading, then lists the letters newest first with plain status words', async () => {
    let answer: (result: Result<IssuedLetters>) => void = () => {};
    const { issued } = show(new Promise((resolve) => (answer = resolve)));
    expect(screen.getByText('Memuat...').getAttribute('aria-busy')).toBe('true');
    await act(async () => answer({ ok: true, value: { letters: [signed, waiting, counter], printingOffered: true } }));
    expect(issued).toHaveBeenCalledWith({});
    expect([...document.querySelectorAll('.request-name')].map((node) => node.textContent)).toEqual(['Surat Keterangan Domisili', 'Surat Pengantar SKCK', 'Surat']);
    expect(statuses()).toEqual(['Siap dicetak', 'Menunggu tanda tangan', 'Ambil di kantor desa']);
    // Number, date as residents write it, and the official; a letter without them shows none.
    expect([...document.querySelectorAll('.request-meta')].map((node) => node.textContent)).toEqual(['No. 474/12/2026 · 5 Desember 2026 · Siti Aminah', 'No. 474/11/2026 · 3 Desember 2026 · Siti Aminah']);
  });

  it('offers Cetak only on a signed letter this kiosk may print, and opens that letter', async () => {
    const { onPrint } = show({ ok: true, value: { letters: [signed, waiting, counter], printingOffered: true } });
    await screen.findByText('Siap dicetak');
    expect(printButtons().map((button) => button.getAttribute('aria-label'))).toEqual(['Cetak Surat Keterangan Domisili']);
    fireEvent.click(printButtons()[0]!);
    expect(onPrint).toHaveBeenCalledWith(signed);
  });

  it('says a letter printed as often as allowed today needs the staff, before the resident tries', async () => {
    show({ ok: true, value: { letters: [{ ...signed, printsLeftToday: 0 }], printingOffered: true } });
    await screen.findByText('Sudah dicetak hari ini — minta bantuan petugas untuk mencetak lagi');
    expect(printButtons()).toEqual([]);
  });

  it('where the kiosk prints no letters, sends signed letters to the counter and offers no Cetak', async () => {
    show({ ok: true, value: { letters: [{ ...signed, printable: false }, waiting], printingOffered: false } });
    await screen.findByText('Menunggu tanda tangan');
    expect(statuses()).toEqual(['Sudah ditandatangani — ambil di kantor desa', 'Menunggu tanda tangan']);
    expect(screen.getByText(/Surat yang sudah selesai diambil di kantor desa/)).toBeTruthy();
    expect(printButtons()).toEqual([]);
  });

  it('says an offline session cannot list letters: the list is on the village server', async () => {
    show({ ok: false, error: { code: 'needs-connection' } });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Daftar surat perlu sambungan ke sistem desa, dan kios sedang tidak terhubung. Silakan coba lagi nanti atau tanyakan ke petugas.',
    );
    expect(document.querySelector('.request-list')).toBeNull();
  });

  it('says when there are no letters yet, and words any other refusal as errors do', async () => {
    show({ ok: true, value: { letters: [], printingOffered: true } });
    await screen.findByText('Belum ada surat untuk Anda.');
    cleanup();
    show({ ok: false, error: { code: 'letter-printing-off' } });
    expect((await screen.findByRole('alert')).textContent).toBe('Kios ini belum dapat mencetak surat. Silakan ambil surat Anda di kantor desa.');
  });

  it('rewords the list when the resident switches language', async () => {
    const { i18n } = show({ ok: true, value: { letters: [signed, waiting, counter], printingOffered: true } });
    await screen.findByText('Siap dicetak');
    await act(async () => void (await i18n.changeLanguage('en')));
    expect(statuses()).toEqual(['Ready to print', 'Waiting for signature', 'Collect at the village office']);
    expect(screen.getByRole('button', { name: 'Print Certificate of residence' })).toBeTruthy();
  });

  it('goes back to the menu, or signs out', async () => {
    const { onBack, onLogout } = show({ ok: true, value: { letters: [], printingOffered: true } });
    fireEvent.click(screen.getByRole('button', { name: 'Kembali' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keluar' }));
    expect(onBack).toHaveBeenCalledOnce();
    expect(onLogout).toHaveBeenCalledOnce();
  });
});
