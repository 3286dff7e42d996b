// Bundles a TypeScript entry of bench/ or tools/ for Node (as the app's own
// bundles are, native and ES-module-only packages left outside), for `npm run bench` and `npm run soak`.
import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { nodeBundleOptions, UNBUNDLED_MODULES } from './bundle-options.mjs';

export async function bundleForNode(entry, outfile, external = []) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: [...UNBUNDLED_MODULES, ...external],
    nodePaths: [path.resolve('node_modules')],
    logLevel: 'warning',
    ...nodeBundleOptions,
  });
}

/** The environment a bundle runs in: its external modules are found in the project's node_modules. */
export const bundleEnv = () => ({ ...process.env, NODE_PATH: path.resolve('node_modules') });

/**
 * A fresh folder for bundles, inside the project's node_modules/.cache: Node
 * finds an ES-module-only external (pdfjs-dist, loaded with import()) by
 * walking up from the bundle to node_modules, as it does for the app's own
 * bundles in dist/; NODE_PATH applies to require() only.
 */
export function bundleDir(prefix) {
  const cache = path.resolve('node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  return mkdtempSync(path.join(cache, prefix));
}
