import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdminLetterPrinter } from '../../../src/shared/admin-contract';
import type { Result } from '../../../src/shared/result';
import { AdminLetterPrinterSection, type LetterPrinterCalls } from '../../../src/renderer/admin/AdminLetterPrinterSection';
import { KioskTimeZone } from '../../../src/renderer/admin/admin-time';
import { createI18n } from '../../../src/renderer/i18n';

afterEach(cleanup);

const STATE: AdminLetterPrinter = {
  enabled: true,
  configuredQueue: null,
  queueInUse: 'Kantor_A4',
  defaultQueue: 'Kantor_A4',
  cupsReachable: true,
  queues: [
    { queue: 'Kantor_A4', status: 'ready', reasons: [], accepting: true, message: null },
    { queue: 'Gudang', status: 'media-empty', reasons: ['media-empty-error'], accepting: false, message: 'Tray 1 empty' },
  ],
  media: 'A4',
  printsPerLetterPerDay: 1,
  today: [{ letterId: '41', prints: 1, allowedExtra: 0, lastOutcome: 'completed', lastAt: '2026-12-07T03:15:00.000Z' }],
};

function show(state: Partial<AdminLetterPrinter> = {}, overrides: Partial<LetterPrinterCalls> = {}) {
  const loaded: AdminLetterPrinter = { ...STATE, ...state };
  const calls = {
    'admin.letterPrinter': vi.fn(async (_input: Record<string, never>): Promise<Result<AdminLetterPrinter>> => ({ ok: true, value: loaded })),
    'admin.letterPrinterQueue': vi.fn(async (input: { queue: string | null }): Promise<Result<AdminLetterPrinter>> => ({ ok: true, value: { ...loaded, configuredQueue: input.queue, queueInUse: input.queue ?? loaded.defaultQueue } })),
    'admin.letterPrinterTest': vi.fn(async (_input: Record<string, never>) => ({ ok: true as const, value: { state: { phase: 'completed' as const }, jobId: 17, letterPrinter: loaded } })),
    'admin.letterPrintAllow': vi.fn(async (input: { letterId: string }): Promise<Result<AdminLetterPrinter>> => ({ ok: true, value: { ...loaded, today: loaded.today.map((p) => (p.letterId === input.letterId ? { ...p, allowedExtra: p.allowedExtra + 1 } : p)) } })),
    ...overrides,
  };
  const settings = vi.fn((_onSaved: () => void) => <p>pengaturan surat</p>);
  render(
    <I18nextProvider i18n={createI18n('id')}>
      <KioskTimeZone.Provider value="Asia/Jakarta">
        <AdminLetterPrinterSection calls={calls} settings={settings} />
      </KioskTimeZone.Provider>
    </I18nextProvider>,
  );
  return { calls, settings };
}

const tap = (name: string | RegExp) => fireEvent.click(screen.getByRole('button', { name }));

describe('the A4 / Surat section', () => {
  it('shows whether residents may print, the queue in use, and every CUPS queue with its state and reasons', async () => {
    show();
    expect(await screen.findByText(/Cetak surat oleh warga: aktif/)).toBeTruthy();
    expect(screen.getByText('Antrean yang dipakai: Kantor_A4 (bawaan CUPS)')).toBeTruthy();
    const queues = [...document.querySelectorAll('.admin-queues li')].map((item) => item.textContent);
    expect(queues).toEqual(['Kantor_A4 (bawaan) · siap', 'Gudang · kertas habis · menolak pekerjaan (cupsreject) · alasan: media-empty-error · Tray 1 empty']);
    expect(screen.getByText('pengaturan surat')).toBeTruthy();
  });

  it('says how to turn printing on, and when CUPS does not answer', async () => {
    show({ enabled: false, cupsReachable: false, queues: [], queueInUse: null, defaultQueue: null });
    expect(await screen.findByText(/tidak aktif\. Aktifkan dengan "Cetak surat oleh warga" di bawah/)).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('CUPS tidak menjawab');
    expect(screen.getByText(/Tidak ada antrean untuk surat/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Cetak halaman uji' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('uses the queue chosen (or CUPS\'s default again)', async () => {
    const { calls } = show();
    const select = (await screen.findByRole('combobox', { name: 'Antrean untuk surat' })) as HTMLSelectElement;
    expect((screen.getByRole('button', { name: 'Pakai antrean ini' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(select, { target: { value: 'Gudang' } });
    tap('Pakai antrean ini');
    expect(calls['admin.letterPrinterQueue']).toHaveBeenCalledWith({ queue: 'Gudang' });
    expect(await screen.findByText('Antrean yang dipakai: Gudang')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Antrean untuk surat disimpan.');
    fireEvent.change(select, { target: { value: '' } });
    tap('Pakai antrean ini');
    expect(calls['admin.letterPrinterQueue']).toHaveBeenLastCalledWith({ queue: null });
  });

  it("prints the test page and shows CUPS's final word on it", async () => {
    const { calls } = show({}, { 'admin.letterPrinterTest': vi.fn(async () => ({ ok: true as const, value: { state: { phase: 'failed' as const, reason: 'media-empty' as const }, jobId: 18, letterPrinter: STATE } })) });
    await screen.findByText(/aktif/);
    tap('Cetak halaman uji');
    expect(calls['admin.letterPrinterTest']).toHaveBeenCalledWith({});
    expect((await screen.findByRole('status')).textContent).toBe('Halaman uji (pekerjaan 18): tidak tercetak (kertas habis)');
  });

  it("lists today's prints and allows a letter one more print", async () => {
    const { calls } = show();
    expect(await screen.findByText('Surat 41: 1 kali dicetak, 0 izin tambahan · terakhir: completed, 10.15')).toBeTruthy();
    tap('Izinkan cetak sekali lagi: surat 41');
    expect(calls['admin.letterPrintAllow']).toHaveBeenCalledWith({ letterId: '41' });
    expect(await screen.findByText('Surat 41: 1 kali dicetak, 1 izin tambahan · terakhir: completed, 10.15')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Surat 41 boleh dicetak sekali lagi hari ini.');
  });

  it('says why the core refused, and reads the state again after the settings are saved', async () => {
    const { calls, settings } = show({}, { 'admin.letterPrintAllow': vi.fn(async () => ({ ok: false as const, error: { code: 'letter-printing-off' as const } })) });
    await screen.findByText(/aktif/);
    tap('Izinkan cetak sekali lagi: surat 41');
    expect((await screen.findByRole('status')).textContent).toBe('Kios ini belum dapat mencetak surat. Silakan ambil surat Anda di kantor desa.');
    const onSaved = settings.mock.calls.at(-1)![0];
    await act(async () => onSaved());
    expect(calls['admin.letterPrinter']).toHaveBeenCalledTimes(2);
  });
});
