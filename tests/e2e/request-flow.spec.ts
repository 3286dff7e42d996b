/**
 * The resident's whole errand against a demo village server run by the test
 * (so the test can take it down): sign in, request a letter, see it under
 * Permohonan Saya; the same while the server is down; wrong PIN; kiosk lock.
 */
import type { Page } from '@playwright/test';
import { RESIDENTS } from '../../tools/opensid-sim/seed';
import { expect, signIn, tapDigits, testWithVillage } from './fixtures';

const test = testWithVillage((url) => ({
  server: { url, readTimeoutSeconds: 2, submitTimeoutSeconds: 3 },
  sync: { baseDelaySeconds: 0.2, maxDelaySeconds: 1, pollSeconds: 0.5, doubtGraceSeconds: 1 },
}));

const budi = RESIDENTS[0]!;



async function requestKeteranganPenduduk(page: Page, typePhone?: string): Promise<string> {
  await page.getByRole('button', { name: /Ajukan Surat/ }).click();
  await expect(page.getByText('Langkah 2 dari 5')).toBeVisible();
  await page.getByRole('button', { name: /Surat Keterangan Penduduk/ }).click();
  // The letter's first required field opens at once.
  await expect(page.getByRole('heading', { name: 'Keperluan' })).toBeVisible();
  // Left without an answer, the form says so, and Lanjut goes straight back to the missing field.
  await page.getByRole('button', { name: 'Kembali' }).click();
  await expect(page.getByRole('heading', { name: 'Isi formulir' })).toBeVisible();
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(page.getByRole('heading', { name: 'Keperluan' })).toBeVisible();
  for (const key of 'KERJA') await page.getByRole('button', { name: key, exact: true }).click();
  await page.getByRole('button', { name: 'Simpan' }).click();
  if (typePhone) {
    // Offline the server cannot prefill it: an empty number is refused, then typed.
    await expect(page.getByRole('heading', { name: 'Nomor HP aktif' })).toBeVisible();
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await expect(page.getByRole('alert')).toContainText('Nomor HP harus 8 sampai 15 angka.');
    await tapDigits(page, typePhone);
    await page.getByRole('button', { name: 'Lanjut' }).click();
  }
  await expect(page.getByRole('heading', { name: 'Periksa permohonan' })).toBeVisible();
  await expect(page.locator('.summary')).toContainText('KERJA');
  // Requirements: an uploaded document where there is one (online), else the original paper.
  await expect(page.locator('.summary')).toContainText(typePhone ? 'Bawa aslinya ke Kantor Desa' : 'Pakai dokumen yang sudah diunggah: KK Budi Santoso');
  if (!typePhone) await expect(page.locator('.summary')).toContainText(budi.noTelepon!);
  await page.getByRole('button', { name: 'Kirim Permohonan' }).click();
  await expect(page.getByRole('heading', { name: 'Permohonan tersimpan' })).toBeVisible();
  return (await page.locator('.result-reference-inline').innerText()).trim();
}

test('sign in, request a letter, and see it under Permohonan Saya with its status', async ({ page, kiosk, village }) => {
  await signIn(page, kiosk, budi);
  await expect(page.getByRole('heading', { name: 'Selamat datang, Budi Santoso' })).toBeVisible();
  const reference = await requestKeteranganPenduduk(page);
  expect(reference).toMatch(/^ADM01-\d{6}-[2-9A-Z]{5}$/);
  await expect(page.locator('.result-state')).toContainText('sedang dikirim ke kantor desa');
  await expect.poll(() => village.requests().length, { timeout: 10_000 }).toBe(1);
  expect(village.requests()[0]?.isianForm).toContain(reference);

  village.setStatus(1, 3);
  await page.getByRole('button', { name: 'Permohonan Saya' }).click();
  const item = page.locator('.request-item').filter({ hasText: reference });
  await expect(item).toContainText('Keterangan Penduduk');
  await expect(item).toContainText('Siap Diambil');
  await expect(item.getByRole('button', { name: 'Batalkan' })).toHaveCount(0);
});

