/**
 * English on every resident screen: the switch is there mid-task, the core's
 * refusals come in the chosen language with their numbers (tries left), and
 * the kiosk's own language is back for the next resident.
 */
import { RESIDENTS } from '../../tools/opensid-sim/seed';
import { minTouchGapCssPx, minTouchTargetCssPx } from '../../src/shared/touch-target';
import { expect, tapDigits, testWithVillage } from './fixtures';
import { layoutProblems, scrollingParts } from './layout-checks';

const test = testWithVillage((url) => ({ server: { url } }));
const budi = RESIDENTS[0]!;

test('a resident switches to English mid-task; messages from the core follow, and the next resident starts in Indonesian', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: 'Sentuh layar untuk mulai' }).click();
  await tapDigits(page, budi.nik);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Enter your NIK' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Next' }).click();
  await tapDigits(page, '000000');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert')).toHaveText(/The PIN does not match this NIK and has been cleared\. Enter the PIN again; 2 more tries left\./);

  await tapDigits(page, budi.pin);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Budi Santoso' })).toBeVisible();
  await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  await expect(page.getByRole('heading', { name: 'Selamat datang, Budi Santoso' })).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();

  await expect(page.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
});

// English labels are longer ("Bahasa Indonesia", "High contrast"): the keypad screens must still fit.
for (const size of [
  { width: 1280, height: 1024 },
  { width: 1366, height: 768 },
  { width: 1080, height: 1920 },
]) {
  test.describe(`${size.width}x${size.height}`, () => {
    test.use({ viewport: size });
    test(`the NIK and PIN screens fit in English at ${size.width}x${size.height}`, async ({ page, kiosk }) => {
      const minTarget = minTouchTargetCssPx(102, 1);
      const minGap = minTouchGapCssPx(102, 1);
      await page.goto(kiosk.url);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: 'Touch the screen to start' }).click();
      await tapDigits(page, '32010');
      await page.getByRole('button', { name: 'Next' }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      expect(await layoutProblems(page, minTarget, minGap)).toEqual([]);
      expect(await scrollingParts(page)).toEqual([]);
      await page.getByRole('button', { name: 'Clear' }).click();
      await tapDigits(page, budi.nik);
      await page.getByRole('button', { name: 'Next' }).click();
      await tapDigits(page, '000000');
      await page.getByRole('button', { name: 'Next' }).click();
      await expect(page.getByRole('alert')).toContainText('2 more tries left');
      expect(await layoutProblems(page, minTarget, minGap)).toEqual([]);
      expect(await scrollingParts(page)).toEqual([]);
    });
  });
}
