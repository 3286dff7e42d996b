/**
 * Fleet metrics benchmark (run with `npm run bench -- --only metrics`):
 *  - one scrape of `/metrics` as the kiosk PC's Prometheus agent makes it
 *    every 30 s, over local HTTP, on a kiosk whose outbox holds 10,000
 *    requests waiting for a village server that is down: milliseconds p50
 *    and p95, and the bytes of the answer;
 *  - the resident set size of a running core with metrics on versus off,
 *    each in a process of its own (this same bundle, started again with
 *    `rss-child`), after a few scrapes and a garbage collection.
 * Medians of several runs; no timing is asserted.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { saveConfig } from '../src/main/config/store';
import { defaultConfig } from '../src/main/config/schema';
import { createKioskCore } from '../src/main/core';
import { freePort } from '../tests/helpers/free-port';
import { enqueueRequests } from './lib/queued-request';
import { fail, median, percentile, progress, report, round } from './lib/report';

const QUEUED = 10_000;
const SCRAPE_RUNS = 3;
const SCRAPES_PER_RUN = 60;
const RSS_RUNS = 5;
/** Scrapes before the RSS is read: the registry and the HTTP server have done their work at least this often. */
const SCRAPES_BEFORE_RSS = 10;
const RSS_CHILD = 'rss-child';

/** A data directory whose outbox holds `queued` requests for a server that is down; metrics on `port` (0: off). */
async function dataDirWith(queued: number, port: number): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'adm-bench-metrics-'));
  const config = defaultConfig();
  config.server.url = 'http://127.0.0.1:9';
  config.logging.level = 'warn';
  config.kiosk.id = 'bench-01';
  config.metrics.port = port;
  await saveConfig(dir, config);
  const core = createKioskCore({ dataDir: dir, watchConfig: false });
  enqueueRequests(core, queued);
  await core.close();
  return dir;
}

/**
 * One GET of /metrics with node:http, which the core loads anyway: `fetch` would load undici into the
 * process only for the scrape, and its memory would count as the metrics' in the RSS comparison.
 */
function scrape(port: number): Promise<{ ms: number; bytes: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const request = get({ host: '127.0.0.1', port, path: '/metrics', agent: false }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('error', reject);
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (answer.statusCode !== 200 || !body.includes('adm_outbox_requests')) reject(new Error(`/metrics answered ${answer.statusCode} without the outbox's metrics`));
        else resolve({ ms, bytes: body.length });
      });
    });
    request.on('error', reject);
  });
}

/** Until the core's metrics server answers (it starts listening with the background work). */
async function untilServing(port: number): Promise<void> {
  const until = Date.now() + 20_000;
  for (;;) {
    try {
      await scrape(port);
      return;
    } catch (error) {
      if (Date.now() > until) throw new Error(`the metrics server on ${port} never answered: ${String(error)}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function scrapeRun(n: number): Promise<{ p50: number; p95: number; bytes: number }> {
  const port = await freePort();
  const dir = await dataDirWith(QUEUED, port);
  const core = createKioskCore({ dataDir: dir, watchConfig: false });
  try {
    core.startBackground();
    await untilServing(port);
    await scrape(port); // warm-up: the first scrape's queries are prepared
    const runs: Array<{ ms: number; bytes: number }> = [];
    for (let i = 0; i < SCRAPES_PER_RUN; i++) runs.push(await scrape(port));
    const times = runs.map((r) => r.ms);
    const result = { p50: percentile(times, 50), p95: percentile(times, 95), bytes: median(runs.map((r) => r.bytes)) };
    progress(`scrape run ${n}: p50 ${result.p50.toFixed(2)} ms, p95 ${result.p95.toFixed(2)} ms, ${result.bytes} bytes`);
    return result;
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** In the child: a core on `dir` with its background work (metrics or not, as its config says), then its RSS. */
async function rssChild(dir: string, port: number): Promise<void> {
  const core = createKioskCore({ dataDir: dir, watchConfig: false });
  core.startBackground();
  if (port > 0) {
    await untilServing(port);
    for (let i = 0; i < SCRAPES_BEFORE_RSS; i++) await scrape(port);
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  process.stdout.write(`${JSON.stringify({ rssBytes: process.memoryUsage().rss })}\n`);
  await core.close();
}

function rssOf(dir: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', process.argv[1]!, RSS_CHILD, dir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      const line = output.split('\n').find((l) => l.startsWith('{"rssBytes"'));
      if (code === 0 && line) resolve((JSON.parse(line) as { rssBytes: number }).rssBytes);
      else reject(new Error(`the RSS child exited ${code}: ${output}`));
    });
  });
}

async function rssRuns(metricsOn: boolean): Promise<number[]> {
  const values: number[] = [];
  for (let i = 0; i < RSS_RUNS; i++) {
    const port = metricsOn ? await freePort() : 0;
    const dir = await dataDirWith(QUEUED, port);
    try {
      values.push(await rssOf(dir, port));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    progress(`RSS metrics ${metricsOn ? 'on' : 'off'}, run ${i + 1} of ${RSS_RUNS}: ${(values.at(-1)! / 2 ** 20).toFixed(1)} MiB`);
  }
  return values;
}

async function main(): Promise<void> {
  const scrapes: Array<{ p50: number; p95: number; bytes: number }> = [];
  for (let i = 1; i <= SCRAPE_RUNS; i++) scrapes.push(await scrapeRun(i));
  const on = median(await rssRuns(true));
  const off = median(await rssRuns(false));
  const mib = (bytes: number) => round(bytes / 2 ** 20, 1);
  const result = {
    scrape: {
      queued: QUEUED,
      runs: SCRAPE_RUNS,
      scrapesPerRun: SCRAPES_PER_RUN,
      p50Ms: round(median(scrapes.map((s) => s.p50)), 2),
      p95Ms: round(median(scrapes.map((s) => s.p95)), 2),
      bytes: median(scrapes.map((s) => s.bytes)),
    },
    rss: { runs: RSS_RUNS, queued: QUEUED, metricsOnMiB: mib(on), metricsOffMiB: mib(off), differenceMiB: mib(on - off) },
  };
  report(
    [
      ['scrape with 10,000 queued, p50 (ms)', result.scrape.p50Ms],
      ['scrape with 10,000 queued, p95 (ms)', result.scrape.p95Ms],
      ['scrape size (bytes)', result.scrape.bytes],
      ['core RSS, metrics on (MiB)', result.rss.metricsOnMiB],
      ['core RSS, metrics off (MiB)', result.rss.metricsOffMiB],
      ['core RSS, on minus off (MiB)', result.rss.differenceMiB],
    ],
    result,
  );
}

if (process.argv[2] === RSS_CHILD) rssChild(process.argv[3]!, Number(process.argv[4])).catch(fail);
else main().catch(fail);
