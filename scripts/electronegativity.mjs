// `npm run check:electron`: Electronegativity (Doyensec's Electron security
// scanner) over what the kiosk ships: the Electron main bundle, both preloads
// and the built renderer pages. Any HIGH or MEDIUM finding fails, and so does
// a file the scanner could not parse (an unparsed file is an unchecked file).
// Checks switched off are listed, each with its reason, in
// electronegativity.config.json.
//
// The main bundle is rebuilt for the scan with target es2021: the scanner's
// parser predates class static blocks, which the node20 bundle keeps. The
// renderer's scripts are lowered to es2021 the same way (pdf.js's chunk uses
// private class fields, which the parser cannot read either).
// Writes test-results/electronegativity.json ({ passed, failed, findings }).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, transform } from 'esbuild';
import { nodeBundleOptions, UNBUNDLED_MODULES } from './bundle-options.mjs';

const require = createRequire(import.meta.url);
const runElectronegativity = require('@doyensec/electronegativity');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const config = JSON.parse(readFileSync('electronegativity.config.json', 'utf8'));
const electronVersion = require('electron/package.json').version;

if (!existsSync('dist/renderer/index.html')) {
  console.error('electronegativity: build the renderer first (npm run build)');
  process.exit(1);
}

const app = mkdtempSync(path.join(tmpdir(), 'adm-electronegativity-'));
let exitCode;
try {
  // ESM keeps `new BrowserWindow(...)` as written (CommonJS output reads `import_electron.BrowserWindow`, which the scanner does not follow).
  const common = { bundle: true, format: 'esm', logLevel: 'warning', legalComments: 'none', ...nodeBundleOptions, external: ['electron', ...UNBUNDLED_MODULES] };
  await build({ ...common, entryPoints: { electron: 'src/main/electron/main.ts' }, outdir: path.join(app, 'main'), platform: 'node', target: 'es2021' });
  await build({ ...common, entryPoints: { kiosk: 'src/preload/kiosk.ts', admin: 'src/preload/admin.ts' }, outdir: path.join(app, 'preload'), platform: 'browser', target: 'es2021' });
  cpSync('dist/renderer', path.join(app, 'renderer'), { recursive: true, filter: (file) => !file.endsWith('.map') });
  const assets = path.join(app, 'renderer', 'assets');
  for (const name of existsSync(assets) ? readdirSync(assets) : []) {
    if (!/\.m?js$/.test(name)) continue;
    const file = path.join(assets, name);
    const lowered = await transform(readFileSync(file, 'utf8'), { format: 'esm', target: 'es2021', loader: 'js', legalComments: 'none' });
    writeFileSync(file, lowered.code);
  }
  // The scanner reads the Electron version from here (it cannot look it up offline).
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: pkg.name, version: pkg.version, main: 'main/electron.js', devDependencies: { electron: electronVersion } }));

  const excluded = config.exclusions.map((exclusion) => exclusion.check);
  const result = await runElectronegativity({
    input: app,
    isRelative: true,
    electronVersionOverride: electronVersion,
    excludeFromScan: excluded,
  });
  const failing = result.issues.filter((issue) => ['HIGH', 'MEDIUM'].includes(issue.severity?.name));
  const unparsed = result.errors.filter((error) => !error.tolerable);
  const checks = result.globalChecks + result.atomicChecks;

  console.log(`electronegativity ${require('@doyensec/electronegativity/package.json').version} on Electron ${electronVersion}: ${checks} checks, ${config.exclusions.length} switched off (see electronegativity.config.json)`);
  for (const issue of result.issues) {
    console.log(`  ${issue.severity?.name ?? '?'}\t${issue.confidence?.name ?? '?'}\t${issue.id}\t${issue.file}:${issue.location?.line ?? 0}\t${issue.description ?? ''}`);
  }
  for (const error of result.errors) console.log(`  ${error.tolerable ? 'warning' : 'NOT PARSED'}\t${error.file}\t${error.message}`);

  const failedChecks = new Set(failing.map((issue) => issue.id)).size + unparsed.length;
  const summary = { passed: checks - new Set(failing.map((issue) => issue.id)).size, failed: failedChecks, findings: result.issues.length };
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/electronegativity.json', `${JSON.stringify({ ...summary, issues: result.issues.map((i) => ({ id: i.id, severity: i.severity?.name, file: i.file, line: i.location?.line })) }, null, 2)}\n`);
  console.log(failedChecks === 0 ? `electronegativity: 0 high or medium findings (${result.issues.length} lower)` : `electronegativity: ${failing.length} high or medium findings, ${unparsed.length} files not parsed`);
  exitCode = failedChecks === 0 ? 0 : 1;
} finally {
  rmSync(app, { recursive: true, force: true });
}
process.exit(exitCode);
