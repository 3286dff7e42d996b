// Bundles the Node side: the Electron shell, its two preloads (kiosk, admin), the web host and the `adm` CLI.
// The preload must be ONE CommonJS file: with `sandbox: true` it cannot
// require anything but a few Electron modules. Native modules stay external
// (they are loaded from node_modules, rebuilt for Electron when packaging), and
// so do ES-module-only packages (pdf.js), loaded with import() at run time.
import { build } from 'esbuild';
import { nodeBundleOptions, UNBUNDLED_MODULES } from './bundle-options.mjs';


const common = {
  bundle: true,
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  ...nodeBundleOptions,
};

await Promise.all([
  build({
    ...common,
    entryPoints: {
      electron: 'src/main/electron/main.ts',
      'web-host': 'src/main/web-host/main.ts',
    },
    outdir: 'dist/main',
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    target: 'node20',
    external: ['electron', ...UNBUNDLED_MODULES],
  }),
  build({
    ...common,
    entryPoints: { cli: 'src/main/cli-main.ts' },
    outdir: 'dist/main',
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    target: 'node20',
    external: ['electron', ...UNBUNDLED_MODULES],
    banner: { js: '#!/usr/bin/env node' },
  }),
  build({
    ...common,
    entryPoints: { kiosk: 'src/preload/kiosk.ts', admin: 'src/preload/admin.ts' },
    outdir: 'dist/preload',
    outExtension: { '.js': '.cjs' },
    platform: 'browser',
    target: 'chrome120',
    external: ['electron'],
  }),
]);
