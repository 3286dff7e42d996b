import { RESIDENTS } from '../../tools/opensid-sim/seed';
import { expect, signIn, tapDigits, test } from './fixtures';

// A village server is set up (nothing answers on that port), so the kiosk takes sign-ins;
// a kiosk without one offers none (attract.spec.ts).
const withServer = { village: { name: 'Desa Sukamaju' }, server: { url: 'http://127.0.0.1:9' } };
test.use({ kioskConfig: withServer });

test('attract screen shows the village, date and time, then a touch starts identification', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await expect(page.getByRole('heading', { name: 'Desa Sukamaju' })).toBeVisible();
  await expect(page.getByText('Sentuh layar untuk mulai')).toBeVisible();
  await expect(page.locator('.attract-time')).toHaveText(/^\d{2}[.:]\d{2}$/);
  await expect(page.locator('.attract-date')).toContainText(/\d{4}/);
  await page.locator('.attract').click({ position: { x: 200, y: 900 } });
  await expect(page.getByRole('heading', { name: 'Ketik NIK Anda' })).toBeVisible();
  // One count for the whole errand: signing in is its first step.
  await expect(page.getByText('Langkah 1 dari 5')).toBeVisible();
  // UX.md: every target at least 12.7 mm (51 px at the default 102 PPI) with >= 2.54 mm gaps.
  const boxes = [];
  for (const button of await page.getByRole('button').all()) boxes.push((await button.boundingBox())!);
  for (const box of boxes) expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(51);
  const one = (await page.getByRole('button', { name: '1', exact: true }).boundingBox())!;
  const two = (await page.getByRole('button', { name: '2', exact: true }).boundingBox())!;
  expect(two.x - (one.x + one.width)).toBeGreaterThanOrEqual(10);
});

test('invalid NIKs are explained in plain Indonesian', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: 'Sentuh layar untuk mulai' }).click();
  const alert = page.getByRole('alert');

  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(alert).toContainText('NIK belum diisi');

  await tapDigits(page, '3201011501');
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(alert).toContainText('NIK harus 16 angka. Baru 10 angka yang diketik, kurang 6 angka lagi.');

  await page.getByRole('button', { name: 'Kosongkan' }).click();
  await tapDigits(page, '9901011501900001');
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(alert).toContainText('Dua angka pertama NIK (99) bukan kode provinsi yang benar');

  await page.getByRole('button', { name: 'Kosongkan' }).click();
  await tapDigits(page, '3201013002900001');
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(alert).toContainText('Angka ke-7 sampai ke-12 NIK (300290) harus tanggal lahir yang benar');

  // A woman's NIK (day + 40) and a temporary NIK are accepted.
  await page.getByRole('button', { name: 'Kosongkan' }).click();
  await tapDigits(page, '3201015501900001');
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(page.getByRole('heading', { name: 'Ketik PIN Anda' })).toBeVisible();
  await page.getByRole('button', { name: 'Kembali' }).click();
  await page.getByRole('button', { name: 'Kosongkan' }).click();
  await tapDigits(page, '0000000000001234');
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(page.getByRole('heading', { name: 'Ketik PIN Anda' })).toBeVisible();
});

test('the PIN is masked', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: 'Sentuh layar untuk mulai' }).click();
  await tapDigits(page, '3201011501900001');
  await expect(page.locator('.nik-value')).toHaveText('3201 0115 0190 0001');
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(page.getByText('Langkah 1 dari 5')).toBeVisible();
  await tapDigits(page, '482916');
  await expect(page.locator('.pin-dot.filled')).toHaveCount(6);
  await expect(page.getByText('6 dari 6 angka')).toBeVisible();
  const html = await page.content();
  expect(html).not.toContain('482916');
  for (const digit of '482916') expect(await page.locator('.pin-value').innerText()).not.toContain(digit);
});

test.describe('a wrong PIN', () => {
  // The demo village server answers, so the PIN is checked.
  test.use({ kioskDemo: true, kioskConfig: null });

  test('is cleared with a message saying so, and the next taps type the PIN again', async ({ page, kiosk }) => {
    const budi = RESIDENTS[0]!;
    await signIn(page, kiosk, { nik: budi.nik, pin: '000000' });
    await expect(page.getByRole('alert')).toHaveText(/PIN tidak cocok dengan NIK ini dan sudah dikosongkan\. Ketik PIN lagi; sisa 2 kali percobaan\./);
    await expect(page.locator('.pin-dot.filled')).toHaveCount(0);
    await expect(page.getByText('0 dari 6 angka')).toBeVisible();
    // No "Kosongkan" first: the right PIN straight away.
    await tapDigits(page, budi.pin);
    await expect(page.locator('.pin-dot.filled')).toHaveCount(6);
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await expect(page.getByRole('heading', { name: `Selamat datang, ${budi.nama}` })).toBeVisible();
  });
});

test.describe('idle', () => {
  test.use({ kioskConfig: { ...withServer, kiosk: { idleSeconds: 2, idleWarningSeconds: 3 } } });

  test('warns with a countdown and a tone, then resets and clears what was typed', async ({ page, kiosk }) => {
    await page.goto(kiosk.url);
    await page.getByRole('button', { name: 'Sentuh layar untuk mulai' }).click();
    await tapDigits(page, '320101');
    await expect(page.locator('.nik-value')).toHaveText('3201 01__ ____ ____');
    const warning = page.getByRole('alertdialog');
    await expect(warning).toBeVisible({ timeout: 5_000 });
    await expect(warning).toContainText('Masih di sini?');
    await expect(warning).toContainText(/kembali ke awal dalam [1-3] detik/);
    await expect(warning).not.toHaveAttribute('data-tones', '0');
    await expect(page.getByText('Sentuh layar untuk mulai')).toBeVisible({ timeout: 6_000 });
    await expect(warning).toBeHidden();
    await page.getByRole('button', { name: 'Sentuh layar untuk mulai' }).click();
    await expect(page.locator('.nik-value')).toHaveText('____ ____ ____ ____');
  });

  test('one tap on the warning continues the session', async ({ page, kiosk }) => {
    await page.goto(kiosk.url);
    await page.getByRole('button', { name: 'Sentuh layar untuk mulai' }).click();
    await tapDigits(page, '3201');
    await expect(page.getByRole('alertdialog')).toBeVisible({ timeout: 5_000 });
    await page.getByRole('button', { name: 'Lanjutkan' }).click();
    await expect(page.getByRole('alertdialog')).toBeHidden();
    await expect(page.locator('.nik-value')).toHaveText('3201 ____ ____ ____');
  });
});
