// `npm test`: every test runner, then one closing line "N passed, N failed"
// (also written to test-results/summary.txt for CI).
//   1. build (the e2e tests drive the built web host and renderer)
//   2. Electronegativity over the built Electron bundles (0 high or medium findings)
//   3. vitest: unit, integration and renderer component tests
//   4. a short soak (3,000 resident sessions through the core, accelerated time;
//      `npm run soak -- --sessions N` for longer ones)
//   5. playwright: end-to-end tests in Chromium
// Each runner's JSON report is read for its counts; a runner that crashed
// before reporting counts as one failure, so nothing is silently skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const results = 'test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  return status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

const buildStatus = run('build', 'npm', ['run', 'build']);
if (buildStatus !== 0) {
  totals.failed += 1;
  ok = false;
}

if (buildStatus === 0) {
  const scanStatus = run('Electron security scan (electronegativity)', 'node', ['scripts/electronegativity.mjs']);
  const scan = readJson(`${results}/electronegativity.json`);
  if (scan) {
    totals.passed += scan.passed;
    totals.failed += scan.failed;
  }
  if (!scan || scanStatus !== 0) ok = false;
  if (!scan) totals.failed += 1;
}

const vitestStatus = run('unit and integration (vitest)', 'npx', [
  'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/unit.json`,
]);
const unit = readJson(`${results}/unit.json`);
if (unit) {
  totals.passed += unit.numPassedTests;
  totals.failed += unit.numFailedTests;
  totals.skipped += unit.numPendingTests + (unit.numTodoTests ?? 0);
  if (unit.numFailedTestSuites > 0 && unit.numFailedTests === 0) totals.failed += unit.numFailedTestSuites;
}
if (!unit || vitestStatus !== 0) ok = false;
if (!unit) totals.failed += 1;

const soakStatus = run('soak (3,000 sessions, accelerated time)', 'node', ['scripts/soak.mjs', '--sessions', '3000', '--ci']);
const soak = readJson(`${results}/soak.json`);
if (soak) {
  totals.passed += soak.passed;
  totals.failed += soak.failed;
}
if (!soak || soakStatus !== 0) ok = false;
if (!soak) totals.failed += 1;

if (buildStatus === 0) {
  const playwrightStatus = run('end-to-end (playwright, Chromium)', 'npx', ['playwright', 'test']);
  const e2e = readJson(`${results}/e2e.json`);
  if (e2e) {
    totals.passed += e2e.stats.expected + e2e.stats.flaky;
    totals.failed += e2e.stats.unexpected;
    totals.skipped += e2e.stats.skipped;
    if (e2e.errors?.length && e2e.stats.unexpected === 0) totals.failed += e2e.errors.length;
  }
  if (!e2e || playwrightStatus !== 0) ok = false;
  if (!e2e) totals.failed += 1;
}

if (totals.failed > 0) ok = false;
const line = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
writeFileSync(`${results}/summary.txt`, `${line}\n`);
if (!existsSync(`${results}/summary.txt`)) ok = false;
console.log(`\n${line}`);
process.exit(ok ? 0 : 1);
