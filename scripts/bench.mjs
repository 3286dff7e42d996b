// `npm run bench`: every benchmark in bench/ (TypeScript, bundled for Node),
// one after the other, then ONE table of what they measured, also written to
// bench-results.json. Benchmarks report medians of several runs, because
// single timings on a shared machine are noise; they assert no timings.
//   npm run bench                      all of them (about 10 minutes)
//   npm run bench -- --only outbox,printer
// The startup and screens benchmarks use the built app: run `npm run build` first.
import { spawn } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleDir, bundleEnv, bundleForNode } from './node-script.mjs';

const RESULT_PREFIX = 'BENCH_RESULT '; // bench/lib/report.ts
const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = values.only ? new Set(values.only.split(',').map((name) => name.trim())) : null;
const benches = readdirSync('bench')
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.replace(/\.ts$/, ''))
  .filter((name) => !only || only.has(name));
if (benches.length === 0) {
  console.error(`no benchmark named ${values.only}; there are: ${readdirSync('bench').filter((f) => f.endsWith('.ts')).join(', ')}`);
  process.exit(1);
}

function runBench(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', file], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: bundleEnv(),
    });
    let buffered = '';
    let result = null;
    child.stdout.on('data', (chunk) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) {
        if (line.startsWith(RESULT_PREFIX)) result = JSON.parse(line.slice(RESULT_PREFIX.length));
        else if (line.trim()) process.stdout.write(`  ${line}\n`);
      }
    });
    child.on('exit', (code) => resolve({ ok: code === 0 && result !== null, result }));
  });
}

const out = bundleDir('adm-bench-build-');
const rows = [];
const results = {};
const failed = [];
try {
  for (const name of benches) {
    const outfile = path.join(out, `${name}.cjs`);
    await bundleForNode(path.join('bench', `${name}.ts`), outfile, ['playwright-core', '@playwright/test']);
    console.log(`=== ${name}`);
    const started = performance.now();
    const { ok, result } = await runBench(outfile);
    console.log(`    (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    if (!ok) {
      failed.push(name);
      continue;
    }
    results[name] = result.result;
    for (const [measure, value] of result.rows) rows.push([name, measure, value]);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}

const widths = [0, 1, 2].map((i) => Math.max(['bench', 'measure', 'value'][i].length, ...rows.map((row) => row[i].length)));
const line = (cells) => cells.map((cell, i) => (i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
console.log(`\n${line(['bench', 'measure', 'value'])}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
for (const row of rows) console.log(line(row));

const file = {
  generatedAt: new Date().toISOString(),
  node: process.versions.node,
  platform: `${process.platform} ${process.arch}`,
  cpus: `${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}`,
  results,
  failed,
};
writeFileSync('bench-results.json', `${JSON.stringify(file, null, 2)}\n`);
console.log(`\nwritten: bench-results.json${failed.length ? `; FAILED: ${failed.join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);
