// Bundles a TypeScript entry of bench/ or tools/ for Node (as the app's own
// bundles are, native and ES-module-only packages left outside), for `npm run bench` and `npm run soak`.
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
