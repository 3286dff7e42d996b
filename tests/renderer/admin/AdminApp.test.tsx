import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AdminBridge, AdminState, AdminStatus } from '../../../src/shared/admin-contract';
import type { Result } from '../../../src/shared/result';
import { AdminApp } from '../../../src/renderer/admin/AdminApp';
import { createI18n } from '../../../src/renderer/i18n';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const STATUS: AdminStatus = {
  appVersion: '0.1.0',
  uptimeSeconds: 3720,
  kioskName: 'ADM-01',
  demoMode: false,
  server: { url: 'https://api.sukamaju.desa.id', reachable: true, version: 'v2608.0.0', village: 'Sukamaju', licensed: true, problem: null },
  sync: { lastPassAt: '2026-12-02T06:00:00.000Z' },
  outbox: { pending: 2, synced: 10, parked: 1, rejected: 0 },
  printer: { status: 'paper-out', transport: 'tcp 192.168.1.50:9100', profile: 'generic-58', changes: [] },
  reader: { lastEvent: null },
  disk: { freeBytes: 5 * 1024 ** 3, totalBytes: 32 * 1024 ** 3 },
  notices: [
    { code: 'parked-requests', count: 1 },
    { code: 'printer-problem', status: 'paper-out' },
  ],
};

function fakeAdmin(state: Partial<AdminState> = {}) {
  const session = { ok: true as const, value: { session: 's', actor: 'pin', idleSeconds: 60, timeZone: 'Asia/Jayapura' } };
  const calls = {
    'admin.state': vi.fn(async () => ({ ok: true as const, value: { pinSet: true, firstPinHere: false, demoPin: null, lockedSeconds: 0, card: null, ...state } })),
    'admin.unlock': vi.fn(async ({ pin }: { pin: string }): Promise<Result<typeof session.value>> =>
      pin === '482916' ? session : { ok: false, error: { code: 'admin-wrong-pin', params: { count: 4 } } },
    ),
    'admin.setFirstPin': vi.fn(async (): Promise<Result<typeof session.value>> => session),
    'admin.lock': vi.fn(async () => ({ ok: true as const, value: null })),
    'admin.status': vi.fn(async () => ({ ok: true as const, value: STATUS })),
  };
  return { api: { calls } as unknown as AdminBridge, calls };
}

function renderAdmin(api: AdminBridge, onLeave = vi.fn()) {
  render(
    <I18nextProvider i18n={createI18n('id')}>
      <AdminApp api={api} onLeave={onLeave} />
    </I18nextProvider>,
  );
  return onLeave;
}

const tap = (name: string) => fireEvent.click(screen.getByRole('button', { name }));
const type = (digits: string) => [...digits].forEach((d) => tap(d));

