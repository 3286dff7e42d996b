/**
 * The layout probe's word check on a page made for it: a word broken in the
 * middle is named; breaks between words, after a hyphen and inside code are
 * not.
 */
import { expect, test } from '@playwright/test';
import { layoutProblems, MIN_GAP, MIN_TARGET } from './layout-checks';

test('names a word split across lines, and nothing that breaks where it may', async ({ page }) => {
  await page.setContent(`
    <style>
      body { font: 24px monospace; }
      .narrow { width: 6ch; margin: 0 0 24px; overflow-wrap: anywhere; }
      code { display: block; }
    </style>
    <p class="narrow">Permohonan</p>
    <p class="narrow">Surat-surat</p>
    <p class="narrow">Lihat status</p>
    <code class="narrow">ADMONEXYZKQ</code>
  `);
  expect(await layoutProblems(page, MIN_TARGET, MIN_GAP)).toEqual([{ element: 'p "Permohonan"', problem: 'the word "Permohonan" is split across lines' }]);
});
