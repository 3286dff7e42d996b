import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
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

function renderEditor(api: AdminBridge, locale: 'id' | 'en' = 'id', group: 'kiosk' | 'readers' = 'kiosk') {
  render(
    <I18nextProvider i18n={createI18n(locale)}>
      <SettingsEditor api={api} group={group} />
    </I18nextProvider>,
  );
}

/** The row of a setting, by its label. */
async function row(label: string): Promise<HTMLElement> {
  return (await screen.findByText(label, { exact: false })).closest('li')!;
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

describe('SettingsEditor when config.json refuses a save for a reason of its own', () => {
  it.each([
    ['id', { line: null, column: null, reason: 'missing' }, 'config.json tidak ditemukan; kembalikan berkasnya (dari cadangan) lalu coba lagi. Sampai itu tidak ada pengaturan yang disimpan.'],
    ['en', { line: null, column: null, reason: 'missing' }, 'config.json is not there; put the file back (from a backup) and try again. Until then no setting is saved.'],
    [
      'id',
      { line: 6, column: 3, reason: 'duplicate-key', key: 'kiosk' },
      'config.json memuat kunci ganda "kiosk" (baris 6); kios membaca yang terakhir. Hapus salah satunya lalu coba lagi; tidak ada yang disimpan.',
    ],
  ] as const)('%s: says so when the screen opens (%j), and offers no save', async (locale, unreadableFile, words) => {
    const { api } = fakeSettings(unreadableFile);
    renderEditor(api, locale);
    expect((await screen.findByRole('alert')).textContent).toBe(words);
    expect(saveButton(locale === 'id' ? 'Simpan perubahan' : 'Save changes').disabled).toBe(true);
  });

  it('words a save refused for a key written twice, with the key and its line', async () => {
    const refusal = { ok: false as const, error: { code: 'config-unreadable' as const, params: { reason: 'duplicate-key', key: 'kiosk.locale', line: 4, column: 5 } } };
    const { api, calls } = fakeSettings(null, refusal);
    renderEditor(api, 'id');
    await chooseEnglish();
    fireEvent.click(saveButton('Simpan perubahan'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'config.json memuat kunci ganda "kiosk.locale" (baris 4); kios membaca yang terakhir. Hapus salah satunya lalu coba lagi; tidak ada yang disimpan.',
    );
    expect(saveButton('Simpan perubahan').disabled).toBe(true);
    expect(calls['admin.saveSettings']).toHaveBeenCalledTimes(1);
  });
});

describe('SettingsEditor: the range of each number, on its row', () => {
  it.each([
    ['id', 'Waktu diam sebelum peringatan', '30–300 detik'],
    ['id', 'Lama hitung mundur peringatan', '20–120 detik'],
    ['id', 'Batas waktu sesi warga', '3–60 menit'],
    ['id', 'Data pribadi dihapus setelah', '1–365 hari'],
    ['id', 'Batas nomor antrean per menit', '1–30 per menit'],
    ['id', 'Kerapatan layar', '50–600 PPI'],
    ['en', 'Warning countdown', '20–120 seconds'],
    ['en', 'Resident session limit', '3–60 minutes'],
    ['en', 'Queue tickets per minute', '1–30 a minute'],
  ] as const)('%s: %s says %s', async (locale, label, range) => {
    renderEditor(fakeSettings(null).api, locale);
    expect((await row(label)).querySelector('.admin-setting-range')?.textContent).toBe(range);
  });

  it('shows the readers\' key gap in milliseconds, and no range on a text field', async () => {
    renderEditor(fakeSettings(null).api, 'id', 'readers');
    expect((await row('Jeda terlama antar tombol')).querySelector('.admin-setting-range')?.textContent).toBe('20–500 ms');
    expect((await row('Awalan yang ditambahkan pembaca')).querySelector('.admin-setting-range')).toBeNull();
  });

  it('marks a value the core refused with its bound, beside the range', async () => {
    const refused: Saved = { ok: false, error: { code: 'validation', fields: { 'kiosk.idleWarningSeconds': 'too-small' }, params: { 'kiosk.idleWarningSeconds.min': 20 } } };
    renderEditor(fakeSettings(null, refused).api);
    fireEvent.click(await screen.findByRole('button', { name: 'Ubah Lama hitung mundur peringatan (detik)' }));
    for (const key of ['1', 'Simpan']) fireEvent.click(screen.getByRole('button', { name: key }));
    fireEvent.click(screen.getByRole('button', { name: 'Simpan perubahan' }));
    const refusedRow = await row('Lama hitung mundur peringatan');
    await screen.findByText('Paling sedikit 20.', { exact: false });
    expect(refusedRow.textContent).toContain('20–120 detik');
    expect(refusedRow.textContent).toContain('Paling sedikit 20.');
  });
});

describe('SettingsEditor: the outcome where the technician looks', () => {
  it('says a refusal beside "Simpan perubahan", and brings the first refused row into view with its button focused', async () => {
    const refused: Saved = {
      ok: false,
      error: { code: 'validation', fields: { 'sync.retentionDays': 'too-big', 'kiosk.idleWarningSeconds': 'too-small' }, params: { 'kiosk.idleWarningSeconds.min': 20 } },
    };
    const scrolled: Element[] = [];
    const scrollIntoView = vi.spyOn(HTMLElement.prototype, 'scrollIntoView').mockImplementation(function (this: HTMLElement) {
      scrolled.push(this);
    });
    try {
      renderEditor(fakeSettings(null, refused).api);
      await chooseEnglish();
      fireEvent.click(saveButton('Simpan perubahan'));
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toBe('Belum disimpan: perbaiki nilai yang ditandai. Tidak ada yang berubah.');
      // Right above the buttons that caused it.
      expect(alert.nextElementSibling?.contains(saveButton('Simpan perubahan'))).toBe(true);
      // The first refused row on the screen (the countdown comes before retention), its problem read with the button.
      await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Ubah Lama hitung mundur peringatan (detik)'));
      const focused = document.activeElement as HTMLElement;
      expect(scrolled).toEqual([focused]);
      expect(document.getElementById(focused.getAttribute('aria-describedby') ?? '')?.textContent).toContain('Paling sedikit 20.');
    } finally {
      scrollIntoView.mockRestore();
    }
  });

  it('says "saved" beside "Simpan perubahan", as a status', async () => {
    renderEditor(fakeSettings(null).api);
    await chooseEnglish();
    fireEvent.click(saveButton('Simpan perubahan'));
    const status = await screen.findByRole('status');
    expect(status.textContent).toBe('Tersimpan; sudah berlaku.');
    expect(status.nextElementSibling?.contains(saveButton('Simpan perubahan'))).toBe(true);
  });
});

describe('SettingsEditor on a demo kiosk', () => {
  const endsDemo = (adminPin: 'own' | 'set-on-pc'): Saved => ({ ok: false, error: { code: 'ends-demo', params: { adminPin, server: 'none' } } });

  it('asks before the save that ends demo mode, says what follows, and saves nothing on "Batal"', async () => {
    const { api, calls } = fakeSettings(null, endsDemo('set-on-pc'));
    renderEditor(api);
    await chooseEnglish();
    fireEvent.click(saveButton('Simpan perubahan'));
    const dialog = await screen.findByRole('alertdialog', { name: 'Menyimpan mengakhiri mode demo' });
    expect(dialog.textContent).toContain('Server desa belum diatur: warga tidak bisa masuk');
    expect(dialog.textContent).toContain('PIN demo langsung tidak berlaku begitu disimpan');
    expect(dialog.textContent).toContain('adm admin set-pin');
    // The safe answer has the focus.
    expect(document.activeElement?.textContent).toBe('Batal, tetap mode demo');
    fireEvent.click(screen.getByRole('button', { name: 'Batal, tetap mode demo' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
    expect(calls['admin.saveSettings']).toHaveBeenCalledTimes(1);
    expect(calls['admin.saveSettings']).toHaveBeenCalledWith({ values: { 'kiosk.locale': 'en' } });
    expect(screen.getByText('(diubah, belum disimpan)')).toBeTruthy();
  });

  it('saves with the confirmation once the technician agrees, and keeps the kiosk\'s own PIN in the words', async () => {
    const { api, calls } = fakeSettings(null);
    calls['admin.saveSettings'].mockResolvedValueOnce(endsDemo('own'));
    renderEditor(api, 'en');
    fireEvent.click(await screen.findByRole('button', { name: 'Change Screen language' }));
    fireEvent.click(await screen.findByRole('button', { name: 'English' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Saving ends demo mode' });
    expect(dialog.textContent).toContain("This kiosk's own admin PIN keeps working.");
    fireEvent.click(screen.getByRole('button', { name: 'Yes, save and end demo mode' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved; in effect now.');
    expect(calls['admin.saveSettings']).toHaveBeenLastCalledWith({ values: { 'kiosk.locale': 'en' }, endDemo: true });
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});

describe('SettingsEditor: the kiosk in the kabupaten\'s monitoring', () => {
  const identity = {
    kioskId: { value: 'sukamaju-01', source: 'config' },
    kodeDesa: { value: '3201012001', source: 'server' },
    kecamatan: { value: 'Cibinong', source: 'server' },
    kabupaten: { value: 'unset', source: 'unset' },
  } as const;

  function withIdentity(saved?: Saved) {
    const { api, calls } = fakeSettings(null, saved);
    calls['admin.settings'].mockImplementation(async () => ({ ok: true as const, value: { values: VALUES, unreadableFile: null, identity } }));
    return api;
  }

  it('shows the identity in use and where each part came from, on the kiosk settings only', async () => {
    renderEditor(withIdentity());
    const section = await screen.findByRole('region', { name: 'Identitas kios di pemantauan kabupaten' });
    expect([...section.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'ID kiossukamaju-01 (dari pengaturan)',
      'Kode desa3201012001 (otomatis dari server desa, tidak perlu diisi)',
      'KecamatanCibinong (otomatis dari server desa, tidak perlu diisi)',
      'Kabupatenbelum diatur: isi di atas, atau hubungkan kios ke server desa',
    ]);
    cleanup();
    renderEditor(withIdentity(), 'id', 'readers');
    await screen.findByText('Pembaca kartu PC/SC', { exact: false });
    expect(screen.queryByRole('region', { name: 'Identitas kios di pemantauan kabupaten' })).toBeNull();
  });

  it("says in an empty village row which value the server's profile gives it, and asks for a kiosk ID that is missing", async () => {
    renderEditor(withIdentity());
    await screen.findByRole('region', { name: 'Identitas kios di pemantauan kabupaten' });
    expect((await row('Kode desa (10 angka')).textContent).toContain('(kosong) dipakai dari server desa: 3201012001');
    expect((await row('Kecamatan (kosong')).textContent).toContain('(kosong) dipakai dari server desa: Cibinong');
    // Nobody gave the kabupaten: the row is plainly empty, and the identity says what to do.
    expect((await row('Kabupaten (kosong')).textContent).not.toContain('dipakai');
    cleanup();
    const { api, calls } = fakeSettings(null);
    calls['admin.settings'].mockImplementation(async () => ({
      ok: true as const,
      value: { values: VALUES, unreadableFile: null, identity: { ...identity, kioskId: { value: 'unset', source: 'unset' } } },
    }));
    renderEditor(api);
    const section = await screen.findByRole('region', { name: 'Identitas kios di pemantauan kabupaten' });
    expect(section.querySelector('li')?.textContent).toBe(
      'ID kiosbelum diatur: kios ini tampil sebagai "unset" di pemantauan kabupaten. Isi ID kios di atas (minta ke operator kabupaten)',
    );
  });

  it.each([
    ['kiosk.id', 'ID kios untuk pemantauan kabupaten', 'Pakai huruf kecil, angka dan tanda minus saja (tidak di awal atau akhir), paling banyak 40 karakter, mis. sukamaju-01.'],
    ['village.code', 'Kode desa (10 angka', 'Kode desa terdiri dari 10 angka, mis. 3201012001 (boleh dengan titik: 32.01.01.2001).'],
  ] as const)('says the shape %s needs when a value is refused', async (key, label, words) => {
    renderEditor(withIdentity({ ok: false, error: { code: 'validation', fields: { [key]: 'format' } } }));
    await chooseEnglish();
    fireEvent.click(saveButton('Simpan perubahan'));
    await screen.findByText(words, { exact: false });
    expect((await row(label)).textContent).toContain(words);
  });
});
