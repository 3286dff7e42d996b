/**
 * Admin on a demo kiosk (started with no config.json, as `npm start` out of
 * the box): Status says it is a demo, and the first save asks before it ends
 * demo mode. What the question says is then checked after a restart: no demo
 * server, the demo PIN refused, the admin PIN set on the kiosk PC, and Status
 * leading with the village server that is not set.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ADMIN_PIN, expect, setAdminPinOnPc, tapDigits, test } from './fixtures';
import { DEMO_ADMIN_PIN } from '../../src/main/admin/commissioning';

test.use({ kioskDemo: true, kioskConfig: null });

async function openAdminWith(page: Page, pin: string): Promise<void> {
  await expect(page.locator('.attract')).toBeVisible();
  for (let i = 0; i < 5; i++) await page.mouse.click(6, 6);
  await expect(page.getByRole('heading', { name: 'PIN admin' })).toBeVisible();
  await tapDigits(page, pin);
  await page.getByRole('button', { name: 'Buka' }).click();
  await expect(page.getByRole('heading', { name: 'Status kios' })).toBeVisible();
}

test('the first save on a demo kiosk asks first, and after the restart the kiosk is as the question said', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await expect(page.getByText('MODE DEMO')).toBeVisible();
  await openAdminWith(page, DEMO_ADMIN_PIN);
  const verdict = page.getByRole('region', { name: 'Perlu petugas' });
  await expect(verdict.locator('.admin-notice-first')).toContainText('Mode demo: kios memakai server desa contoh bawaan');
  await expect(page.getByText('Semua berjalan baik')).toHaveCount(0);

  await page.getByRole('button', { name: 'Pengaturan' }).click();
  await page.getByRole('button', { name: 'Ubah Waktu diam sebelum peringatan (detik)' }).click();
  const editor = page.getByRole('dialog');
  await editor.getByRole('button', { name: 'Kosongkan' }).first().click();
  await tapDigits(page, '90');
  await editor.getByRole('button', { name: 'Simpan' }).click();

  await page.getByRole('button', { name: 'Simpan perubahan' }).click();
  const question = page.getByRole('alertdialog', { name: 'Menyimpan mengakhiri mode demo' });
  await expect(question).toContainText('Server desa belum diatur: warga tidak bisa masuk');
  await expect(question).toContainText('adm admin set-pin');
  await question.getByRole('button', { name: 'Batal, tetap mode demo' }).click();
  await expect(question).toHaveCount(0);
  expect(existsSync(path.join(kiosk.dataDir, 'config.json'))).toBe(false);

  await page.getByRole('button', { name: 'Simpan perubahan' }).click();
  await question.getByRole('button', { name: 'Ya, simpan dan akhiri mode demo' }).click();
  await expect(page.getByRole('status')).toHaveText('Tersimpan; sudah berlaku.');
  expect(JSON.parse(readFileSync(path.join(kiosk.dataDir, 'config.json'), 'utf8'))).toEqual({ kiosk: { idleSeconds: 90 } });

  await page.getByRole('button', { name: 'Status', exact: true }).click();
  await expect(verdict.locator('.admin-notice-first')).toContainText('Kios ini belum punya PIN admin sendiri, dan PIN demo tidak berlaku lagi.');
  await expect(verdict).toContainText('mode demo berakhir saat kios dimulai ulang');

  await page.getByRole('button', { name: 'Mulai ulang aplikasi' }).click();
  await page.getByRole('button', { name: 'Ya, mulai ulang' }).click();
  // With no village server the attract screen says so and offers only a queue ticket, not a sign-in.
  await expect(page.getByRole('alert')).toHaveText(/Kios ini belum siap melayani permohonan surat/, { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Ambil Nomor Antrean' })).toBeVisible();
  await expect(page.getByText('MODE DEMO')).toHaveCount(0);

  // The demo PIN opens nothing now: the PIN is set on the kiosk PC.
  for (let i = 0; i < 5; i++) await page.mouse.click(6, 6);
  await expect(page.getByRole('heading', { name: 'PIN admin dibuat di komputer kios' })).toBeVisible();
  await page.getByRole('button', { name: 'Batal' }).click();
  setAdminPinOnPc(kiosk);
  await openAdminWith(page, ADMIN_PIN);
  await expect(verdict.locator('.admin-notice-first')).toContainText('Server desa belum diatur');
  await expect(page.locator('.admin-facts')).toContainText('Belum diatur');
  await page.getByRole('button', { name: 'Pengaturan' }).click();
  await expect(page.locator('.admin-setting', { hasText: 'Waktu diam sebelum peringatan (detik)' })).toContainText('90');
});
