/**
 * The resident's whole errand on the four kiosk screens villages have:
 * 1920x1080, 1366x768, 1280x1024 (5:4) and portrait 1080x1920, each in normal
 * text, large text ("Huruf besar"), high contrast ("Kontras tinggi") and
 * English, and large text once more on a kiosk that prints letters. The
 * other large-text walk and the high-contrast walk run on a demo kiosk, so the
 * "MODE DEMO" badge is on every screen of them. On every screen no tappable
 * element may be cut off, off screen, overlapping another, closer than 2.54 mm
 * to another or smaller than 12.7 mm at the configured PPI; no text or
 * tappable element may lie under anything else (the badge, the hidden admin
 * corner, a dialog), no text may be cut off and no word broken across two
 * lines; keypad, keyboard and confirmation screens must not scroll. Each
 * screen is kept as a screenshot in the test's output folder (test-results/).
 */
import { writeFileSync } from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test as demoTest, testWithVillage, type KioskHost } from './fixtures';
import { walkResidentScreens, type DisplayChoice } from './screen-walk';
import { KIOSK_SCREENS, layoutProblems, MIN_GAP, MIN_TARGET, scrollingParts, type LayoutProblem } from './layout-checks';

// 102 PPI is also the kiosk's default, which the demo kiosk (no config.json) runs with.
// Letter printing on: Surat Saya offers Budi's signed letter for printing, and the walk takes its preview too.
const villageTest = testWithVillage((url) => ({ server: { url }, kiosk: { screenPpi: 102 }, letterPrinter: { enabled: true } }));
demoTest.use({ kioskDemo: true, kioskConfig: null });

const WALKS: Array<{ name: string; display: DisplayChoice; demo: boolean }> = [
  { name: 'normal', display: { letterPrinting: true }, demo: false },
  { name: 'large text', display: { largeText: true }, demo: true },
  { name: 'high contrast', display: { highContrast: true }, demo: true },
  { name: 'English', display: { language: 'en', letterPrinting: true }, demo: false },
  // The demo kiosk prints no letters: large text on Surat Saya with Cetak, and on the preview, needs a village kiosk.
  { name: 'large text letters', display: { largeText: true, letterPrinting: true }, demo: false },
];

type Walk = (typeof WALKS)[number];

function walkAndCheck(walk: Walk, label: string) {
  return async ({ page, kiosk }: { page: Page; kiosk: KioskHost }, testInfo: TestInfo) => {
    testInfo.setTimeout(90_000);
    const found: Array<LayoutProblem & { screen: string }> = [];
    const check = async (screen: string, options: { noScroll?: boolean } = {}) => {
      await page.waitForTimeout(150); // let a transition settle before measuring
      if (walk.demo) await expect(page.locator('.demo-badge')).toBeVisible();
      // The admin corner is seen in no theme (the probe below finds what lies under it).
      await expect(page.locator('.admin-corner')).toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
      await page.screenshot({ path: testInfo.outputPath(`${label.replaceAll(' ', '-')}-${screen}.png`) });
      for (const problem of await layoutProblems(page, MIN_TARGET, MIN_GAP)) found.push({ screen, ...problem });
      if (options.noScroll) for (const part of await scrollingParts(page)) found.push({ screen, element: part, problem: 'scrolls' });
    };

    await walkResidentScreens(page, kiosk, check, walk.display);

    await testInfo.attach(`${label} layout problems`, { body: JSON.stringify(found, null, 2), contentType: 'application/json' });
    writeFileSync(testInfo.outputPath('layout-problems.json'), JSON.stringify(found, null, 2));
    expect(found).toEqual([]);
  };
}

for (const size of KIOSK_SCREENS) for (const walk of WALKS) {
  const label = `${size.width}x${size.height} ${walk.name}${walk.demo ? ' demo' : ''}`;
  if (walk.demo) {
    demoTest.describe(label, () => {
      demoTest.use({ viewport: size });
      demoTest(`every screen fits ${label}`, walkAndCheck(walk, label));
    });
  } else {
    villageTest.describe(label, () => {
      villageTest.use({ viewport: size });
      villageTest(`every screen fits ${label}`, walkAndCheck(walk, label));
    });
  }
}
