/**
 * Screen transitions as residents feel them (run with `npm run bench`, after
 * `npm run build`): the built web host in Chromium, a full resident flow
 * (attract, NIK, PIN and sign-in, menu, letter list, a form field typed on
 * the on-screen keyboard, summary, send, done) repeated, and the renderer's
 * own User Timing entries (`src/renderer/screen-timing.ts`: from the touch
 * to the first frame of the next screen) collected: p50 and p95 of all,
 * and the slowest screen's p95.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { SCREEN_TRANSITION_PREFIX } from '../src/shared/screen-timing';
import { RESIDENTS } from '../tools/opensid-sim/seed';
import { startBuiltWebHost } from './lib/built-web-host';
import { fail, median, percentile, progress, report, round } from './lib/report';

const FLOWS = 8;
/** The screens of one flow, in order, each entered by a touch. */
const EXPECTED = 'identify-nik identify-pin menu letters form-fields form-confirm done attract';

async function tap(page: Page, name: string | RegExp, exact = false): Promise<void> {
  await page.getByRole('button', { name, exact }).click();
}

/** The same resident each time (Budi: a phone number on file, so the flow has no phone step); well under the kiosk's sign-in limit. */
async function residentFlow(page: Page): Promise<void> {
  const resident = RESIDENTS[0]!;
  await tap(page, 'Sentuh layar untuk mulai');
  for (const digit of resident.nik) await tap(page, digit, true);
  await tap(page, 'Lanjut');
  for (const digit of resident.pin) await tap(page, digit, true);
  await tap(page, 'Lanjut');
  await tap(page, /Ajukan Surat/);
  await tap(page, /Surat Keterangan Penduduk/);
  await page.getByRole('heading', { name: 'Keperluan' }).waitFor();
  for (const key of 'KERJA') await tap(page, key, true);
  await tap(page, 'Simpan');
  await page.getByRole('heading', { name: 'Periksa permohonan' }).waitFor();
  await tap(page, 'Kirim Permohonan');
  await page.getByRole('heading', { name: 'Permohonan tersimpan' }).waitFor();
  await tap(page, 'Selesai');
  await page.getByRole('button', { name: 'Sentuh layar untuk mulai' }).waitFor();
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'adm-bench-screens-'));
  // Demo mode (no config.json): the embedded demo village server.
  const host = await startBuiltWebHost(dataDir);
  const browser = await chromium.launch({
    executablePath: process.env.ADM_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID' });
    await page.goto(host.url);
    const byScreen = new Map<string, number[]>();
    // The first flow warms up the page's code and the demo server; it is not counted.
    for (let n = 0; n <= FLOWS; n++) {
      await page.evaluate(() => performance.clearMeasures());
      await residentFlow(page);
      // The last screen's entry is written at its first frame, just after it became visible.
      await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, `${SCREEN_TRANSITION_PREFIX}attract`);
      const entries = await page.evaluate((prefix) => performance.getEntriesByType('measure').filter((e) => e.name.startsWith(prefix)).map((e) => [e.name.slice(prefix.length), e.duration] as const), SCREEN_TRANSITION_PREFIX);
      if (n === 0) continue;
      const screens = entries.map(([screen]) => screen).join(' ');
      if (screens !== EXPECTED) throw new Error(`the flow's screens were ${screens}, not ${EXPECTED}`);
      for (const [screen, duration] of entries) byScreen.set(screen, [...(byScreen.get(screen) ?? []), duration]);
      progress(`flow ${n} of ${FLOWS}: ${entries.length} transitions`);
    }
    const all = [...byScreen.values()].flat();
    const perScreen = Object.fromEntries([...byScreen].map(([screen, times]) => [screen, { n: times.length, p50Ms: round(median(times), 1), p95Ms: round(percentile(times, 95), 1) }]));
    const slowest = Object.entries(perScreen).sort((a, b) => b[1].p95Ms - a[1].p95Ms)[0]!;
    const result = { flows: FLOWS, transitions: all.length, p50Ms: round(median(all), 1), p95Ms: round(percentile(all, 95), 1), slowest: { screen: slowest[0], ...slowest[1] }, perScreen };
    report(
      [
        ['screen transition p50, full resident flow (ms)', result.p50Ms],
        ['screen transition p95, full resident flow (ms)', result.p95Ms],
        [`slowest screen p95: ${slowest[0]} (ms)`, slowest[1].p95Ms],
      ],
      result,
    );
  } finally {
    await browser.close();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch(fail);
