import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VillageInformation } from '../../../src/shared/contract';
import { createI18n } from '../../../src/renderer/i18n';
import { VillageInfoScreen } from '../../../src/renderer/screens/VillageInfoScreen';
import { createFakeBridge } from '../fake-bridge';

const resident = { name: 'Budi Santoso', maskedNik: '320101******0001', online: true, phone: null };

const info: VillageInformation = {
  profile: { title: 'Desa Sukamaju', officeAddress: 'Jl. Raya 1', district: 'Cibeunying', regency: 'Bandung', operatorPhone: null },
  articles: [
    { id: 2, title: 'Jadwal Posyandu Bulan Ini', html: '<p>Posyandu</p>', createdAt: '2026-11-25 16:30:00' },
    { id: 1, title: 'Kerja Bakti Bersih Desa', html: '<p>Kerja bakti</p>', createdAt: '0000-00-00 00:00:00' },
  ],
  articlesFetchedAt: '2026-11-26T01:05:00.000Z',
  articlesFromCache: false,
};

let restore: Array<() => void> = [];
afterEach(() => {
  cleanup();
  for (const undo of restore) undo();
  restore = [];
});

async function show(value: VillageInformation, language: 'id' | 'en' = 'id') {
  const fake = createFakeBridge();
  Object.assign(fake.bridge.calls, { 'village.info': async () => ({ ok: true, value }) });
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <VillageInfoScreen api={fake.bridge} resident={resident} timeZone="Asia/Jakarta" onBack={() => {}} onLogout={() => {}} />
    </I18nextProvider>,
  );
  await screen.findByText('Jadwal Posyandu Bulan Ini');
}

/** happy-dom lays nothing out: the news pane gets the sizes of a page three screens long. */
function paneSizes(sizes: { scrollHeight: number; clientHeight: number }): void {
  for (const [name, size] of Object.entries(sizes)) {
    const own = Object.getOwnPropertyDescriptor(HTMLElement.prototype, name);
    Object.defineProperty(HTMLElement.prototype, name, {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('scroll-pane') ? size : 0;
      },
    });
    restore.push(() => (own ? Object.defineProperty(HTMLElement.prototype, name, own) : delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name]));
  }
}

describe('Informasi Desa', () => {
  it('shows news dates as residents read them, and no date where the server sent none', async () => {
    await show(info);
    expect(screen.getByText('25 November 2026, 16.30')).toBeTruthy();
    expect(screen.queryByText(/2026-11-25|0000-00-00/)).toBeNull();
    expect(document.querySelectorAll('.article-date')).toHaveLength(1);
    // No word about the stored copy when the news was fetched just now.
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('shows dates in English in the English form', async () => {
    await show(info, 'en');
    expect(screen.getByText('25 November 2026, 16:30')).toBeTruthy();
  });

  it('says the news is the kiosk\'s stored copy, and when it was fetched, while the office is not connected', async () => {
    await show({ ...info, articlesFromCache: true });
    const notice = screen.getByRole('status');
    expect(notice.textContent).toBe('Kabar desa yang tersimpan di kios ini, diambil 26 November 2026, 08.05. Kios sedang tidak terhubung ke kantor desa.');
    expect(notice.textContent).not.toMatch(/server/i);
  });

  it('says the kiosk is not connected when it has no stored news either', async () => {
    const fake = createFakeBridge();
    Object.assign(fake.bridge.calls, { 'village.info': async () => ({ ok: true, value: { ...info, articles: [], articlesFetchedAt: null, articlesFromCache: true } }) });
    render(
      <I18nextProvider i18n={createI18n('id')}>
        <VillageInfoScreen api={fake.bridge} resident={resident} timeZone="Asia/Jakarta" onBack={() => {}} onLogout={() => {}} />
      </I18nextProvider>,
    );
    expect((await screen.findByRole('status')).textContent).toBe('Kios sedang tidak terhubung ke kantor desa; kabar terbaru belum dapat diambil.');
  });

  it('shows that there is more below and scrolls by touch, up and down', async () => {
    paneSizes({ scrollHeight: 3000, clientHeight: 600 });
    await show(info);
    const down = screen.getByRole('button', { name: /Lihat kabar lainnya/ }) as HTMLButtonElement;
    const up = screen.getByRole('button', { name: /Ke atas/ }) as HTMLButtonElement;
    expect(down.disabled).toBe(false);
    expect(up.disabled).toBe(true);

    const pane = document.querySelector('.scroll-pane') as HTMLElement;
    const scrollBy = vi.fn();
    pane.scrollBy = scrollBy as unknown as HTMLElement['scrollBy'];
    fireEvent.click(down);
    expect(scrollBy).toHaveBeenCalledWith({ top: 480, behavior: 'smooth' });

    // At the end of the page: nothing more below, the way back up offered.
    act(() => {
      pane.scrollTop = 2400;
      fireEvent.scroll(pane);
    });
    expect(down.disabled).toBe(true);
    expect(up.disabled).toBe(false);
    fireEvent.click(up);
    expect(scrollBy).toHaveBeenLastCalledWith({ top: -480, behavior: 'smooth' });
  });

  it('offers no scroll buttons when everything fits', async () => {
    paneSizes({ scrollHeight: 600, clientHeight: 600 });
    await show(info);
    expect(screen.queryByRole('button', { name: /Lihat kabar lainnya/ })).toBeNull();
  });
});
