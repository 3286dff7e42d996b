/**
 * The kiosk page's first load stays small: the JavaScript index.html loads at
 * once (its module script and the modules it preloads, gzipped) is under a
 * budget, and pdf.js (the letter preview's, `src/renderer/pdf/render-pdf.ts`)
 * comes only in a chunk loaded on that screen, with its worker as a file of
 * our own. The renderer is built afresh into a temporary folder (a second or
 * two), so the test never reads a stale dist/.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipBytes, pageScripts } from '../../bench/lib/page-scripts';

/**
 * Gzipped bytes of the kiosk page's first-load JavaScript. Measured at
 * 131,841 when the letter preview came (React, i18next and both locales, and
 * every resident screen but pdf.js); about 5% of room above that. A change
 * that needs more should say why here, or load its part lazily.
 */
const KIOSK_FIRST_LOAD_GZIP_BUDGET = 138_000;

/** Strings only pdf.js's display layer has (its global and its worker options). */
const PDFJS_MARKERS = ['pdfjsLib', 'GlobalWorkerOptions'];

let outDir = '';
beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'adm-renderer-build-'));
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    stdio: 'inherit',
    // As `npm run build` runs it: vitest's NODE_ENV=test would build React's development bundle.
    env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
}, 120_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const read = (file: string) => readFileSync(path.join(outDir, file), 'utf8');
const assets = () => readdirSync(path.join(outDir, 'assets')).map((file) => `assets/${file}`);
const hasPdfjs = (file: string) => PDFJS_MARKERS.some((marker) => read(file).includes(marker));

describe('the built renderer', () => {
  it("keeps the kiosk page's first load under its budget", () => {
    const scripts = pageScripts(outDir, 'index.html');
    expect(scripts.length).toBeGreaterThan(0);
    expect(gzipBytes(outDir, scripts)).toBeLessThanOrEqual(KIOSK_FIRST_LOAD_GZIP_BUDGET);
  });

  it('loads pdf.js on neither page at once, only in a chunk of its own', () => {
    for (const page of ['index.html', 'admin.html']) {
      for (const script of pageScripts(outDir, page)) expect(hasPdfjs(script), `${page}: ${script}`).toBe(false);
      expect(read(page)).not.toMatch(/render-pdf|pdf\.worker/);
    }
    const lazy = assets().filter((file) => file.endsWith('.js') && hasPdfjs(file));
    expect(lazy).toEqual([expect.stringMatching(/^assets\/render-pdf-[\w-]+\.js$/)]);
    // The kiosk's entry reaches it only through import().
    const entry = pageScripts(outDir, 'index.html').find((file) => file.startsWith('assets/index-'))!;
    expect(read(entry)).toMatch(new RegExp(`import\\([^)]*${path.basename(lazy[0]!).replace('.', '\\.')}`));
  });

  it("ships pdf.js's worker as a file of our own, named by the chunk that starts it", () => {
    const worker = assets().filter((file) => /^assets\/pdf\.worker\.min-[\w-]+\.mjs$/.test(file));
    expect(worker).toHaveLength(1);
    const chunk = assets().find((file) => /^assets\/render-pdf-[\w-]+\.js$/.test(file))!;
    expect(read(chunk)).toContain(path.basename(worker[0]!));
  });
});
