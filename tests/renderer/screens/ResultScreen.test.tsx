import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IdentifiedResident, KioskBridge, LetterDefinition, PrintResult, ReceiptState, SubmittedRequest } from '../../../src/shared/contract';
import { calls } from '../../../src/shared/contract';
import { App } from '../../../src/renderer/App';
import { createI18n } from '../../../src/renderer/i18n';
import { resultPromptText, resultWords } from '../../../src/renderer/result-words';
import type { Result } from '../../../src/shared/result';
import type { KioskAction } from '../../../src/renderer/kiosk-state';
import { ResultScreen } from '../../../src/renderer/screens/ResultScreen';
import { createFakeBridge } from '../fake-bridge';
import { renderOnReducer } from '../reducer-harness';

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
    // The screen follows the job from an effect; a busy machine may paint it before that runs.
    await vi.waitFor(() => expect(fake.listens('printing.receipt')).toBe(true));
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

/** The result screen on its own, on the kiosk reducer as App puts it; the core's receipt job answers `receipt`. */
function showResult(request: SubmittedRequest, receipt: Result<ReceiptState>) {
  const fake = createFakeBridge();
  const receiptState = vi.fn(async (_input: { reference: string }) => receipt);
  Object.assign(fake.bridge.calls, { 'printing.receiptState': receiptState });
  const onDone = vi.fn();
  const onMyRequests = vi.fn();
  // One function for the screen's whole life, as App's is (the screen follows the job with it).
  let send: (action: KioskAction) => void = () => {};
  const onReceipt = (reference: string, result: PrintResult) => send({ type: 'receipt-printed', reference, result });
  const harness = renderOnReducer({ screen: 'done', resident, submitted: request, receipt: null }, (state, dispatch) => {
    send = dispatch;
    return state.screen === 'done' ? (
      <ResultScreen
        api={fake.bridge}
        submitted={state.submitted}
        receipt={state.receipt}
        onReceipt={onReceipt}
        onDone={onDone}
        onMyRequests={onMyRequests}
      />
    ) : null;
  });
  return { ...harness, fake, receiptState, onDone, onMyRequests };
}

const nextSteps = () => [...document.querySelectorAll('.result-next li')].map((node) => node.textContent);

describe('the result screen on its own', () => {
  it('shows the queue number and reference, follows the core\'s receipt job and ignores another request\'s', async () => {
    const { fake, receiptState } = showResult(submitted(true), { ok: true, value: { printing: true } });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Permohonan tersimpan');
    expect(screen.getByText('Surat Keterangan Penduduk')).toBeTruthy();
    expect(document.querySelector('.result-queue')?.textContent).toBe('A-007');
    expect(document.querySelector('.result-reference-inline')?.textContent).toBe('ADM-0001-AB12');
    expect(screen.getByText('Permohonan sedang dikirim ke kantor desa.')).toBeTruthy();
    await vi.waitFor(() => expect(receiptState).toHaveBeenCalledWith({ reference: 'ADM-0001-AB12' }));
    expect(screen.getByText('Mencetak bukti...').getAttribute('aria-busy')).toBe('true');
    act(() => fake.push('printing.receipt', { reference: 'ADM-0002-CD34', result: { outcome: 'not-printed', status: 'paper-out' } }));
    expect(screen.getByText('Mencetak bukti...')).toBeTruthy();
    act(() => fake.push('printing.receipt', { reference: 'ADM-0001-AB12', result: { outcome: 'printed', status: 'ready' } }));
    expect(screen.getByText('Bukti sudah tercetak. Ambil kertasnya di printer.')).toBeTruthy();
    expect(nextSteps()).toEqual(['Bawa persyaratan asli ke Kantor Desa.', 'Lihat status di menu Permohonan Saya pada kunjungan berikutnya.']);
  });

  it('a receipt that could not be printed says so as an alert and asks the resident to note the reference', async () => {
    showResult(submitted(true), { ok: false, error: { code: 'receipt-unknown' } });
    const problem = await screen.findByText(/Bukti tidak dapat dicetak/);
    expect(problem.closest('[role="alert"]')).not.toBeNull();
    expect(nextSteps()[0]).toBe('Catat atau foto nomor referensi di atas.');
  });

  it('a request that waits for the connection says so, and every word follows a language switch', async () => {
    const { i18n } = showResult(submitted(false), { ok: true, value: { printing: false, outcome: 'sent-unconfirmed', status: null } });
    await screen.findByText(/printer tidak memberi kabar/);
    expect(document.querySelector('.result-state-waiting')?.textContent).toMatch(/^PIN belum diperiksa/);
    await act(async () => void (await i18n.changeLanguage('en')));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Request saved');
    expect(document.querySelector('.result-state-waiting')?.textContent).toMatch(/^PIN not checked yet/);
    expect(screen.getByText(/the printer did not confirm/)).toBeTruthy();
    expect(nextSteps()[0]).toBe('Write down or photograph the reference number above.');
  });

  it('"Selesai" ends the visit and "Permohonan Saya" opens the requests', async () => {
    const { onDone, onMyRequests } = showResult(submitted(true), { ok: true, value: { printing: false, outcome: 'printed', status: 'ready' } });
    await screen.findByText('Bukti sudah tercetak. Ambil kertasnya di printer.');
    tap('Permohonan Saya');
    expect(onMyRequests).toHaveBeenCalledTimes(1);
    tap('Selesai');
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});
