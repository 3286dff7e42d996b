/**
 * Receipts on the virtual printer (a folder in the kiosk's data directory,
 * with a state.json that can say paper-out), driven through the real UI.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { writeVirtualState } from '../../src/devices/printer/transports/virtual';
import { RESIDENTS } from '../../tools/opensid-sim/seed';
import { expect, signIn, testWithVillage, type KioskHost } from './fixtures';

const test = testWithVillage((url) => ({
  village: { name: 'Desa Sukamaju' },
  server: { url },
  printer: { transport: 'virtual', statusPollSeconds: 1, queuePrefix: 'B' },
}));

const budi = RESIDENTS[0]!;
const printerFolder = (kiosk: KioskHost) => path.join(kiosk.dataDir, 'printer-output');
const receipts = (kiosk: KioskHost) =>
  existsSync(printerFolder(kiosk))
    ? readdirSync(printerFolder(kiosk)).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(path.join(printerFolder(kiosk), f), 'utf8'))
    : [];


async function requestLetter(page: Page, kiosk: KioskHost): Promise<void> {
  await signIn(page, kiosk, budi);
  await page.getByRole('button', { name: /Ajukan Surat/ }).click();
  await page.getByRole('button', { name: /Surat Biodata Penduduk/ }).click();
  // No required field: Lanjut, and the summary (requirements and phone already answered).
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await page.getByRole('button', { name: 'Kirim Permohonan' }).click();
  await expect(page.getByRole('heading', { name: 'Permohonan tersimpan' })).toBeVisible();
}

test('a request prints its receipt, with the right queue number, on the virtual printer', async ({ page, kiosk }) => {
  await requestLetter(page, kiosk);
  await expect(page.locator('.result-queue')).toHaveText('B-001');
  await expect(page.getByText('Bukti sudah tercetak. Ambil kertasnya di printer.')).toBeVisible();
  // The resident holds the paper: no need to copy the reference.
  await expect(page.getByText('Catat atau foto nomor referensi di atas.')).toHaveCount(0);
  const [receipt] = receipts(kiosk);
  expect(receipt).toContain('BUKTI PERMOHONAN SURAT');
  expect(receipt).toMatch(/B +- +0 +0 +1/);
  expect(receipt).toContain('Biodata Penduduk');
  expect(receipt).toContain('320101******0001');
  const reference = (await page.locator('.result-reference-inline').innerText()).trim();
  expect(receipt).toContain(`[QR: ${reference}]`);
});

test('paper out: an honest message, the request is saved, and the receipt reprints once paper is back', async ({ page, kiosk, village }) => {
  writeVirtualState(printerFolder(kiosk), 'paper-out');
  await page.goto(kiosk.url);
  // Before anyone starts, the attract screen says so; requests remain possible.
  await expect(page.getByText('Printer kehabisan kertas: bukti belum bisa dicetak. Permohonan tetap bisa diajukan.')).toBeVisible({ timeout: 5000 });
  await requestLetter(page, kiosk);
  await expect(page.getByRole('alert')).toContainText('Printer kehabisan kertas. Permohonan Anda sudah tersimpan; silakan minta bukti ke petugas.');
  await expect(page.locator('.result-queue')).toHaveText('B-001');
  expect(receipts(kiosk)).toHaveLength(0);
  await expect.poll(() => village.requests().length, { timeout: 10_000 }).toBe(1);

  // A resident cannot fix the printer: no "print again" for them; the note to copy the reference stays.
  await expect(page.getByRole('button', { name: /cetak/i })).toHaveCount(0);
  await expect(page.getByText('Catat atau foto nomor referensi di atas.')).toBeVisible();

  // Staff put paper in and reprint from Permohonan Saya.
  writeVirtualState(printerFolder(kiosk), 'ready');
  await page.getByRole('button', { name: 'Permohonan Saya' }).click();
  await page.getByRole('button', { name: 'Cetak ulang bukti' }).first().click();
  await expect(page.getByText('Bukti sudah tercetak. Ambil kertasnya di printer.')).toBeVisible();
  expect(receipts(kiosk)).toHaveLength(1);
  expect(receipts(kiosk)[0]).toContain('Terkirim');
});

test('a queue ticket without signing in', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: 'Ambil Nomor Antrean' }).click();
  await expect(page.getByRole('dialog')).toContainText('B-001');
  await expect(page.getByText('Tiket sudah tercetak. Ambil kertasnya di printer.')).toBeVisible();
  expect(receipts(kiosk).some((r) => r.includes('NOMOR ANTREAN'))).toBe(true);
  await page.getByRole('button', { name: 'Selesai' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
});
