import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { MyRequest } from '../../../src/shared/contract';
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
