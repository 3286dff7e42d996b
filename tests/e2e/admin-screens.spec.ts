/**
 * Every admin screen on the four kiosk screens (1920x1080, 1366x768,
 * 1280x1024, portrait 1080x1920): a technician works them on the same
 * touchscreen as residents, so the same rules hold (nothing cut off, off
 * screen, overlapping, closer than 2.54 mm or smaller than 12.7 mm, no word
 * broken across lines), and axe-core finds no serious or critical violation. Screenshots of each are
 * kept in the test's output folder, one for every screenful of a screen that scrolls, each checked too.
 */
import { writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { admOnPc, expect, openAdmin, testWithVillage } from './fixtures';
import { KIOSK_SCREENS, layoutProblems, MIN_GAP, MIN_TARGET, type LayoutProblem } from './layout-checks';
const PAGES: Array<{ nav: string; heading: string }> = [
  { nav: 'Status', heading: 'Status kios' },
  { nav: 'Server', heading: 'Server desa' },
  { nav: 'Permohonan', heading: 'Permohonan di kios' },
  { nav: 'Printer', heading: 'Printer' },
  { nav: 'Pembaca', heading: 'Pembaca kartu dan pemindai' },
  { nav: 'Pengaturan', heading: 'Pengaturan kios' },
  { nav: 'Keamanan', heading: 'Keamanan' },
  { nav: 'Catatan', heading: 'Catatan' },
];

/** At most this many further screenfuls of one screen are looked at (Pengaturan is the longest). */
const MAX_SCREENFULS = 15;
/**
 * Marks the screen's largest scrolling part and answers how many further screenfuls (90% of its height each, so
 * rows cut at an edge are seen whole in the next) it holds; 0 when nothing scrolls.
 */
const SCROLLER_SCRIPT = `(() => {
  document.querySelector('[data-screenful-scroller]')?.removeAttribute('data-screenful-scroller');
  const scrolls = (el) => /(auto|scroll)/.test(getComputedStyle(el).overflowY) && el.scrollHeight > el.clientHeight + 1;
  let largest = null;
  for (const el of document.querySelectorAll('*')) if (scrolls(el) && (!largest || el.clientHeight > largest.clientHeight)) largest = el;
  if (!largest) return 0;
  largest.setAttribute('data-screenful-scroller', '');
  return Math.ceil((largest.scrollHeight - largest.clientHeight) / (largest.clientHeight * 0.9));
})()`;

// Letter printing on: the Printer page's A4 / Surat section shows CUPS and its queues, not only how to turn it on.
const test = testWithVillage((url) => ({ server: { url }, kiosk: { screenPpi: 102 }, admin: { gestureSeconds: 10 }, letterPrinter: { enabled: true } }));

for (const size of KIOSK_SCREENS) {
  const label = `${size.width}x${size.height}`;
  test.describe(label, () => {
    test.use({ viewport: size });

    test(`every admin screen fits ${label} and passes axe-core`, async ({ page, kiosk }, testInfo) => {
      test.setTimeout(90_000);
      await page.goto(kiosk.url);
      const found: Array<LayoutProblem & { screen: string }> = [];
      const serious: Array<{ screen: string; id: string; nodes: string[] }> = [];
      const check = async (screen: string) => {
        await page.screenshot({ path: testInfo.outputPath(`${label}-${screen}.png`), fullPage: true });
        for (const problem of await layoutProblems(page, MIN_TARGET, MIN_GAP)) found.push({ screen, ...problem });
        const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        for (const violation of result.violations) {
          if (violation.impact === 'serious' || violation.impact === 'critical') {
            serious.push({ screen, id: violation.id, nodes: violation.nodes.map((node) => node.target.join(' ')) });
          }
        }
      };

      // A screen longer than the panel scrolls in its own part: each further screenful is checked and kept as a
      // picture of its own (`<screen>-2.png`, ...), so what lies below the first one is looked at too.
      const checkEachScreenful = async (screen: string) => {
        const further = (await page.evaluate(SCROLLER_SCRIPT)) as number;
        for (let screenful = 1; screenful <= Math.min(further, MAX_SCREENFULS); screenful++) {
          await page.evaluate(`document.querySelector('[data-screenful-scroller]').scrollTo({ top: ${screenful} * document.querySelector('[data-screenful-scroller]').clientHeight * 0.9, behavior: 'instant' })`);
          await page.screenshot({ path: testInfo.outputPath(`${label}-${screen}-${screenful + 1}.png`) });
          for (const problem of await layoutProblems(page, MIN_TARGET, MIN_GAP)) found.push({ screen: `${screen} (screenful ${screenful + 1})`, ...problem });
        }
        await page.evaluate(`document.querySelector('[data-screenful-scroller]')?.scrollTo({ top: 0, behavior: 'instant' })`);
      };

      // A kiosk in service without an admin PIN says where it is set, and nothing else.
      await expect(page.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeVisible();
      for (let i = 0; i < 5; i++) await page.mouse.click(6, 6);
      await expect(page.getByRole('heading', { name: 'PIN admin dibuat di komputer kios' })).toBeVisible();
      await check('PIN-di-komputer');
      await page.getByRole('button', { name: 'Batal' }).click();

      // A technician's printer test on the PC: an audit entry with long paths in its detail.
      await openAdmin(page, kiosk);
      admOnPc(kiosk, ['printer', 'test']);
      for (const { nav, heading } of PAGES) {
        await page.getByRole('navigation', { name: 'Menu admin' }).getByRole('button', { name: nav, exact: true }).click();
        await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
        await page.waitForTimeout(150); // let the screen's first data arrive before measuring
        await check(nav);
        await checkEachScreenful(nav);
      }
      await testInfo.attach(`${label} admin problems`, { body: JSON.stringify({ found, serious }, null, 2), contentType: 'application/json' });
      writeFileSync(testInfo.outputPath('admin-problems.json'), JSON.stringify({ found, serious }, null, 2));
      expect(found).toEqual([]);
      expect(serious).toEqual([]);
    });
  });
}
