/**
 * Keyboard-wedge card readers and scanners in the real page: their keys are
 * captured before the page, the core tells bursts from people, and the
 * screens follow. The village server knows Budi's card (tag_id_card
 * 1234567890), which the kiosk learns when he first signs in.
 */
import type { Page } from '@playwright/test';
import { RESIDENTS } from '../../tools/opensid-sim/seed';
import { expect, signIn, tapDigits, testWithVillage, type KioskHost } from './fixtures';

// Key timings through the DevTools protocol jitter by a hundred milliseconds or so on a busy test
// machine, so this spec allows 400 ms between a reader's keys; the default (150 ms) is
// checked against recorded timelines in tests/devices/input/burst-detector.test.ts.
const MAX_GAP_MS = 400;
const test = testWithVillage((url) => ({ server: { url }, input: { maxGapMs: MAX_GAP_MS } }));
const budi = RESIDENTS[0]!;


async function signInAsBudi(page: Page, kiosk: KioskHost): Promise<void> {
  await signIn(page, kiosk, budi);
  await expect(page.getByRole('heading', { name: 'Selamat datang, Budi Santoso' })).toBeVisible();
}

/** Budi signs in once by typing (the kiosk learns his card from the server), then leaves. */
async function firstVisit(page: Page, kiosk: KioskHost): Promise<void> {
  await signInAsBudi(page, kiosk);
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeVisible();
}

for (const delay of [10, 90]) {
  test(`a card reader typing at ${delay} ms per key fills in the NIK; the PIN signs in`, async ({ page, kiosk }) => {
    await firstVisit(page, kiosk);
    await page.keyboard.type(budi.tagIdCard!, { delay });
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Ketik PIN Anda' })).toBeVisible();
    await tapDigits(page, budi.pin);
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await expect(page.getByRole('heading', { name: 'Selamat datang, Budi Santoso' })).toBeVisible();
  });
}

test('an unknown card asks for the NIK', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await expect(page.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeVisible();
  await page.keyboard.type('AABBCCDD', { delay: 10 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Kartu belum dikenali, silakan masukkan NIK.');
  await expect(page.getByRole('heading', { name: 'Ketik NIK Anda' })).toBeVisible();
});

test('typing on a keyboard at human speed does nothing', async ({ page, kiosk }) => {
  await firstVisit(page, kiosk);
  await page.keyboard.type(budi.tagIdCard!, { delay: MAX_GAP_MS + 300 });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500); // nothing is expected to happen: give it the chance to
  await expect(page.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeVisible();
});

test('a scanned receipt opens its status; its owner\'s PIN shows the latest from the office', async ({ page, kiosk, village }) => {
  await signInAsBudi(page, kiosk);
  await page.getByRole('button', { name: /Ajukan Surat/ }).click();
  await page.getByRole('button', { name: /Surat Pengantar SKCK/ }).click();
  for (const key of 'KERJA') await page.getByRole('button', { name: key, exact: true }).click();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await page.getByRole('button', { name: 'Kirim Permohonan' }).click();
  const reference = (await page.locator('.result-reference-inline').innerText()).trim();
  await page.getByRole('button', { name: 'Selesai' }).click();
  await expect(page.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeVisible();

  await page.keyboard.type(reference, { delay: 8 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Status permohonan' })).toBeVisible();
  await expect(page.locator('.summary')).toContainText('Surat Pengantar SKCK');
  await expect(page.locator('.summary')).toContainText(reference);
  await expect(page.locator('.summary')).not.toContainText('Budi');

  // The office has finished the letter meanwhile.
  await expect.poll(() => village.requests().length).toBe(1);
  village.setStatus(village.requests()[0]!.id, 3);
  await page.getByRole('button', { name: 'Lihat status terbaru' }).click();
  await expect(page.getByRole('heading', { name: 'Ketik PIN Anda' })).toBeVisible();
  await expect(page.locator('.step-hint').first()).toContainText(reference);
  await expect(page.getByText(budi.nik.slice(0, 4))).toHaveCount(0); // the NIK never reaches this screen
  await tapDigits(page, budi.pin);
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(page.getByRole('heading', { name: 'Permohonan Saya' })).toBeVisible();
  const marked = page.locator('.request-item[aria-current="true"]');
  await expect(marked).toContainText(reference);
  await expect(marked).toContainText('Siap Diambil');
});
