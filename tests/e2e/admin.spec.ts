/**
 * The technician's way in, in the web host: the hidden gesture (5 taps on the
 * top-left corner within 3 s), a first admin PIN on a kiosk never put into
 * service, the PIN of a kiosk in service set on the PC, the PIN with its
 * lock, the status screen, and the resident screens waiting while admin is
 * open.
 */
import type { Page } from '@playwright/test';
import { expect, setAdminPinOnPc, tapDigits, test as newKioskTest, testWithVillage } from './fixtures';

// The gesture's window at its longest (10 s): a slow CI machine's five clicks still fall inside it.
const test = testWithVillage((url) => ({ server: { url }, admin: { gestureSeconds: 10 } }));
const PIN = '482916';

async function cornerGesture(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeVisible();
  for (let i = 0; i < 5; i++) await page.mouse.click(6, 6);
}

/** The admin PIN on the keypad. */
async function enterPin(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'PIN admin' })).toBeVisible();
  await tapDigits(page, PIN);
  await page.getByRole('button', { name: 'Buka' }).click();
}

newKioskTest.describe('a kiosk never put into service', () => {
  newKioskTest.use({ kioskConfig: null });

  newKioskTest('takes its first admin PIN on the screen, typed twice', async ({ page, kiosk }) => {
    await page.goto(kiosk.url);
    await expect(page.getByRole('alert')).toHaveText(/^Kios ini belum siap melayani permohonan surat\./);
    await page.goto(`${kiosk.origin}/admin.html`);
    await expect(page.getByRole('heading', { name: 'Buat PIN admin' })).toBeVisible();
    await tapDigits(page, PIN);
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await expect(page.getByRole('heading', { name: 'Ulangi PIN admin' })).toBeVisible();
    await tapDigits(page, PIN);
    await page.getByRole('button', { name: 'Buka' }).click();
    await expect(page.getByRole('heading', { name: 'Status kios' })).toBeVisible();
  });
});

