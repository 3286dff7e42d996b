/**
 * The resident's whole errand on the four kiosk screens villages have:
 * 1920x1080, 1366x768, 1280x1024 (5:4) and portrait 1080x1920, in normal and
 * in large text ("Huruf besar"). On every screen no tappable element may be
 * cut off, off screen, overlapping another, closer than 2.54 mm to another or
 * smaller than 12.7 mm at the configured PPI; keypad, keyboard and
 * confirmation screens must not scroll. Each screen is kept as a screenshot
 * in the test's output folder (test-results/).
 */
import { expect, testWithVillage } from './fixtures';
import { walkResidentScreens } from './screen-walk';
import { KIOSK_SCREENS, layoutProblems, MIN_GAP, MIN_TARGET, scrollingParts, type LayoutProblem } from './layout-checks';

const test = testWithVillage((url) => ({ server: { url }, kiosk: { screenPpi: 102 } }));


for (const size of KIOSK_SCREENS) for (const largeText of [false, true]) {
  const label = `${size.width}x${size.height}${largeText ? ' large text' : ''}`;
  test.describe(label, () => {
    test.use({ viewport: size });

    test(`every screen fits ${label}`, async ({ page, kiosk }, testInfo) => {
      test.setTimeout(90_000);
      const found: Array<LayoutProblem & { screen: string }> = [];
      const check = async (screen: string, options: { noScroll?: boolean } = {}) => {
        await page.waitForTimeout(150); // let a transition settle before measuring
        await page.screenshot({ path: testInfo.outputPath(`${label.replaceAll(' ', '-')}-${screen}.png`) });
        for (const problem of await layoutProblems(page, MIN_TARGET, MIN_GAP)) found.push({ screen, ...problem });
        if (options.noScroll) for (const part of await scrollingParts(page)) found.push({ screen, element: part, problem: 'scrolls' });
      };

      await walkResidentScreens(page, kiosk, check, { largeText });

      await testInfo.attach(`${label} layout problems`, { body: JSON.stringify(found, null, 2), contentType: 'application/json' });
      expect(found).toEqual([]);
    });
  });
}

