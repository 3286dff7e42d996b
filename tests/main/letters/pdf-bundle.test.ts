/**
 * pdf.js in a CommonJS bundle built as the app's are: pdfjs-dist (ES modules
 * only) stays outside and is loaded with import() at run time, so a letter is
 * checked and read from the bundle exactly as from the sources.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { nodeBundleOptions, UNBUNDLED_MODULES } from '../../../scripts/bundle-options.mjs';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('pdf.js from a CommonJS bundle', () => {
  it('checks and reads a letter, with pdfjs-dist left out of the bundle', async () => {
    const dir = tempDir();
    // The bundle finds its external packages as an installed app does: in a node_modules beside it.
    symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'), 'dir');
    const entry = path.join(dir, 'entry.ts');
    const source = (file: string) => JSON.stringify(path.resolve('src/main/letters', file));
    writeFileSync(entry, `export { acceptLetterPdf } from ${source('pdf-acceptance')};\nexport { pdfText } from ${source('pdf-text')};\n`);
    const bundle = path.join(dir, 'letters.cjs');
    await build({
      entryPoints: [entry],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'warning',
      external: ['electron', ...UNBUNDLED_MODULES],
      ...nodeBundleOptions,
    });
    const code = readFileSync(bundle, 'utf8');
    expect(code).toContain('import("pdfjs-dist/legacy/build/pdf.mjs")');
    expect(code.length).toBeLessThan(50_000); // pdf.js itself is megabytes

    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (let n = 1; n <= 2; n++) {
      const page = doc.addPage([595.28, 935.43]);
      for (let line = 0; line < 20; line++) page.drawText(`Halaman ${n} baris ${line}: Desa Sukamaju`, { x: 70, y: 860 - line * 18, size: 11, font });
    }
    const pdfPath = path.join(dir, 'letter.pdf');
    writeFileSync(pdfPath, await doc.save());

    const script = `
      const { acceptLetterPdf, pdfText } = require(${JSON.stringify(bundle)});
      const body = new Uint8Array(require('node:fs').readFileSync(${JSON.stringify(pdfPath)}));
      (async () => {
        const accepted = await acceptLetterPdf({ contentType: 'application/pdf', body, overCap: false }, { maxBytes: 1 << 22 });
        const text = await pdfText(body);
        process.stdout.write(JSON.stringify({ ok: accepted.ok, pages: accepted.pages, text: text.text }));
      })();`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' })) as { ok: boolean; pages: number; text: string[] };
    expect(out).toMatchObject({ ok: true, pages: 2 });
    expect(out.text[1]).toContain('Halaman 2 baris 0: Desa Sukamaju');
  });
});