test('a kiosk in service takes no admin PIN on its screen: the PC sets it; admin shows the status while the resident screens wait; Keluar brings them back', async ({ page, kiosk, village }, testInfo) => {
  await page.goto(kiosk.url);
  await expect(page.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeVisible();
  // Four taps are not the gesture, and the corner's taps never start a session.
  for (let i = 0; i < 4; i++) await page.mouse.click(6, 6);
  await expect(page.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeVisible();
  await page.mouse.click(6, 6);
  await expect(page.getByRole('heading', { name: 'PIN admin dibuat di komputer kios' })).toBeVisible();
  await expect(page.locator('.admin-command')).toHaveText('adm admin set-pin');
  await expect(page.getByRole('button', { name: '1', exact: true })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('admin-pin-on-pc.png') });
  await page.getByRole('button', { name: 'Batal' }).click();

  setAdminPinOnPc(kiosk, PIN);
  await cornerGesture(page);
  await enterPin(page);

  await expect(page.getByRole('heading', { name: 'Status kios' })).toBeVisible();
  await expect(page.getByText('Dibuka dengan PIN admin')).toBeVisible();
  const facts = page.locator('.admin-facts');
  await expect(facts).toContainText(village.url);
  await expect(facts).toContainText('Terhubung');
  await expect(facts).toContainText('Versi v2608.0.0');
  await expect(facts).toContainText('0 menunggu · 0 ditahan · 0 ditolak · 0 terkirim');
  await expect(page.getByText('Tidak ada yang perlu diperbaiki.')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('admin-status.png') });

  // Another window on the kiosk's screens meanwhile: they wait.
  const resident = await page.context().newPage();
  await resident.goto(`${kiosk.origin}/`);
  await expect(resident.getByRole('heading', { name: 'Kios sedang diatur petugas' })).toBeVisible();
  await expect(resident.getByRole('button')).toHaveCount(0);

  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeVisible();
  await expect(resident.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeVisible();
});

test('five wrong admin PINs lock the keypad with a countdown; before that the right PIN opens admin', async ({ page, kiosk }) => {
  // Eight PIN checks (each a deliberately slow hash) and a real lock countdown: close to the default 30 s on a busy two-core machine.
  test.slow();
  await page.goto(kiosk.url);
  setAdminPinOnPc(kiosk, PIN);
  await cornerGesture(page);
  await enterPin(page);
  await page.getByRole('button', { name: 'Keluar' }).click();

  await cornerGesture(page);
  await expect(page.getByRole('heading', { name: 'PIN admin' })).toBeVisible();
  await tapDigits(page, '000000');
  await page.getByRole('button', { name: 'Buka' }).click();
  await expect(page.getByRole('alert')).toHaveText('PIN admin salah. Sisa 4 kali sebelum admin dikunci.');
  await tapDigits(page, PIN);
  await page.getByRole('button', { name: 'Buka' }).click();
  await expect(page.getByRole('heading', { name: 'Status kios' })).toBeVisible();
  await page.getByRole('button', { name: 'Keluar' }).click();

  await cornerGesture(page);
  for (let i = 0; i < 5; i++) {
    await tapDigits(page, '000000');
    await page.getByRole('button', { name: 'Buka' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
  }
  await expect(page.getByRole('alert')).toHaveText(/^Terlalu banyak PIN salah\. Coba lagi dalam (30|29) detik\.$/);
  await expect(page.getByRole('button', { name: '1', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Buka' })).toBeDisabled();
  // The count goes down by itself.
  await expect(page.getByRole('alert')).toHaveText(/Coba lagi dalam 2[0-8] detik/, { timeout: 5000 });
  // A reload does not lift the lock: the core keeps it.
  await page.goto(`${kiosk.origin}/admin.html`);
  await expect(page.getByRole('alert')).toHaveText(/Coba lagi dalam 2\d detik/);
});

test('a technician changes the idle time in Pengaturan: a bad value saves nothing, a good one applies to the resident screens at once', async ({ page, kiosk }, testInfo) => {
  await page.goto(kiosk.url);
  setAdminPinOnPc(kiosk, PIN);
  await cornerGesture(page);
  await enterPin(page);
  await page.getByRole('button', { name: 'Pengaturan' }).click();
  await expect(page.getByRole('heading', { name: 'Pengaturan kios' })).toBeVisible();
  const idleRow = page.locator('.admin-setting', { hasText: 'Waktu diam sebelum peringatan (detik)' });
  await expect(idleRow).toContainText('60');

  const change = async (label: string, digits: string) => {
    await page.getByRole('button', { name: `Ubah ${label}` }).click();
    const editor = page.getByRole('dialog');
    await editor.getByRole('button', { name: 'Kosongkan' }).first().click();
    await tapDigits(page, digits);
    await editor.getByRole('button', { name: 'Simpan' }).click();
  };
  await change('Waktu diam sebelum peringatan (detik)', '0');
  await expect(idleRow).toContainText('0 (diubah, belum disimpan)');
  await page.getByRole('button', { name: 'Simpan perubahan' }).click();
  await expect(page.getByRole('alert')).toHaveText('Belum disimpan: perbaiki nilai yang ditandai. Tidak ada yang berubah.');
  await expect(idleRow).toContainText('Paling sedikit 1.');
  await page.screenshot({ path: testInfo.outputPath('admin-settings-refused.png') });

  await change('Waktu diam sebelum peringatan (detik)', '4');
  await page.getByRole('button', { name: 'Simpan perubahan' }).click();
  await expect(page.getByRole('status')).toHaveText('Tersimpan; sudah berlaku.');
  await expect(idleRow).toContainText('4');
  await expect(idleRow).not.toContainText('diubah');

  await page.getByRole('button', { name: 'Keluar' }).click();
  await page.getByRole('button', { name: 'Sentuh layar untuk mulai' }).click();
  await expect(page.getByRole('heading', { name: 'Ketik NIK Anda' })).toBeVisible();
  // Four seconds without a touch, not sixty: the warning shows.
  await expect(page.getByRole('heading', { name: 'Masih di sini?' })).toBeVisible({ timeout: 8000 });
});

test.describe('on a 1366x768 panel', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('Pengaturan says the outcome where the technician looks: a refused value is scrolled to and focused, "saved" shows beside the button', async ({ page, kiosk }) => {
    await page.goto(kiosk.url);
    setAdminPinOnPc(kiosk, PIN);
    await cornerGesture(page);
    await enterPin(page);
    await page.getByRole('button', { name: 'Pengaturan' }).click();
    const countdown = 'Lama hitung mundur peringatan (detik)';
    const countdownRow = page.locator('.admin-setting', { hasText: countdown });
    await page.getByRole('button', { name: `Ubah ${countdown}` }).click();
    const editor = page.getByRole('dialog');
    await editor.getByRole('button', { name: 'Kosongkan' }).first().click();
    await tapDigits(page, '0');
    await editor.getByRole('button', { name: 'Simpan' }).click();

    const save = page.getByRole('button', { name: 'Simpan perubahan' });
    await save.scrollIntoViewIfNeeded();
    await expect(countdownRow).not.toBeInViewport();
    await save.click();
    await expect(page.getByRole('alert')).toHaveText('Belum disimpan: perbaiki nilai yang ditandai. Tidak ada yang berubah.');
    // Back up the list to the refused row, its button focused and its problem beside it.
    await expect(page.getByRole('button', { name: `Ubah ${countdown}` })).toBeFocused();
    await expect(countdownRow).toBeInViewport();
    await expect(countdownRow).toContainText('Paling sedikit 1.');

    await page.getByRole('button', { name: `Ubah ${countdown}` }).click();
    await editor.getByRole('button', { name: 'Kosongkan' }).first().click();
    await tapDigits(page, '25');
    await editor.getByRole('button', { name: 'Simpan' }).click();
    await save.click();
    await expect(page.getByRole('status')).toHaveText('Tersimpan; sudah berlaku.');
    await expect(page.getByRole('status')).toBeInViewport();
    await expect(save).toBeInViewport();
  });
});

const withNetworkPrinter = testWithVillage((url) => ({ server: { url }, admin: { gestureSeconds: 10 }, printer: { transport: 'tcp', host: '127.0.0.1', port: 9 } }));

withNetworkPrinter('a technician switches an unreachable network printer to the virtual one, prints a test slip and sees its preview', async ({ page, kiosk }, testInfo) => {
  await page.goto(kiosk.url);
  setAdminPinOnPc(kiosk, PIN);
  await cornerGesture(page);
  await enterPin(page);
  await page.getByRole('button', { name: 'Printer', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Printer', exact: true })).toBeVisible();
  await expect(page.locator('.step-hint')).toContainText('tidak tersambung · tcp 127.0.0.1:9');

  await page.getByRole('button', { name: 'Ubah Sambungan printer' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Printer virtual (berkas)' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Simpan' }).click();
  // The receipt printer's settings come first; the A4 / Surat section below has its own, unchanged.
  await expect(page.getByRole('region', { name: 'A4 / Surat' }).getByRole('button', { name: 'Simpan perubahan' })).toBeDisabled();
  await page.getByRole('button', { name: 'Simpan perubahan' }).first().click();
  await expect(page.getByText('Tersimpan; sudah berlaku.')).toBeVisible();
  await expect(page.locator('.step-hint')).toContainText(/^siap · virtual /);

  await page.getByRole('button', { name: 'Cetak slip uji' }).click();
  await expect(page.getByText('Tercetak.')).toBeVisible();
  const preview = page.getByRole('img', { name: 'Gambar slip uji terakhir, seperti yang diterima printer' });
  await expect(preview).toHaveAttribute('src', /^data:image\/png;base64,/);
  // Dot for dot: a 58 mm printer's 384 dots.
  expect(await page.evaluate('document.querySelector("figure.admin-preview img").naturalWidth')).toBe(384);
  await page.screenshot({ path: testInfo.outputPath('admin-printer.png') });

  // The audit log lists what was done, newest first, and who did it.
  await page.getByRole('button', { name: 'Catatan' }).click();
  const actions = page.locator('.admin-table tbody tr td:nth-child(3)');
  await expect(actions).toHaveText(['printer.testSlip', 'config.saved', 'admin.opened', 'admin.pin.set']);
  await expect(page.locator('.admin-table tbody tr').nth(1)).toContainText('printer.transport');
  await expect(page.locator('.admin-table tbody tr td:nth-child(2)').first()).toHaveText('pin');
});
