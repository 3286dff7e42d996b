/**
 * The resident's whole errand, screen by screen, in Bahasa Indonesia: the
 * attract screen, a NIK with a message, a wrong PIN, the menu, the letter list
 * and its search, a number field, a text field, the summary, the phone, the
 * requirements, the result, Permohonan Saya and Informasi Desa, optionally
 * with high contrast chosen first. `check` is called on each
 * (layout checks, accessibility checks).
 */
import type { Page } from '@playwright/test';
import { RESIDENTS } from '../../tools/opensid-sim/seed';
import { expect, tapDigits, type KioskHost } from './fixtures';

export type ScreenCheck = (screen: string, options?: { noScroll?: boolean }) => Promise<void>;

const budi = RESIDENTS[0]!;

export interface DisplayChoice {
  highContrast?: boolean;
}

export async function walkResidentScreens(page: Page, kiosk: KioskHost, check: ScreenCheck, display: DisplayChoice = {}): Promise<void> {
  await page.goto(kiosk.url);
  await expect(page.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeVisible();
  // Chosen on the attract screen, kept for the whole session.
  if (display.highContrast) await page.getByRole('button', { name: 'Kontras tinggi' }).click();
  await check('attract', { noScroll: true });
  await page.getByRole('button', { name: 'Sentuh layar untuk mulai' }).click();
  await tapDigits(page, '32010');
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await check('nik-with-message', { noScroll: true });
  await page.getByRole('button', { name: 'Kosongkan' }).click();
  await tapDigits(page, budi.nik);
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await tapDigits(page, '000000');
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(page.getByRole('alert')).toContainText('sisa 2 kali');
  await check('pin-wrong', { noScroll: true });
  await page.getByRole('button', { name: 'Kosongkan' }).click();
  await tapDigits(page, budi.pin);
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(page.getByRole('heading', { name: /Selamat datang/ })).toBeVisible();
  await check('menu', { noScroll: true });

  await page.getByRole('button', { name: /Ajukan Surat/ }).click();
  await expect(page.getByRole('button', { name: /Keterangan Domisili/ }).first()).toBeVisible();
  await check('letters');
  await page.getByRole('button', { name: /Cari surat/ }).click();
  await check('letters-search');
  await page.getByRole('button', { name: /Cari surat/ }).click();
  await page.getByRole('button', { name: /Surat Keterangan Domisili\b/ }).first().click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await check('field-number', { noScroll: true });
  await tapDigits(page, '12');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByRole('dialog')).toContainText('Keperluan');
  await check('field-text', { noScroll: true });
  for (const key of 'KERJA') await page.getByRole('button', { name: key, exact: true }).click();
  await page.getByRole('button', { name: 'Simpan' }).click();
  // Requirements have their default and the phone came from the server: straight to the summary.
  await expect(page.getByRole('heading', { name: 'Periksa permohonan' })).toBeVisible();
  await check('summary', { noScroll: true });
  await page.getByRole('button', { name: 'Ubah Nomor HP aktif' }).click();
  await expect(page.getByRole('heading', { name: 'Nomor HP aktif' })).toBeVisible();
  await check('phone', { noScroll: true });
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await page.getByRole('button', { name: /^Ubah Fotokopi KTP/ }).click();
  await expect(page.getByRole('heading', { name: 'Persyaratan' })).toBeVisible();
  await check('requirements');
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(page.getByRole('heading', { name: 'Periksa permohonan' })).toBeVisible();
  await page.getByRole('button', { name: 'Kirim Permohonan' }).click();
  await expect(page.getByRole('heading', { name: 'Permohonan tersimpan' })).toBeVisible();
  await expect(page.getByText('Bukti sudah tercetak')).toBeVisible({ timeout: 10_000 });
  await check('result', { noScroll: true });
  await page.getByRole('button', { name: 'Permohonan Saya' }).click();
  await expect(page.getByRole('heading', { name: 'Permohonan Saya' })).toBeVisible();
  await check('my-requests');
  await page.getByRole('button', { name: 'Kembali' }).click();
  await page.getByRole('button', { name: /Informasi Desa/ }).click();
  await expect(page.getByRole('heading', { name: 'Informasi Desa' })).toBeVisible();
  await check('village-info');
}
