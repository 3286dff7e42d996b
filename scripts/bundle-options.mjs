// esbuild options every Node bundle of ours needs (the app's and the benchmarks').
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

export const nodeBundleOptions = {
  // The receipt encoder recognises image inputs by their class names.
  keepNames: true,
  // jsonc-parser's default UMD build requires its parts at run time, which a bundle cannot follow; its ESM build bundles.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  // The admin status screen shows it (src/main/app-version.ts).
  define: { __ADM_VERSION__: JSON.stringify(version) },
};

/**
 * Native modules (and ws's optional native helpers) that no bundle may contain:
 * they are loaded from node_modules, rebuilt for Electron when packaging.
 */
export const NATIVE_MODULES = ['better-sqlite3', 'serialport', '@serialport/bindings-cpp', 'smartcard', 'node-hid', 'bufferutil', 'utf-8-validate'];

/**
 * Packages published as ES modules only, which a CommonJS bundle cannot hold:
 * they stay in node_modules and the code loads them with `import()`
 * (pdf.js: src/main/letters/pdfjs.ts). Its Node build also loads its worker
 * file beside itself at run time, which a bundle would not have.
 */
export const ESM_ONLY_MODULES = ['pdfjs-dist'];

/** Everything every Node bundle leaves outside (a package name covers its subpaths too). */
export const UNBUNDLED_MODULES = [...NATIVE_MODULES, ...ESM_ONLY_MODULES];
