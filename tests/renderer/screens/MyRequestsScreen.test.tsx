import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MyRequest, MyRequests } from '../../../src/shared/contract';
import type { Result } from '../../../src/shared/result';
import { createI18n } from '../../../src/renderer/i18n';
import { MyRequestsScreen } from '../../../src/renderer/screens/MyRequestsScreen';
import { createFakeBridge } from '../fake-bridge';

const resident = { name: 'Budi Santoso', maskedNik: '320101******0001', online: true, phone: null };

const items: MyRequest[] = [
  // Made on this kiosk: an instant, shown in the kiosk's zone (02:00 UTC is 09.00 WIB).
  { key: 'ADM01-261207-7KQ3M', letterName: 'Keterangan Domisili', submittedAt: '2026-12-07T02:00:00.000Z', reference: 'ADM01-261207-7KQ3M', serverId: 12, statusCode: 1, localState: null, cancellable: true },
  // Made elsewhere: the village server's own wall-clock time.
  { key: 'server-9', letterName: 'Pengantar SKCK', submittedAt: '2026-11-25 16:30:00', reference: null, serverId: 9, statusCode: 3, localState: null, cancellable: false },
];

afterEach(cleanup);

async function show(language: 'id' | 'en') {
  const fake = createFakeBridge();
  Object.assign(fake.bridge.calls, { 'requests.mine': async () => ({ ok: true, value: { items, fromServer: true } }) });
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <MyRequestsScreen api={fake.bridge} resident={resident} timeZone="Asia/Jakarta" onBack={() => {}} onLogout={() => {}} />
    </I18nextProvider>,
  );
  await screen.findByText(language === 'id' ? 'Surat Pengantar SKCK' : 'Referral for a police certificate (SKCK)');
}

describe('Permohonan Saya', () => {
  it('writes dates as Informasi Desa does: the month in full, then the time', async () => {
    await show('id');
    const meta = [...document.querySelectorAll('.request-meta')].map((el) => el.textContent);
    expect(meta).toEqual(['7 Desember 2026, 09.00 · ADM01-261207-7KQ3M', '25 November 2026, 16.30']);
  });

  it('in English too, day before month', async () => {
    await show('en');
    const meta = [...document.querySelectorAll('.request-meta')].map((el) => el.textContent);
    expect(meta).toEqual(['7 December 2026, 09:00 · ADM01-261207-7KQ3M', '25 November 2026, 16:30']);
  });
});

/** The screen with `requests.mine` answering `answers` in turn (the last one again after that). */
function showMine(answers: Array<Result<MyRequests> | Promise<Result<MyRequests>>>, options: { online?: boolean; highlight?: string } = {}) {
  const fake = createFakeBridge();
  let call = 0;
  const mine = vi.fn(async () => answers[Math.min(call++, answers.length - 1)]!);
  const cancel = vi.fn(async (_input: { serverId: number }): Promise<Result<null>> => ({ ok: true, value: null }));
  const reprint = vi.fn(async (_input: { reference: string }) => ({ ok: true as const, value: { outcome: 'printed' as const, status: 'ready' as const } }));
  Object.assign(fake.bridge.calls, { 'requests.mine': mine, 'requests.cancel': cancel, 'printing.reprint': reprint });
  const onBack = vi.fn();
  const onLogout = vi.fn();
  const i18n = createI18n('id');
  render(
    <I18nextProvider i18n={i18n}>
      <MyRequestsScreen
        api={fake.bridge}
        resident={{ ...resident, online: options.online ?? true }}
        highlight={options.highlight ?? null}
        timeZone="Asia/Jakarta"
        onBack={onBack}
        onLogout={onLogout}
      />
    </I18nextProvider>,
  );
  return { mine, cancel, reprint, onBack, onLogout, i18n };
}

const tap = (name: string | RegExp) => fireEvent.click(screen.getByRole('button', { name }));
const statuses = () => [...document.querySelectorAll('.status-chip')].map((node) => node.textContent?.trim());
const waiting: MyRequest = { key: 'ADM01-261207-9XZ2P', letterName: 'Keterangan Usaha', submittedAt: '2026-12-07T03:00:00.000Z', reference: 'ADM01-261207-9XZ2P', serverId: null, statusCode: null, localState: 'waiting', cancellable: false };

