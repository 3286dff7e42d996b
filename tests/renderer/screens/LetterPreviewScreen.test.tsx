import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../src/shared/result';
import { LETTER_PRINT_FAILURE, type IssuedLetter, type LetterFile, type LetterPrintState } from '../../../src/shared/signed-letters';
import { createI18n } from '../../../src/renderer/i18n';
import { LetterPreviewScreen } from '../../../src/renderer/screens/LetterPreviewScreen';
import { renderLetterPages } from '../../../src/renderer/pdf/render-pdf';
import { createFakeBridge } from '../fake-bridge';

// pdf.js needs a real canvas: the screen's lazily loaded module is replaced by one that "draws" a picture per page.
vi.mock('../../../src/renderer/pdf/render-pdf', () => ({ renderLetterPages: vi.fn() }));
const drawPages = vi.mocked(renderLetterPages);

afterEach(cleanup);
beforeEach(() => {
  drawPages.mockReset();
  drawPages.mockImplementation(async () => ['data:image/png;base64,AAAA', 'data:image/png;base64,BBBB']);
});

const resident = { name: 'Budi Santoso', maskedNik: '320101******0001', online: true, phone: null };
const letter: IssuedLetter = { id: '41', number: '474/12/2026', name: 'Keterangan Domisili', official: 'Siti Aminah', date: '2026-12-05', signature: 'signed', printable: true, printsLeftToday: 1 };
const file: LetterFile = { pdf: 'JVBERi0xLjcK', pages: 2 };

function show(options: { file?: Result<LetterFile>; print?: () => Promise<Result<{ printId: string }>> } = {}) {
  const fake = createFakeBridge();
  const fetchFile = vi.fn(async (_input: { id: string }) => options.file ?? { ok: true as const, value: file });
  /** For each print call: whether the screen was already listening for the job's states. */
  const listeningAtCall: boolean[] = [];
  const print = vi.fn(async (_input: { id: string }) => {
    listeningAtCall.push(fake.listens('letters.printStatus'));
    return options.print ? options.print() : { ok: true as const, value: { printId: 'p-1' } };
  });
  Object.assign(fake.bridge.calls, { 'letters.file': fetchFile, 'letters.print': print });
  const onBack = vi.fn();
  const onLogout = vi.fn();
  const i18n = createI18n('id');
  const view = render(
    <I18nextProvider i18n={i18n}>
      <LetterPreviewScreen api={fake.bridge} resident={resident} letter={letter} onBack={onBack} onLogout={onLogout} />
    </I18nextProvider>,
  );
  const status = (printId: string, state: LetterPrintState) => act(async () => fake.push('letters.printStatus', { printId, letterId: letter.id, state }));
  return { fake, fetchFile, print, listeningAtCall, onBack, onLogout, i18n, status, unmount: view.unmount };
}

const printButton = () => screen.getByRole('button', { name: /^(Cetak surat|Sedang dicetak\.\.\.)$/ }) as HTMLButtonElement;
const progress = () => document.querySelector('.print-progress')?.textContent ?? null;