test('cancel a request still being checked, after confirming', async ({ page, kiosk, village }) => {
  await signIn(page, kiosk, budi);
  await requestKeteranganPenduduk(page);
  await expect.poll(() => village.requests().length, { timeout: 10_000 }).toBe(1);
  await page.getByRole('button', { name: 'Permohonan Saya' }).click();
  await expect(page.locator('.request-item')).toContainText('Sedang Diperiksa');
  await page.getByRole('button', { name: 'Batalkan' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Batalkan permohonan?');
  await page.getByRole('button', { name: 'Ya, batalkan' }).click();
  await expect(page.getByText('Permohonan dibatalkan.')).toBeVisible();
  await expect(page.locator('.request-item')).toContainText('Dibatalkan');
  expect(village.requests()[0]?.status).toBe(5);
});

test('while the server is down the request is kept and sent when it is back, without the resident', async ({ page, kiosk, village }) => {
  // A first visit fills the kiosk's letter cache.
  await signIn(page, kiosk, budi);
  await page.getByRole('button', { name: /Ajukan Surat/ }).click();
  await expect(page.getByRole('button', { name: /Surat Keterangan Penduduk/ })).toBeVisible();
  await page.getByRole('button', { name: 'Kembali' }).click();
  await page.getByRole('button', { name: 'Keluar' }).click();

  await village.setDown(true);
  await signIn(page, kiosk, budi);
  await expect(page.getByText('PIN belum diperiksa', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('Kios sedang tidak terhubung ke sistem desa')).toBeVisible();
  // Not a sign-in: the PIN is not checked yet, so no name is shown, and it says so.
  await expect(page.getByRole('heading', { name: 'Selamat datang', exact: true })).toBeVisible();
  await expect(page.getByText('PIN Anda belum diperiksa: PIN diperiksa saat kios terhubung kembali.')).toBeVisible();
  await expect(page.getByText(budi.nama)).toHaveCount(0);
  const reference = await requestKeteranganPenduduk(page, '081299998888');
  await expect(page.locator('.result-state')).toContainText('PIN belum diperiksa');
  await page.getByRole('button', { name: 'Selesai' }).click();
  await expect(page.getByText('Sentuh layar untuk mulai')).toBeVisible();
  expect(village.requests()).toHaveLength(0);

  await village.setDown(false);
  await expect.poll(() => village.requests().length, { timeout: 15_000 }).toBe(1);
  expect(village.requests()[0]?.isianForm).toContain(reference);
  expect(village.requests()[0]?.noHpAktif).toBe('081299998888');
});

test('a wrong PIN is cleared, says what to do and how many tries are left; then the kiosk locks the NIK', async ({ page, kiosk }) => {
  await signIn(page, kiosk, { nik: budi.nik, pin: '000000' });
  await expect(page.getByRole('alert')).toHaveText(/PIN tidak cocok dengan NIK ini dan sudah dikosongkan\. Ketik PIN lagi; sisa 2 kali percobaan\./);
  // Each refused PIN leaves the dots empty: the resident types again without looking for "Kosongkan".
  for (const left of ['1']) {
    await expect(page.locator('.pin-dot.filled')).toHaveCount(0);
    await tapDigits(page, '000000');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await expect(page.getByRole('alert')).toContainText(`sisa ${left} kali`);
  }
  await expect(page.locator('.pin-dot.filled')).toHaveCount(0);
  await tapDigits(page, '000000');
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(page.getByRole('alert')).toContainText('Terlalu banyak PIN salah untuk NIK ini. Coba lagi dalam 15 menit');
  // The right PIN is refused now too.
  await expect(page.locator('.pin-dot.filled')).toHaveCount(0);
  await tapDigits(page, budi.pin);
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(page.getByRole('alert')).toContainText('Terlalu banyak PIN salah');
});
