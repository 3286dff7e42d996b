/**
 * Spoken prompts in the real page: the core renders the screen's prompt with
 * espeak-ng, Chromium decodes and plays the WAV. With audio guidance on, each
 * new screen speaks by itself; "Dengarkan" repeats it.
 */
import type { Page } from '@playwright/test';
import { expect, testWithVillage } from './fixtures';

const test = testWithVillage((url) => ({ server: { url }, kiosk: { audioGuidance: true } }));

/** Records every prompt the page plays: its duration as Chromium decoded it (in-page code, as a string: no DOM types here). */
const RECORD_PLAYBACK = `
  window.played = [];
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function () {
    this.addEventListener('loadedmetadata', () => window.played.push(Math.round(this.duration * 1000)), { once: true });
    return play.call(this);
  };
`;

const playedDurations = (page: Page) => page.evaluate('window.played') as Promise<number[]>;
const played = async (page: Page) => (await playedDurations(page)).length;

test('each screen speaks its prompt by itself; Dengarkan says it again', async ({ page, kiosk }) => {
  await page.addInitScript(RECORD_PLAYBACK);
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: 'Sentuh layar untuk mulai' }).click();
  await expect(page.getByRole('heading', { name: 'Ketik NIK Anda' })).toBeVisible();
  await expect.poll(() => played(page)).toBeGreaterThanOrEqual(2); // the attract screen's prompt, then the NIK's
  const before = await played(page);
  await page.getByRole('button', { name: 'Dengarkan' }).click();
  await expect.poll(() => played(page)).toBe(before + 1);
  const durations = await playedDurations(page);
  // "Ketik enam belas angka NIK Anda, lalu sentuh Lanjut." is a few seconds of speech, as decoded by Chromium.
  expect(durations.at(-1)).toBeGreaterThan(2000);
  expect(durations.at(-1)).toBeLessThan(10000);
});
