/**
 * The resident's whole errand on the four kiosk screens villages have:
 * 1920x1080, 1366x768, 1280x1024 (5:4) and portrait 1080x1920. On every
 * screen no tappable element may be cut off, off screen, overlapping another
 * or smaller than 12.7 mm at the configured PPI; keypad, keyboard and
 * confirmation screens must not scroll. Each screen is kept as a screenshot
 * in the test's output folder (test-results/).
 */
import { minTouchTargetCssPx } from '../../src/shared/touch-target';
import { RESIDENTS } from '../../tools/opensid-sim/seed';
import { expect, tapDigits, testWithVillage } from './fixtures';
import { layoutProblems, scrollingParts, type LayoutProblem } from './layout-checks';

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 1280, height: 1024 },
  { width: 1080, height: 1920 },
];
const MIN_TARGET = minTouchTargetCssPx(102, 1);
const budi = RESIDENTS[0]!;

const test = testWithVillage((url) => ({ server: { url }, kiosk: { screenPpi: 102 } }));


for (const size of SIZES) {
  const label = `${size.width}x${size.height}`;
  test.describe(label, () => {
    test.use({ viewport: size });

    test(`every screen fits ${label}`, async ({ page, kiosk }, testInfo) => {
      test.setTimeout(90_000);
      const found: Array<LayoutProblem & { screen: string }> = [];
      const check = async (screen: string, options: { noScroll?: boolean } = {}) => {
        await page.waitForTimeout(150); // let a transition settle before measuring
        await page.screenshot({ path: testInfo.outputPath(`${label}-${screen}.png`) });
        for (const problem of await layoutProblems(page, MIN_TARGET)) found.push({ screen, ...problem });
        if (options.noScroll) for (const part of await scrollingParts(page)) found.push({ screen, element: part, problem: 'scrolls' });
      };

      await page.goto(kiosk.url);
      await expect(page.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeVisible();
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

      await testInfo.attach(`${label} layout problems`, { body: JSON.stringify(found, null, 2), contentType: 'application/json' });
      expect(found).toEqual([]);
    });
  });
}

