/**
 * The attract screen from the cached village profile: the server's gallery
 * still shows after the server went down and the kiosk restarted, and after a
 * resident's session the screen shows the village news that session fetched
 * and nothing of the resident.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { startOpensidSim } from '../../tools/opensid-sim/server';
import { RESIDENTS } from '../../tools/opensid-sim/seed';
import { expect, signIn, startKioskHost, testWithVillage } from './fixtures';

base('the gallery still shows after the village server went down and the kiosk restarted', async ({ page }) => {
  const sim = await startOpensidSim();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'adm-e2e-attract-'));
  try {
    const config = { server: { url: sim.url } };
    const first = await startKioskHost(config, { dataDir });
    await page.goto(first.host.url);
    const photo = page.locator('.photo-gallery img');
    await expect(photo).toHaveAttribute('alt', 'Kantor Desa Sukamaju', { timeout: 10_000 });
    const onlineSrc = await photo.getAttribute('src');
    await expect(page.getByRole('img', { name: 'Logo desa' })).toBeVisible();
    await first.stop();

    await sim.setDown(true);
    await expect(fetch(sim.url)).rejects.toThrow(); // really gone
    const second = await startKioskHost(config, { dataDir });
    try {
      await page.goto(second.host.url);
      await expect(photo).toHaveAttribute('alt', 'Kantor Desa Sukamaju');
      expect(await photo.getAttribute('src')).toBe(onlineSrc);
      expect(onlineSrc).toMatch(/^data:image\/png;base64,/);
      // The caption is the server's, the next photo follows by itself.
      await expect(page.locator('.photo-gallery figcaption')).toHaveText('Kantor Desa Sukamaju');
      await expect(photo).toHaveAttribute('alt', 'Balai Dusun I', { timeout: 12_000 });
      await expect(page.getByRole('img', { name: 'Logo desa' })).toBeVisible();
    } finally {
      await second.stop();
    }
  } finally {
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

const test = testWithVillage((url) => ({
  server: { url },
  village: { officeHours: 'Senin-Jumat 08.00-15.00 WIB' },
  attract: { runningText: 'Pelayanan KTP keliling hari Sabtu di Balai Dusun I.' },
}));

test('after a session the attract screen shows the news it fetched and nothing of the resident', async ({ page, kiosk }) => {
  const budi = RESIDENTS[0]!;
  await page.goto(kiosk.url);
  await expect(page.getByText('Kantor desa: Jl. Raya Sukamaju No. 1 · Senin-Jumat 08.00-15.00 WIB')).toBeVisible();
  await expect(page.getByText('Pelayanan KTP keliling hari Sabtu di Balai Dusun I.')).toBeVisible();
  await expect(page.locator('.attract-news')).toHaveCount(0); // no session has fetched news yet

  await signIn(page, kiosk, budi);
  await expect(page.getByRole('heading', { name: `Selamat datang, ${budi.nama}` })).toBeVisible();
  await page.getByRole('button', { name: /Informasi Desa/ }).click();
  await expect(page.getByRole('heading', { name: 'Informasi Desa' })).toBeVisible();
  await page.getByRole('button', { name: 'Kembali' }).click();
  await page.getByRole('button', { name: 'Keluar' }).click();

  await expect(page.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeVisible();
  const news = page.locator('.attract-news li');
  await expect(news).toHaveText(['Kerja Bakti Bersih Desa', 'Jadwal Posyandu Bulan Ini']);
  await expect(news.nth(1).locator('img')).toHaveAttribute('src', /^data:image\/png;base64,/);
  const shown = await page.locator('body').innerText();
  const personal = [budi.nama, budi.nik, budi.nik.slice(0, 6), budi.nik.slice(-4), budi.noTelepon ?? '', 'warga@contoh.invalid', '0812000000'];
  for (const text of personal.filter(Boolean)) expect(shown).not.toContain(text);
});

base('a kiosk whose config.json names no village server says it is not in service yet, asks for no NIK, and still prints queue numbers', async ({ page }) => {
  const { host, stop } = await startKioskHost({ village: { name: 'Desa Sukamaju' } });
  try {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'Desa Sukamaju' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveText(
      'Kios ini belum siap melayani permohonan surat. Silakan ambil nomor antrean dan datang ke loket pelayanan.',
    );
    await expect(page.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toHaveCount(0);
    // A touch anywhere opens no NIK screen.
    await page.locator('.attract').click({ position: { x: 200, y: 900 } });
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Ketik NIK Anda' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Ambil Nomor Antrean' }).click();
    await expect(page.getByRole('heading', { name: 'Nomor antrean Anda' })).toBeVisible();
  } finally {
    await stop();
  }
});
