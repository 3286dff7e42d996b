/**
 * What a built page of the renderer loads at once: its module script and the
 * modules it preloads (not the chunks it may `import()` later). Read by the
 * start-up benchmark (sizes) and by tests/build/renderer-chunks.test.ts (the
 * kiosk page's budget, and pdf.js kept out of it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** The page's scripts, as paths relative to `rendererDir` ("assets/index-abc.js"). */
export function pageScripts(rendererDir: string, page: string): string[] {
  const html = readFileSync(path.join(rendererDir, page), 'utf8');
  const files = [...html.matchAll(/<script[^>]+src="\.\/([^"]+)"|<link[^>]+rel="modulepreload"[^>]+href="\.\/([^"]+)"/g)].map((m) => m[1] ?? m[2]!);
  return [...new Set(files)];
}

/** The files' bytes once gzipped, summed (what the kiosk reads is what a network would carry). */
export function gzipBytes(rendererDir: string, files: string[]): number {
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(rendererDir, file))).length, 0);
}
