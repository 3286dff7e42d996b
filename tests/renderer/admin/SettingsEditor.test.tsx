import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdminBridge, ConfigFilePosition } from '../../../src/shared/admin-contract';
import { SETTINGS_KEYS, type SettingsValues } from '../../../src/shared/admin-settings';
import type { Result } from '../../../src/shared/result';
import { SettingsEditor } from '../../../src/renderer/admin/SettingsEditor';
import { createI18n } from '../../../src/renderer/i18n';

afterEach(cleanup);

const VALUES = {
  ...Object.fromEntries(SETTINGS_KEYS.map((key) => [key, null])),
  'kiosk.name': 'ADM-07',
  'kiosk.locale': 'id',
  'kiosk.idleSeconds': 60,
  'kiosk.idleWarningSeconds': 20,
  'session.maxMinutes': 10,
  'sync.retentionDays': 30,
  'kiosk.screenPpi': 102,
  'printer.queueTicketsPerMinute': 4,
  'printer.queuePrefix': 'A',
} as SettingsValues;

type Saved = Result<{ values: SettingsValues; unreadableFile: ConfigFilePosition | null }>;

function fakeSettings(unreadableFile: ConfigFilePosition | null, saved: Saved = { ok: true, value: { values: VALUES, unreadableFile: null } }) {
  const calls = {
    'admin.settings': vi.fn(async () => ({ ok: true as const, value: { values: VALUES, unreadableFile } })),
    'admin.saveSettings': vi.fn(async (): Promise<Saved> => saved),
  };
  return { api: { calls } as unknown as AdminBridge, calls };
}

function renderEditor(api: AdminBridge, locale: 'id' | 'en' = 'id') {
  render(
    <I18nextProvider i18n={createI18n(locale)}>
      <SettingsEditor api={api} group="kiosk" />
    </I18nextProvider>,
  );
}

const saveButton = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

/** Changes the language row to English in the editor, as a technician does. */
async function chooseEnglish(): Promise<void> {
  fireEvent.click(await screen.findByRole('button', { name: 'Ubah Bahasa awal layar' }));
  fireEvent.click(await screen.findByRole('button', { name: 'English' }));
  fireEvent.click(screen.getByRole('button', { name: 'Simpan' }));
}

describe('SettingsEditor over a config.json the kiosk cannot parse', () => {
  it.each([
    ['with where it is broken', { line: 4, column: 3 }, 'config.json rusak: baris 4 kolom 3. Perbaiki berkasnya dulu; sampai itu tidak ada pengaturan yang disimpan.'],
    ['that is not an object', { line: null, column: null }, 'config.json rusak dan tidak dapat dibaca. Perbaiki berkasnya dulu; sampai itu tidak ada pengaturan yang disimpan.'],
  ])('says so %s, and offers no save', async (_name, where, words) => {
    const { api, calls } = fakeSettings(where);
    renderEditor(api);
    expect((await screen.findByRole('alert')).textContent).toBe(words);
    await chooseEnglish();
    expect(screen.getByText('(diubah, belum disimpan)')).toBeTruthy();
    expect(saveButton('Simpan perubahan').disabled).toBe(true);
    expect(calls['admin.saveSettings']).not.toHaveBeenCalled();
  });

  it('shows the refusal when the file broke after the screen opened, and saves nothing more', async () => {
    const { api, calls } = fakeSettings(null, { ok: false, error: { code: 'config-unreadable', params: { line: 2, column: 9 } } });
    renderEditor(api, 'en');
    fireEvent.click(await screen.findByRole('button', { name: 'Change Screen language' }));
    fireEvent.click(await screen.findByRole('button', { name: 'English' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect((await screen.findByRole('alert')).textContent).toBe('config.json is broken: line 2 column 9. Fix the file first; until then no setting is saved.');
    expect(saveButton('Save changes').disabled).toBe(true);
    expect(calls['admin.saveSettings']).toHaveBeenCalledTimes(1);
  });
});
