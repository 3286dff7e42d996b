import { RESIDENTS } from '../../tools/opensid-sim/seed';
import { expect, test } from './fixtures';

test.use({ kioskDemo: true, kioskConfig: null });

test('without a configured server the kiosk runs against the embedded demo village and says so', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await expect(page.getByText('MODE DEMO')).toBeVisible();
  // The village name comes from the demo server's profile once fetched.
  await expect(page.getByRole('heading', { name: 'Desa Sukamaju' })).toBeVisible({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Sentuh layar untuk mulai' }).click();
  const resident = RESIDENTS[1]!;
  for (const digit of resident.nik) await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: 'Lanjut' }).click();
  for (const digit of resident.pin) await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(page.getByRole('heading', { name: `Selamat datang, ${resident.nama}` })).toBeVisible();
  await expect(page.getByText('MODE DEMO')).toBeVisible();

  await page.getByRole('button', { name: /Informasi Desa/ }).click();
  await expect(page.getByRole('heading', { name: 'Desa Sukamaju' })).toBeVisible();
  await expect(page.getByText('Alamat kantor: Jl. Raya Sukamaju No. 1')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Jadwal Posyandu Bulan Ini' })).toBeVisible();
  // Sanitised: the article's script never reached the page.
  expect(await page.content()).not.toContain('alert(1)');
});