describe('the letter preview', () => {
  it('fetches the listed letter, draws every page from the lazily loaded pdf module and says how many', async () => {
    const { fetchFile } = show();
    expect(fetchFile).toHaveBeenCalledWith({ id: '41' });
    const pages = await screen.findAllByRole('img');
    expect(pages.map((page) => page.getAttribute('alt'))).toEqual(['Halaman 1 dari 2', 'Halaman 2 dari 2']);
    expect(pages[0]!.getAttribute('src')).toBe('data:image/png;base64,AAAA');
    expect(drawPages).toHaveBeenCalledWith('JVBERi0xLjcK', expect.any(Number));
    expect(screen.getByText('2 halaman')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Surat Keterangan Domisili');
    expect(printButton().disabled).toBe(false);
  });

  it('prints: "Sedang dicetak" while CUPS has the job, "Selesai" only after it reports the job completed', async () => {
    const { fake, print, listeningAtCall, status, onLogout } = show();
    await screen.findAllByRole('img');
    fireEvent.click(printButton());
    // Listening began before the call, so no state of the job can be missed.
    expect(print).toHaveBeenCalledWith({ id: '41' });
    expect(listeningAtCall).toEqual([true]);
    await act(async () => {});
    expect(progress()).toBe('Sedang dicetak...');
    expect(printButton().disabled).toBe(true);
    await status('p-1', { phase: 'printing' });
    expect(progress()).toBe('Sedang dicetak...');
    expect(screen.queryByText(/Selesai, silakan ambil/)).toBeNull();
    await status('p-1', { phase: 'waiting-printer', status: 'media-empty' });
    expect(progress()).toBe('Printer surat kehabisan kertas. Surat Anda menunggu; silakan minta bantuan petugas.');
    await status('p-1', { phase: 'completed' });
    expect(progress()).toBe('Selesai, silakan ambil surat Anda di printer.');
    // The job is over: the screen stops listening, and "Selesai" ends the visit.
    expect(fake.listens('letters.printStatus')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Selesai' }));
    expect(onLogout).toHaveBeenCalledOnce();
    expect(print).toHaveBeenCalledOnce();
  });

  it("ignores another print's states", async () => {
    const { status } = show();
    await screen.findAllByRole('img');
    fireEvent.click(printButton());
    await act(async () => {});
    await status('p-other', { phase: 'completed' });
    expect(progress()).toBe('Sedang dicetak...');
    await status('p-other', { phase: 'failed', reason: 'aborted' });
    expect(progress()).toBe('Sedang dicetak...');
  });

  it('keeps a state that came before the call answered (the job was quick), and only its own', async () => {
    let answer: (result: Result<{ printId: string }>) => void = () => {};
    const { status } = show({ print: () => new Promise((resolve) => (answer = resolve)) });
    await screen.findAllByRole('img');
    fireEvent.click(printButton());
    await status('p-other', { phase: 'failed', reason: 'canceled' });
    await status('p-7', { phase: 'completed' });
    await act(async () => answer({ ok: true, value: { printId: 'p-7' } }));
    expect(progress()).toBe('Selesai, silakan ambil surat Anda di printer.');
  });

  it('words each reason a print failed, and then offers the way back to Surat Saya', async () => {
    const words: Record<(typeof LETTER_PRINT_FAILURE)[number], string> = {
      'printer-stopped': 'Surat tidak tercetak: printer surat berhenti. Silakan minta bantuan petugas.',
      'media-empty': 'Surat tidak tercetak: printer kehabisan kertas. Silakan minta bantuan petugas.',
      'printer-offline': 'Surat tidak tercetak: printer tidak tersambung. Silakan minta bantuan petugas.',
      'printer-error': 'Surat tidak tercetak: printer bermasalah. Silakan minta bantuan petugas.',
      aborted: 'Pencetakan dihentikan oleh sistem printer; surat mungkin tidak lengkap. Silakan minta bantuan petugas.',
      canceled: 'Pencetakan dibatalkan. Silakan minta bantuan petugas.',
      unknown: 'Printer belum memberi kabar apakah surat sudah tercetak. Tanyakan ke petugas.',
    };
    for (const reason of LETTER_PRINT_FAILURE) {
      const { status, onBack } = show();
      await screen.findAllByRole('img');
      fireEvent.click(printButton());
      await act(async () => {});
      await status('p-1', { phase: 'failed', reason });
      expect(progress(), reason).toBe(words[reason]);
      expect(screen.queryByText(/Selesai/), reason).toBeNull();
      fireEvent.click(screen.getByRole('button', { name: 'Kembali ke Surat Saya' }));
      expect(onBack, reason).toHaveBeenCalledOnce();
      cleanup();
    }
  });

  it("says why the core refused the print; today's limit cannot be tried again", async () => {
    const { print } = show({ print: async () => ({ ok: false, error: { code: 'letter-print-limit', params: { count: 1 } } }) });
    await screen.findAllByRole('img');
    fireEvent.click(printButton());
    expect((await screen.findByRole('alert')).textContent).toBe('Surat ini sudah dicetak 1 kali hari ini. Untuk mencetak lagi, silakan minta bantuan petugas.');
    expect(printButton().disabled).toBe(true);
    expect(print).toHaveBeenCalledOnce();
  });

  it('may try again after a printer problem the staff can fix', async () => {
    let call = 0;
    const { print } = show({ print: async () => (call++ === 0 ? { ok: false, error: { code: 'letter-printer-problem', params: { status: 'media-empty' } } } : { ok: true, value: { printId: 'p-2' } }) });
    await screen.findAllByRole('img');
    fireEvent.click(printButton());
    // The printer's own problem is named, so the staff know what to fix.
    expect((await screen.findByRole('alert')).textContent).toBe('Kertas printer surat habis, jadi tidak ada yang dicetak. Silakan minta petugas mengisi kertas.');
    expect(printButton().disabled).toBe(false);
    fireEvent.click(printButton());
    await act(async () => {});
    expect(progress()).toBe('Sedang dicetak...');
    expect(print).toHaveBeenCalledTimes(2);
  });

  it('a missing file: says to ask the staff, and offers no print', async () => {
    show({ file: { ok: false, error: { code: 'letter-file-missing' } } });
    expect((await screen.findByRole('alert')).textContent).toBe('Berkas surat tidak ditemukan di sistem desa. Silakan tanyakan ke petugas di kantor desa.');
    expect(screen.queryByRole('button', { name: 'Cetak surat' })).toBeNull();
    expect(drawPages).not.toHaveBeenCalled();
  });

  it('pages pdf.js cannot draw: says so, and the checked letter can still be printed', async () => {
    drawPages.mockImplementation(async () => {
      throw new Error('bad XRef');
    });
    show();
    await screen.findByText('Tampilan surat tidak dapat dibuat, tetapi surat tetap dapat dicetak.');
    expect(printButton().disabled).toBe(false);
  });

  it('does nothing with an answer or a state that comes after the resident left', async () => {
    let answer: (result: Result<{ printId: string }>) => void = () => {};
    const { fake, unmount } = show({ print: () => new Promise((resolve) => (answer = resolve)) });
    await screen.findAllByRole('img');
    fireEvent.click(printButton());
    unmount();
    expect(fake.listens('letters.printStatus')).toBe(false);
    const errors = vi.spyOn(console, 'error');
    await act(async () => answer({ ok: true, value: { printId: 'p-1' } }));
    expect(fake.listens('letters.printStatus')).toBe(false);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});
