/**
 * Start-up and size benchmarks (run with `npm run bench`, after `npm run build`):
 *  - web host cold start: from spawning `node dist/main/web-host.cjs` until
 *    it prints its ready line, on an empty database and on one holding
 *    10,000 requests waiting for a server that is down;
 *  - the database check at start (`assertDatabaseFileIntact`, read-only) on
 *    those 10,000 requests: part of the cold start above, measured alone, and
 *    beside it SQLite's two checks by themselves (`quick_check`, and
 *    `integrity_check`, which also compares every index with its table);
 *  - the renderer's JavaScript as the kiosk loads it (gzip), per page.
 * Medians of several runs.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { saveConfig } from '../src/main/config/store';
import { defaultConfig } from '../src/main/config/schema';
import { createKioskCore } from '../src/main/core';
import { assertDatabaseFileIntact, databasePath } from '../src/main/db/database';
import { enqueueRequests } from './lib/queued-request';
import { startBuiltWebHost } from './lib/built-web-host';
import { gzipBytes, pageScripts } from './lib/page-scripts';
import { fail, median, progress, report, round } from './lib/report';

const START_RUNS = 5;
const QUEUED = 10_000;

async function dataDirWith(queued: number): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'adm-bench-start-'));
  const config = defaultConfig();
  // A village server that is down: the requests stay queued, as on a kiosk whose link died.
  config.server.url = 'http://127.0.0.1:9';
  config.logging.level = 'warn';
  await saveConfig(dir, config);
  if (queued > 0) {
    const core = createKioskCore({ dataDir: dir, watchConfig: false });
    enqueueRequests(core, queued);
    await core.close();
  }
  return dir;
}

/** Milliseconds from spawn to the ready line; the host is then stopped and waited for. */
async function coldStart(dataDir: string): Promise<number> {
  const host = await startBuiltWebHost(dataDir);
  await host.stop();
  return host.readyMs;
}

function milliseconds(run: () => void): number[] {
  return Array.from({ length: START_RUNS }, () => {
    const started = process.hrtime.bigint();
    run();
    return Number(process.hrtime.bigint() - started) / 1e6;
  });
}

/** Milliseconds of one SQLite check on a read-only connection, as the start opens it. */
function pragmaRuns(dataDir: string, check: 'quick_check' | 'integrity_check'): number[] {
  return milliseconds(() => {
    const db = new BetterSqlite3(databasePath(dataDir), { readonly: true, fileMustExist: true });
    try {
      db.pragma(check);
    } finally {
      db.close();
    }
  });
}

const RENDERER = 'dist/renderer';
const gzipKb = (files: string[]) => round(gzipBytes(RENDERER, files) / 1024, 1);

async function main(): Promise<void> {
  if (!existsSync('dist/main/web-host.cjs') || !existsSync('dist/renderer/index.html')) throw new Error('build first: npm run build');
  const results: Record<string, number> = {};
  const checkMs = { atStart: 0, quickCheck: 0, integrityCheck: 0 };
  for (const [label, queued] of [['empty', 0], ['queued10000', QUEUED]] as const) {
    const dir = await dataDirWith(queued);
    await coldStart(dir); // warm-up: the file cache
    const runs: number[] = [];
    for (let i = 0; i < START_RUNS; i++) runs.push(await coldStart(dir));
    progress(`cold start, ${label}: ${runs.map((r) => r.toFixed(0)).join(', ')} ms`);
    results[label] = round(median(runs), 0);
    if (queued === QUEUED) {
      const measured = {
        atStart: milliseconds(() => assertDatabaseFileIntact(databasePath(dir))),
        quickCheck: pragmaRuns(dir, 'quick_check'),
        integrityCheck: pragmaRuns(dir, 'integrity_check'),
      };
      for (const [check, runs] of Object.entries(measured)) {
        progress(`database ${check}, ${label}: ${runs.map((r) => r.toFixed(1)).join(', ')} ms`);
        checkMs[check as keyof typeof checkMs] = round(median(runs), 1);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
  const assets = readdirSync(path.join(RENDERER, 'assets')).map((file) => `assets/${file}`);
  const size = {
    kioskPageJsGzipKb: gzipKb(pageScripts(RENDERER, 'index.html')),
    adminPageJsGzipKb: gzipKb(pageScripts(RENDERER, 'admin.html')),
    allJsGzipKb: gzipKb(assets.filter((file) => file.endsWith('.js'))),
    cssGzipKb: gzipKb(assets.filter((file) => file.endsWith('.css'))),
  };
  const result = { coldStartMs: { runs: START_RUNS, empty: results.empty!, queued10000: results.queued10000! }, databaseCheckMs: { queued10000: checkMs }, renderer: size };
  report(
    [
      ['web host cold start to ready, empty database (ms)', result.coldStartMs.empty],
      ['web host cold start to ready, 10,000 queued (ms)', result.coldStartMs.queued10000],
      ['database check at start, 10,000 queued (ms)', checkMs.atStart],
      ['  PRAGMA quick_check alone, 10,000 queued (ms)', checkMs.quickCheck],
      ['  PRAGMA integrity_check alone, 10,000 queued (ms)', checkMs.integrityCheck],
      ['renderer JS, kiosk page (KiB gzip)', size.kioskPageJsGzipKb],
      ['renderer JS, admin page (KiB gzip)', size.adminPageJsGzipKb],
      ['renderer JS, all (KiB gzip)', size.allJsGzipKb],
    ],
    result,
  );
}

main().catch(fail);
