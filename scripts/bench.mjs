// `npm run bench`: bundles each benchmark in bench/ (TypeScript) for Node and
// runs it. Benchmarks print a table and one JSON line; they report medians of
// several runs, because single timings on a shared machine are noise.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { nodeBundleOptions } from './bundle-options.mjs';

const out = mkdtempSync(path.join(tmpdir(), 'adm-bench-build-'));
let failed = false;
try {
  for (const file of readdirSync('bench').filter((f) => f.endsWith('.ts'))) {
    const outfile = path.join(out, file.replace(/\.ts$/, '.cjs'));
    await build({
      entryPoints: [path.join('bench', file)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['better-sqlite3', 'serialport', '@serialport/bindings-cpp', 'smartcard', 'node-hid'],
      nodePaths: [path.resolve('node_modules')],
      logLevel: 'warning',
      ...nodeBundleOptions,
    });
    console.log(`=== ${file}`);
    const { status } = spawnSync(process.execPath, [outfile], { stdio: 'inherit', env: { ...process.env, NODE_PATH: path.resolve('node_modules') } });
    if (status !== 0) failed = true;
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