describe('Permohonan Saya: what the resident sees and what it asks the core', () => {
  it('says it is loading until the list comes, then each request with its status', async () => {
    let answer: (result: Result<MyRequests>) => void = () => {};
    showMine([new Promise((resolve) => (answer = resolve))]);
    expect(screen.getByText('Memuat...').getAttribute('aria-busy')).toBe('true');
    await act(async () => answer({ ok: true, value: { items: [...items, waiting], fromServer: true } }));
    expect(screen.queryByText('Memuat...')).toBeNull();
    expect(screen.getByText('Status terbaru dari kantor desa.')).toBeTruthy();
    expect(screen.getByText('Surat Keterangan Domisili')).toBeTruthy();
    expect(statuses()).toEqual(['◔ Sedang Diperiksa', '✔ Siap Diambil', '↻ Menunggu dikirim']);
    // Only a request the office has not started may be cancelled; a receipt is reprinted where there is one.
    expect(screen.getAllByRole('button', { name: 'Batalkan' })).toHaveLength(1);
    expect(screen.getAllByRole('button', { name: 'Cetak ulang bukti' })).toHaveLength(2);
  });

  it('says when there are none, and when only this kiosk\'s requests can be shown', async () => {
    showMine([{ ok: true, value: { items: [], fromServer: false } }]);
    expect(await screen.findByText('Belum ada permohonan.')).toBeTruthy();
    expect(screen.getByText('Kios sedang tidak terhubung ke sistem desa: hanya permohonan yang dibuat di kios ini yang tampil.')).toBeTruthy();
    cleanup();
    showMine([{ ok: true, value: { items: [waiting], fromServer: false } }], { online: false });
    expect(await screen.findByText('Menunggu dikirim')).toBeTruthy();
    expect(screen.getByText(/PIN Anda belum diperiksa, jadi hanya permohonan dari kunjungan ini yang tampil/)).toBeTruthy();
  });

  it('says in words why the list could not be read, in the language on screen', async () => {
    const { i18n } = showMine([{ ok: false, error: { code: 'session-ended' } }]);
    expect((await screen.findByRole('alert')).textContent).toBe('Sesi sudah berakhir. Silakan masuk lagi dengan NIK dan PIN.');
    await act(async () => void (await i18n.changeLanguage('en')));
    expect(screen.getByRole('alert').textContent).toBe('The session has ended. Please sign in again with your NIK and PIN.');
  });

  it('cancels only after the resident confirms, says so (reworded on a language switch) and reads the list again', async () => {
    const cancelled = items.map((item) => (item.serverId === 12 ? { ...item, statusCode: 5, cancellable: false } : item));
    const { mine, cancel, i18n } = showMine([
      { ok: true, value: { items, fromServer: true } },
      { ok: true, value: { items: cancelled, fromServer: true } },
    ]);
    await screen.findByText('Surat Pengantar SKCK');
    tap('Batalkan');
    expect(screen.getByRole('alertdialog').textContent).toContain('Permohonan Surat Keterangan Domisili akan dibatalkan');
    tap('Jangan batalkan');
    expect(cancel).not.toHaveBeenCalled();
    tap('Batalkan');
    tap('Ya, batalkan');
    expect(await screen.findByText('Permohonan dibatalkan.')).toBeTruthy();
    expect(cancel).toHaveBeenCalledWith({ serverId: 12 });
    await vi.waitFor(() => expect(statuses()).toEqual(['✖ Dibatalkan', '✔ Siap Diambil']));
    expect(mine).toHaveBeenCalledTimes(2);
    await act(async () => void (await i18n.changeLanguage('en')));
    expect(screen.getByRole('status').textContent).toBe('The request was cancelled.');
  });

  it('says why a cancel was refused', async () => {
    const { cancel } = showMine([{ ok: true, value: { items, fromServer: true } }]);
    cancel.mockResolvedValueOnce({ ok: false, error: { code: 'needs-connection' } });
    await screen.findByText('Surat Pengantar SKCK');
    tap('Batalkan');
    tap('Ya, batalkan');
    expect(await screen.findByText('Pembatalan memerlukan sambungan ke sistem desa. Silakan coba lagi nanti atau hubungi petugas.')).toBeTruthy();
  });

  it('reprints a receipt by its reference and says what came of it', async () => {
    const { reprint } = showMine([{ ok: true, value: { items, fromServer: true } }]);
    await screen.findByText('Surat Pengantar SKCK');
    tap('Cetak ulang bukti');
    expect(screen.getByRole('status').textContent).toBe('Mencetak bukti...');
    expect(await screen.findByText('Bukti sudah tercetak. Ambil kertasnya di printer.')).toBeTruthy();
    expect(reprint).toHaveBeenCalledWith({ reference: 'ADM01-261207-7KQ3M' });
    reprint.mockResolvedValueOnce({ ok: true, value: { outcome: 'not-printed', status: 'paper-out' } } as never);
    tap('Cetak ulang bukti');
    expect(await screen.findByText(/Printer kehabisan kertas/)).toBeTruthy();
  });

  it('marks the request of a scanned receipt, and leaves by Kembali or Keluar', async () => {
    const { onBack, onLogout } = showMine([{ ok: true, value: { items, fromServer: true } }], { highlight: 'ADM01-261207-7KQ3M' });
    await screen.findByText('Surat Pengantar SKCK');
    const marked = document.querySelectorAll('[aria-current="true"]');
    expect(marked).toHaveLength(1);
    expect(marked[0]?.textContent).toContain('Surat Keterangan Domisili');
    tap('Kembali');
    expect(onBack).toHaveBeenCalledTimes(1);
    tap('Keluar');
    expect(onLogout).toHaveBeenCalledTimes(1);
  });
});
