/**
 * axe-core on every resident screen of the errand (tests/e2e/screen-walk.ts),
 * in Chromium, in the normal theme and in "Kontras tinggi": no serious or
 * critical violation (colour contrast included). Each screen's full result
 * is attached to the test's report.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, testWithVillage } from './fixtures';
import { walkResidentScreens } from './screen-walk';

const test = testWithVillage((url) => ({ server: { url } }));

for (const highContrast of [false, true]) {
  test(`every resident screen passes axe-core without serious or critical violations${highContrast ? ', in high contrast' : ''}`, async ({ page, kiosk }, testInfo) => {
    test.setTimeout(120_000);
    const found: Array<{ screen: string; rule: string; impact: string; targets: string[] }> = [];
    await walkResidentScreens(page, kiosk, async (screen) => {
      await page.waitForTimeout(150); // let a transition settle before measuring
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      await testInfo.attach(`axe ${screen}`, { body: JSON.stringify(result.violations, null, 2), contentType: 'application/json' });
      for (const violation of result.violations) {
        if (violation.impact === 'serious' || violation.impact === 'critical') {
          found.push({ screen, rule: violation.id, impact: violation.impact, targets: violation.nodes.map((n) => n.target.join(' ')) });
        }
      }
    }, { highContrast });
    expect(found).toEqual([]);
    if (highContrast) await expect(page.locator('.kiosk')).toHaveClass(/high-contrast/);
  });
}
