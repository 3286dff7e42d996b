/**
 * No lost work and no dead ends, in the real UI against a demo village
 * server: the taps a resident needs for the usual letter, the session-limit
 * warning with "Tambah waktu", cancelling a filled form, a resident without a
 * phone number, a phone number the server wrote with spaces, and the queue
 * ticket that closes by itself.
 */
import type { Locator, Page } from '@playwright/test';
import { RESIDENTS } from '../../tools/opensid-sim/seed';
import { expect, testWithVillage, type KioskHost } from './fixtures';

const OFFICE_PHONE = '0251 8765 432'; // as a technician types it
const test = testWithVillage((url) => ({
  server: { url },
  village: { officePhone: OFFICE_PHONE },
  session: { maxMinutes: 1, warningSeconds: 52 },
}));

const budi = RESIDENTS[0]!;
const suparman = RESIDENTS[4]!; // no phone number at the village office
const rina = RESIDENTS[5]!; // her number is written "0813 2222 0006"

/** Digits and typed letters are not counted as taps; everything else is. */
function counter(page: Page) {
  let taps = 0;
  return {
    async tap(target: Locator): Promise<void> {
      taps += 1;
      await target.click();
    },
    async digits(digits: string): Promise<void> {
      for (const digit of digits) await page.getByRole('button', { name: digit, exact: true }).click();
    },
    async type(text: string): Promise<void> {
      for (const key of text) await page.getByRole('button', { name: key, exact: true }).click();
    },
    get taps() {
      return taps;
    },
  };
}

async function signIn(page: Page, kiosk: KioskHost, resident = budi) {
  const c = counter(page);
  await page.goto(kiosk.url);
  await c.tap(page.getByRole('button', { name: 'Sentuh layar untuk mulai' }));
  await c.digits(resident.nik);
  await c.tap(page.getByRole('button', { name: 'Lanjut' }));
  await c.digits(resident.pin);
  await c.tap(page.getByRole('button', { name: 'Lanjut' }));
  await expect(page.getByRole('heading', { name: `Selamat datang, ${resident.nama}` })).toBeVisible();
  return c;
}

test('Keterangan Domisili from the attract screen to a printed receipt in at most 8 taps besides digits and text', async ({ page, kiosk, village }, testInfo) => {
  const c = await signIn(page, kiosk);
  await c.tap(page.getByRole('button', { name: /Ajukan Surat/ }));
  await c.tap(page.getByRole('button', { name: /Surat Keterangan Domisili\b/ }).first());
  await c.digits('12');
  await c.tap(page.getByRole('button', { name: 'Simpan' }));
  await c.type('KERJA');
  await c.tap(page.getByRole('button', { name: 'Simpan' }));
  await c.tap(page.getByRole('button', { name: 'Kirim Permohonan' }));
  await expect(page.getByText('Bukti sudah tercetak. Ambil kertasnya di printer.')).toBeVisible({ timeout: 10_000 });
  console.log(`taps from the attract screen to a printed receipt (Keterangan Domisili): ${c.taps}`);
  testInfo.annotations.push({ type: 'taps', description: String(c.taps) });
  expect(c.taps).toBeLessThanOrEqual(8);
  await expect.poll(() => village.requests().length, { timeout: 10_000 }).toBe(1);
  expect(village.requests()[0]).toMatchObject({ noHpAktif: budi.noTelepon });
});

test('the session limit warns before it ends, and "Tambah waktu" keeps the form', async ({ page, kiosk }) => {
  await signIn(page, kiosk);
  await page.getByRole('button', { name: /Ajukan Surat/ }).click();
  await page.getByRole('button', { name: /Surat Keterangan Domisili\b/ }).first().click();
  await page.getByRole('button', { name: '4', exact: true }).click();
  // 1 minute limit, warning 52 s before: about 8 s after signing in.
  const warning = page.getByRole('alertdialog');
  await expect(warning).toContainText('Waktu hampir habis', { timeout: 15_000 });
  await expect(warning).toContainText(/berakhir dalam \d+ detik/);
  await page.getByRole('button', { name: 'Tambah waktu' }).click();
  await expect(warning).toBeHidden();
  // The half-typed field is still there.
  await expect(page.locator('.editor-value')).toHaveText('4');
});

test('Batalkan permohonan asks before throwing away what was filled in', async ({ page, kiosk }) => {
  await signIn(page, kiosk);
  await page.getByRole('button', { name: /Ajukan Surat/ }).click();
  await page.getByRole('button', { name: /Surat Keterangan Domisili\b/ }).first().click();
  await page.getByRole('button', { name: '7', exact: true }).click();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await page.getByRole('button', { name: 'Kembali' }).click();
  await page.getByRole('button', { name: 'Batalkan permohonan' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Buang isian permohonan ini?');
  await page.getByRole('button', { name: 'Lanjutkan mengisi' }).click();
  await expect(page.getByRole('heading', { name: 'Isi formulir' })).toBeVisible();
  await expect(page.locator('.field-card').first()).toContainText('7');
  await page.getByRole('button', { name: 'Batalkan permohonan' }).click();
  await page.getByRole('button', { name: 'Ya, buang isian' }).click();
  await expect(page.getByRole('heading', { name: /Selamat datang/ })).toBeVisible();
});

test('a resident without a phone number sends with the office number, and is told news comes through the office', async ({ page, kiosk, village }) => {
  await signIn(page, kiosk, suparman);
  await page.getByRole('button', { name: /Ajukan Surat/ }).click();
  await page.getByRole('button', { name: /Surat Pengantar SKCK/ }).click();
  for (const key of 'KERJA') await page.getByRole('button', { name: key, exact: true }).click();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByRole('heading', { name: 'Nomor HP aktif' })).toBeVisible();
  await page.getByRole('button', { name: 'Tidak punya nomor HP' }).click();
  await expect(page.locator('.summary')).toContainText('Tidak punya nomor HP: kabar lewat Kantor Desa (02518765432)');
  await page.getByRole('button', { name: 'Kirim Permohonan' }).click();
  await expect(page.getByRole('heading', { name: 'Permohonan tersimpan' })).toBeVisible();
  await expect.poll(() => village.requests().length, { timeout: 10_000 }).toBe(1);
  expect(village.requests()[0]).toMatchObject({ noHpAktif: '02518765432' });
});

test('a phone number the server wrote with spaces is shown and sent as digits', async ({ page, kiosk, village }) => {
  await signIn(page, kiosk, rina);
  await page.getByRole('button', { name: /Ajukan Surat/ }).click();
  await page.getByRole('button', { name: /Surat Pengantar SKCK/ }).click();
  for (const key of 'KERJA') await page.getByRole('button', { name: key, exact: true }).click();
  await page.getByRole('button', { name: 'Simpan' }).click();
  // Prefilled and accepted: straight to the summary.
  await expect(page.locator('.summary')).toContainText('081322220006');
  await page.getByRole('button', { name: 'Kirim Permohonan' }).click();
  await expect.poll(() => village.requests().length, { timeout: 10_000 }).toBe(1);
  expect(village.requests()[0]).toMatchObject({ noHpAktif: '081322220006' });
});

test('the queue ticket closes by itself, so the next person does not see the number', async ({ page, kiosk }) => {
  await page.clock.install();
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: 'Ambil Nomor Antrean' }).click();
  await expect(page.getByRole('dialog')).toContainText('A-001');
  await page.clock.fastForward(10_000);
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.clock.fastForward(6_000);
  await expect(page.getByRole('dialog')).toBeHidden();
});
