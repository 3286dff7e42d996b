import { cleanup, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdminBridge, AdminStatus, TechnicianNotice } from '../../../src/shared/admin-contract';
import { AdminStatusScreen } from '../../../src/renderer/admin/AdminStatusScreen';
import { createI18n } from '../../../src/renderer/i18n';

afterEach(cleanup);

const STATUS: AdminStatus = {
  appVersion: '0.1.0',
  uptimeSeconds: 60,
  kioskName: 'ADM-01',
  demoMode: false,
  server: { url: null, reachable: null, version: null, village: null, licensed: null, problem: null },
  sync: { lastPassAt: null },
  outbox: { pending: 0, synced: 0, parked: 0, rejected: 0 },
  printer: { status: 'ready', transport: 'virtual', profile: 'generic-58', changes: [] },
  reader: { lastEvent: null },
  disk: { freeBytes: 150 * 1024 ** 2, totalBytes: 32 * 1024 ** 3 },
  notices: [],
};

async function renderStatus(notices: TechnicianNotice[], locale: 'id' | 'en' = 'id', extra: Partial<AdminStatus> = {}) {
  const api = { calls: { 'admin.status': vi.fn(async () => ({ ok: true as const, value: { ...STATUS, ...extra, notices } })) } } as unknown as AdminBridge;
  render(
    <I18nextProvider i18n={createI18n(locale)}>
      <AdminStatusScreen api={api} actor="pin" onNavigate={vi.fn()} onLeave={vi.fn()} onSessionLost={vi.fn()} onShell={vi.fn()} shellProblem={null} />
    </I18nextProvider>,
  );
  return screen.findByRole('region', { name: locale === 'id' ? /Perlu petugas|Semua berjalan baik/ : /Needs a technician|All is well/ });
}

describe('AdminStatusScreen: the verdict', () => {
  it('says all is well only when nothing needs a technician', async () => {
    const verdict = await renderStatus([]);
    expect(within(verdict).getByRole('heading').textContent).toBe('Semua berjalan baik');
  });

  it('gives a kiosk started moments ago an uptime of less than a minute, not 0', async () => {
    await renderStatus([], 'id', { uptimeSeconds: 42 });
    expect(screen.getByText(/menyala < 1 m/)).toBeTruthy();
  });

  it('never says all is well beside a server that is not set: the most important problem comes first, in words', async () => {
    const verdict = await renderStatus([{ code: 'disk-low', freeMb: 150 }, { code: 'server-not-set' }]);
    expect(within(verdict).getByRole('heading').textContent).toBe('Perlu petugas');
    expect(screen.queryByText('Semua berjalan baik')).toBeNull();
    expect(verdict.querySelector('.admin-notice-first')?.textContent).toBe(
      'Yang paling penting: Server desa belum diatur: warga tidak bisa masuk dan tidak ada permohonan yang dikirim. Isi alamatnya di menu Server.',
    );
    expect(within(verdict).getByRole('listitem').textContent).toBe('Ruang penyimpanan hampir habis: sisa 150 MB.');
  });

  it.each([
    ['none', 'Settings were saved, so demo mode ends when the kiosk restarts. No village server is set'],
    ['set', 'Settings were saved, so demo mode ends when the kiosk restarts; after that requests go to the saved village server.'],
  ] as const)('words a saved demo kiosk (server %s) and its missing PIN, the PIN first', async (server, words) => {
    const verdict = await renderStatus([{ code: 'demo-ends-at-restart', server }, { code: 'admin-pin-missing' }], 'en', { demoMode: true });
    expect(verdict.querySelector('.admin-notice-first')?.textContent).toContain('the demo PIN no longer works');
    expect(within(verdict).getByRole('listitem').textContent).toContain(words);
  });
});
