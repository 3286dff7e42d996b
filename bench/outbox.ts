/**
 * Outbox benchmarks (run with `npm run bench`):
 *  - commit latency: one request + its sealed PIN committed to a real SQLite
 *    file (WAL, synchronous=FULL), as the resident's "Kirim" waits for it;
 *  - drain throughput: 1,000 and 10,000 queued requests sent by the sync
 *    worker to the demo village server over local HTTP. The cost per request
 *    must stay flat (linear drain): their ratio is reported.
 * Each is repeated; the medians of the runs are reported, never one timing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/main/db/database';
import { createSilentLogger } from '../src/main/logging/logger';
import { createOutboxStore } from '../src/main/outbox/outbox-store';
import { createSecretBox } from '../src/main/outbox/secret-box';
import { createSyncWorker } from '../src/main/outbox/sync-worker';
import { DEMO_TARGET } from '../src/main/village/server-target';
import { createOpensidClient } from '../src/main/village/opensid-client';
import { fail, median, percentile, progress, report, round } from './lib/report';
import { startOpensidSim } from '../tools/opensid-sim/server';
import { queuedRequest } from './lib/queued-request';

const COMMIT_RUNS = 5;
const COMMITS_PER_RUN = 300;
const DRAIN_RUNS = 3;
const DRAIN_SIZES = [1000, 10_000] as const;
const log = createSilentLogger().root;
/** The sync worker's store, a queue of the demo server's requests. */
const queue = (store: ReturnType<typeof createOutboxStore>, i: number) => {
  const { request, pin } = queuedRequest(i, DEMO_TARGET);
  store.enqueue(request, { kind: 'pin', pin });
};

function freshStore() {
  const dir = mkdtempSync(path.join(tmpdir(), 'adm-bench-'));
  const db = openDatabase(path.join(dir, 'adm.sqlite'), log);
  return { dir, db, store: createOutboxStore(db, createSecretBox(randomBytes(32))) };
}

function commitRun(): { p50: number; p95: number } {
  const { dir, db, store } = freshStore();
  const times: number[] = [];
  for (let i = 0; i < COMMITS_PER_RUN; i++) {
    const started = process.hrtime.bigint();
    queue(store, i);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function drainRun(requests: number): Promise<number> {
  const sim = await startOpensidSim();
  const { dir, db, store } = freshStore();
  for (let i = 0; i < requests; i++) queue(store, i);
  const client = createOpensidClient({ baseUrl: sim.url });
  const worker = createSyncWorker({
    store,
    server: () => ({ client, target: DEMO_TARGET }),
    settings: () => ({ baseDelaySeconds: 0.01, maxDelaySeconds: 0.1, pollSeconds: 0.01, pinMaxAgeHours: 72, doubtGraceSeconds: 1, submitTimeoutSeconds: 10 }),
    log,
  });
  const started = process.hrtime.bigint();
  while (store.counts().pending > 0) await worker.runOnce();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (sim.requests().length !== requests) throw new Error(`expected ${requests} rows, got ${sim.requests().length}`);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  await sim.close();
  return requests / seconds;
}

async function main(): Promise<void> {
  commitRun(); // warm-up: module loading, JIT
  const commits = Array.from({ length: COMMIT_RUNS }, commitRun);
  const drains: Record<number, number> = {};
  for (const size of DRAIN_SIZES) {
    const runs: number[] = [];
    for (let i = 0; i < DRAIN_RUNS; i++) {
      runs.push(await drainRun(size));
      progress(`drain ${size}: run ${i + 1} of ${DRAIN_RUNS}: ${runs.at(-1)!.toFixed(1)} req/s`);
    }
    drains[size] = median(runs);
  }
  const msPerRequest = (size: number) => 1000 / drains[size]!;
  const result = {
    outboxCommit: {
      runs: COMMIT_RUNS,
      commitsPerRun: COMMITS_PER_RUN,
      p50Ms: round(median(commits.map((c) => c.p50)), 3),
      p95Ms: round(median(commits.map((c) => c.p95)), 3),
    },
    drain: Object.fromEntries(DRAIN_SIZES.map((size) => [size, { runs: DRAIN_RUNS, requestsPerSecond: round(drains[size]!, 1), msPerRequest: round(msPerRequest(size), 3) }])),
    /** Cost per request at 10,000 queued over the cost at 1,000: about 1 when the drain is linear. */
    drainCostRatio: round(msPerRequest(10_000) / msPerRequest(1000), 2),
  };
  report(
    [
      ['outbox commit p50 (ms)', result.outboxCommit.p50Ms],
      ['outbox commit p95 (ms)', result.outboxCommit.p95Ms],
      ['drain 1,000 queued (req/s)', round(drains[1000]!, 1)],
      ['drain 10,000 queued (req/s)', round(drains[10_000]!, 1)],
      ['drain cost per request, 10,000 / 1,000 (1 = linear)', result.drainCostRatio],
    ],
    result,
  );
}

main().catch(fail);
