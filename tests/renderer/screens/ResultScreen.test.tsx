import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IdentifiedResident, KioskBridge, LetterDefinition, PrintResult, ReceiptState, SubmittedRequest } from '../../../src/shared/contract';
import { calls } from '../../../src/shared/contract';
import { App } from '../../../src/renderer/App';
import { createI18n } from '../../../src/renderer/i18n';
import { resultPromptText, resultWords } from '../../../src/renderer/result-words';
import { createFakeBridge } from '../fake-bridge';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const resident: IdentifiedResident = { name: 'Budi Santoso', maskedNik: '320101******0001', online: true, phone: '081234567890' };
const letter: LetterDefinition = { id: 7, code: 'S-01', name: 'Surat Keterangan Penduduk', timesRequested: 0, fields: [], requirements: [] };

/** A kiosk where Budi signs in and sends a letter with no questions; the receipt ends as `receipt` (or keeps printing). */
function renderErrand(submitted: SubmittedRequest, receipt: ReceiptState) {
  const fake = createFakeBridge();
  const bridge: KioskBridge = {
    calls: {
      ...fake.bridge.calls,
      'session.identify': async () => ({ ok: true, value: resident }),
      'letters.list': async () => ({ ok: true, value: { letters: [letter], fetchedAt: '2026-12-01T03:00:00.000Z', fromCache: false } }),
      'requests.submit': async () => ({ ok: true, value: submitted }),
      'printing.receiptState': async () => ({ ok: true, value: receipt }),
    },
    on: fake.bridge.on,
  };
  render(
    <I18nextProvider i18n={createI18n('id')}>
      <App api={bridge} beep={() => true} />
    </I18nextProvider>,
  );
  return fake;
}

function tap(name: string | RegExp): void {
  fireEvent.click(screen.getByRole('button', { name }));
}

function progress(): string | null {
  return document.querySelector('.step-progress')?.textContent ?? null;
}

/** From the attract screen to the result, checking the one step count on the way. */
async function sendLetter(): Promise<void> {
  tap(await screen.findByText('Sentuh layar untuk mulai').then(() => 'Sentuh layar untuk mulai'));
  expect(progress()).toBe('Langkah 1 dari 5');
  for (const digit of '3201011501900001') tap(new RegExp(`^${digit}$`));
  tap('Lanjut');
  expect(progress()).toBe('Langkah 1 dari 5');
  for (const digit of '123456') tap(new RegExp(`^${digit}$`));
  tap('Lanjut');
  tap(await screen.findByText('Ajukan Surat').then(() => /Ajukan Surat/));
  await screen.findByText('Surat Keterangan Penduduk');
  expect(progress()).toBe('Langkah 2 dari 5');
  tap(/Surat Keterangan Penduduk/);
  expect(progress()).toBe('Langkah 3 dari 5');
  tap('Lanjut');
  expect(progress()).toBe('Langkah 4 dari 5');
  tap('Kirim Permohonan');
  await screen.findByText('Permohonan tersimpan');
  expect(progress()).toBe('Langkah 5 dari 5');
}

/** What the result screen itself says about the request: its state, the receipt, and the next steps, in order. */
function screenWords(): string {
  const parts = [...document.querySelectorAll('.result-state, .print-state, .result-next li')].map((node) => node.textContent?.trim());
  return parts.join(' ');
}

const submitted = (verified: boolean): SubmittedRequest => ({
  reference: 'ADM-0001-AB12',
  queueNumber: 'A-007',
  letterName: letter.name,
  createdAt: '2026-12-01T03:15:00.000Z',
  verified,
});

describe('the result screen', () => {
  it('counts the errand in one sequence, and its help says exactly what the screen says when the request is sent and the receipt printed', async () => {
    renderErrand(submitted(true), { printing: false, outcome: 'printed', status: 'ready' });
    await sendLetter();
    await screen.findByText('Bukti sudah tercetak. Ambil kertasnya di printer.');
    expect(screen.getByText('Permohonan sedang dikirim ke kantor desa.')).toBeTruthy();
    // Holding the receipt, the resident need not copy the reference.
    expect(screen.queryByText('Catat atau foto nomor referensi di atas.')).toBeNull();
    tap('Bantuan');
    expect(screen.getByRole('dialog').querySelector('p')?.textContent).toBe(screenWords());
    expect(screenWords()).toContain('Lihat status di menu Permohonan Saya pada kunjungan berikutnya.');
  });

  it('says the same on screen, in its help and in its spoken prompt while the request waits for the connection and the printer has no paper', async () => {
    const play = vi.fn(async () => {});
    vi.stubGlobal('Audio', vi.fn(function (this: { play: typeof play; pause(): void }) { this.play = play; this.pause = () => {}; }));
    const fake = renderErrand(submitted(false), { printing: true });
    await sendLetter();
    expect(screen.getByText('Mencetak bukti...')).toBeTruthy();
    const paperOut: PrintResult = { outcome: 'not-printed', status: 'paper-out' };
    act(() => fake.push('printing.receipt', { reference: 'ADM-0001-AB12', result: paperOut }));
    await screen.findByText(/Printer kehabisan kertas/);
    expect(screen.getByText('Catat atau foto nomor referensi di atas.')).toBeTruthy();
    expect(document.querySelector('.result-state-waiting')).not.toBeNull();

    tap('Bantuan');
    const help = screen.getByRole('dialog').querySelector('p')?.textContent;
    expect(help).toBe(screenWords());
    expect(help).toContain('Printer kehabisan kertas');
    tap('Tutup');

    tap('Dengarkan');
    await vi.waitFor(() => expect(play).toHaveBeenCalledTimes(1));
    const spoken = fake.speak.mock.lastCall?.[0].text ?? '';
    // The state and every next step as the screen words them.
    for (const node of document.querySelectorAll('.result-state, .result-next li')) expect(spoken).toContain(node.textContent?.trim());
  });

  it('has a prompt the core can speak for every case, in both languages: no digits, within voice.speak\'s length', () => {
    const receipts: Array<PrintResult | null> = [
      null,
      { outcome: 'printed', status: 'ready' },
      { outcome: 'sent-unconfirmed', status: null },
      { outcome: 'interrupted', status: null },
      { outcome: 'not-printed', status: 'paper-out' },
      { outcome: 'not-printed', status: null },
    ];
    for (const language of ['id', 'en'] as const) {
      const { t } = createI18n(language);
      for (const verified of [true, false]) {
        for (const receipt of receipts) {
          const text = resultPromptText(resultWords(t, { verified }, receipt));
          // The core refuses digits in a prompt (a NIK or PIN is never spoken).
          expect(text).not.toMatch(/\d/);
          expect(calls['voice.speak'].input.safeParse({ text, language }).success, text).toBe(true);
        }
      }
    }
  });
});