describe('AdminApp', () => {
  it('sets a first PIN typed twice (a mismatch starts again), then shows the status with what needs a technician', async () => {
    const { api, calls } = fakeAdmin({ pinSet: false, firstPinHere: true });
    renderAdmin(api);
    expect(await screen.findByRole('heading', { name: 'Buat PIN admin' })).toBeTruthy();
    type('482916');
    tap('Lanjut');
    type('482917');
    tap('Buka');
    expect(screen.getByRole('alert').textContent).toBe('Kedua PIN tidak sama. Ketik PIN baru lagi.');
    expect(screen.getByRole('heading', { name: 'Buat PIN admin' })).toBeTruthy();
    expect(calls['admin.setFirstPin']).not.toHaveBeenCalled();
    type('482916');
    tap('Lanjut');
    type('482916');
    await act(async () => tap('Buka'));
    expect(calls['admin.setFirstPin']).toHaveBeenCalledWith({ pin: '482916' });
    expect(await screen.findByRole('heading', { name: 'Status kios' })).toBeTruthy();
    expect(await screen.findByText('1 permohonan ditahan dan perlu diperiksa (menu Permohonan).')).toBeTruthy();
    expect(screen.getByText('Printer: kertas habis.')).toBeTruthy();
    expect(screen.getByText(/2 menunggu · 1 ditahan · 0 ditolak · 10 terkirim/)).toBeTruthy();
    expect(screen.getByText('ADM 0.1.0, menyala 1 j 2 m · Kios ADM-01')).toBeTruthy();
  });

  it('on a kiosk in service without a PIN, says where it is set and offers no keypad', async () => {
    const { api, calls } = fakeAdmin({ pinSet: false, firstPinHere: false });
    const onLeave = renderAdmin(api);
    expect(await screen.findByRole('heading', { name: 'PIN admin dibuat di komputer kios' })).toBeTruthy();
    expect(screen.getByText('adm admin set-pin')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '1' })).toBeNull();
    tap('Batal');
    expect(onLeave).toHaveBeenCalled();
    expect(calls['admin.setFirstPin']).not.toHaveBeenCalled();
  });

  it('says how many tries are left after a wrong PIN, and never opens for it', async () => {
    const { api } = fakeAdmin();
    renderAdmin(api);
    await screen.findByRole('heading', { name: 'PIN admin' });
    type('000000');
    await act(async () => tap('Buka'));
    expect(screen.getByRole('alert').textContent).toBe('PIN admin salah. Sisa 4 kali sebelum admin dikunci.');
    expect(screen.queryByRole('heading', { name: 'Status kios' })).toBeNull();
  });

  it('shows the lock the core reports, with the keypad shut until it ends', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { api } = fakeAdmin({ lockedSeconds: 3 });
    renderAdmin(api);
    await screen.findByRole('heading', { name: 'PIN admin' });
    // The clock runs on with real time (a loaded machine may take a second to get here): 3, or a little less.
    expect(screen.getByRole('alert').textContent).toMatch(/^Terlalu banyak PIN salah\. Coba lagi dalam [1-3] detik\.$/);
    expect((screen.getByRole('button', { name: '5' }) as HTMLButtonElement).disabled).toBe(true);
    await act(async () => {}); // the countdown's interval starts in an effect: let it start before the clock moves
    await act(async () => vi.advanceTimersByTime(3500));
    expect(screen.queryByRole('alert')).toBeNull();
    expect((screen.getByRole('button', { name: '5' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('closes itself after the idle time the session came with', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { api, calls } = fakeAdmin();
    const onLeave = renderAdmin(api);
    await screen.findByRole('heading', { name: 'PIN admin' });
    type('482916');
    await act(async () => tap('Buka'));
    await screen.findByRole('heading', { name: 'Status kios' });
    await act(async () => vi.advanceTimersByTime(30_000));
    fireEvent.pointerDown(document.body); // a touch restarts the count
    await act(async () => vi.advanceTimersByTime(45_000));
    expect(calls['admin.lock']).not.toHaveBeenCalled();
    await act(async () => vi.advanceTimersByTime(20_000));
    expect(calls['admin.lock']).toHaveBeenCalledTimes(1);
    expect(onLeave).toHaveBeenCalledTimes(1);
  });

  describe('on a PC whose clock is in another time zone than the kiosk', () => {
    // Node follows a changed TZ at once; stubEnv puts the old one back after.
    beforeAll(() => {
      vi.stubEnv('TZ', 'UTC');
    });
    afterAll(() => {
      vi.unstubAllEnvs();
    });

    it("shows times on the kiosk's clock (kiosk.timeZone), not the PC's", async () => {
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('UTC');
      const { api } = fakeAdmin();
      renderAdmin(api);
      await screen.findByRole('heading', { name: 'PIN admin' });
      type('482916');
      await act(async () => tap('Buka'));
      // The last pass was at 06:00 UTC: 15:00 in Asia/Jayapura (WIT).
      const lastPass = (await screen.findByText('Sinkronisasi terakhir')).nextElementSibling;
      expect(lastPass?.textContent).toMatch(/^2 Des 2026,? 15\.00\.00$/);
    });
  });
});
