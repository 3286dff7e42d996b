/**
 * "Bantuan" on every resident screen: two sentences for that screen, and
 * "Panggil petugas", which the office's log records and which leaves a notice
 * on screen until staff close it, whatever the resident does next.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RESIDENTS } from '../../tools/opensid-sim/seed';
import { expect, signIn, testWithVillage } from './fixtures';

const test = testWithVillage((url) => ({ server: { url } }));

test('help on the letter list, a call for staff that stays until staff close it', async ({ page, kiosk }) => {
  await signIn(page, kiosk, RESIDENTS[0]!);
  await page.getByRole('button', { name: /Ajukan Surat/ }).click();
  await page.getByRole('button', { name: 'Bantuan', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('yang paling sering diminta ada di atas');
  await dialog.getByRole('button', { name: 'Panggil petugas' }).click();
  await expect(page.getByText(/Petugas sudah dipanggil \(\d{2}\.\d{2}\)/)).toBeVisible();

  // The resident leaves.
  await page.getByRole('button', { name: 'Batal', exact: true }).click();
  await page.getByRole('button', { name: 'Keluar', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeVisible();
  await expect(page.getByText(/Petugas sudah dipanggil/)).toBeVisible();
  const log = readFileSync(path.join(kiosk.dataDir, 'logs', 'adm.log'), 'utf8');
  expect(log).toContain('"screen":"letters"');
  expect(log).toContain('Panggil petugas');
  await page.getByRole('button', { name: 'Petugas: tutup pesan ini' }).click();
  await expect(page.getByText(/Petugas sudah dipanggil/)).toHaveCount(0);
});
