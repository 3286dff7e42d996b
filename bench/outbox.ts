/**
 * Outbox benchmarks (run with `npm run bench`):
 *  - commit latency: one request + its sealed PIN committed to a real SQLite
 *    file (WAL, synchronous=FULL), as the resident's "Kirim" waits for it;
 *  - drain throughput: 1,000 queued requests sent by the sync worker to the
 *    demo village server over local HTTP.
 * Each is repeated; the medians of the runs are reported, never one timing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/main/db/database';
import { createSilentLogger } from '../src/main/logging/logger';
import { createOutboxStore, type NewLetterRequest } from '../src/main/outbox/outbox-store';
import { createSecretBox } from '../src/main/outbox/secret-box';
import { createSyncWorker } from '../src/main/outbox/sync-worker';
import { DEMO_TARGET } from '../src/main/village/server-target';
import { createOpensidClient } from '../src/main/village/opensid-client';
import { fail, median, percentile, report } from './lib/report';
import { startOpensidSim } from '../tools/opensid-sim/server';
import { LETTERS, RESIDENTS } from '../tools/opensid-sim/seed';

const COMMIT_RUNS = 5;
const COMMITS_PER_RUN = 300;
const DRAIN_RUNS = 3;
const DRAIN_REQUESTS = 1000;
const log = createSilentLogger().root;
const letter = LETTERS.find((l) => l.kode === 'S-02')!;

function request(i: number): NewLetterRequest {
  const resident = RESIDENTS[i % 10]!;
  return {
    reference: `BENCH-${i}-${randomBytes(3).toString('hex')}`,
    kioskName: 'ADM-01',
    letterId: letter.id,
    letterSlug: letter.slug,
    letterName: letter.nama,
    residentNik: resident.nik,
    residentName: resident.nama,
    answers: { keperluan: `Keperluan ${i}` },
    requirements: { 2: '-1', 3: '-1' },
    phone: '081234567890',
    note: null,
    verified: false,
    serverTarget: DEMO_TARGET,
  };
}



function freshStore() {
  const dir = mkdtempSync(path.join(tmpdir(), 'adm-bench-'));
  const db = openDatabase(path.join(dir, 'adm.sqlite'), log);
  return { dir, db, store: createOutboxStore(db, createSecretBox(randomBytes(32))) };
}

function commitRun(): { p50: number; p95: number } {
  const { dir, db, store } = freshStore();
  const times: number[] = [];
  for (let i = 0; i < COMMITS_PER_RUN; i++) {
    const resident = RESIDENTS[i % 10]!;
    const started = process.hrtime.bigint();
    store.enqueue(request(i), { kind: 'pin', pin: resident.pin });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function drainRun(): Promise<number> {
  const sim = await startOpensidSim();
  const { dir, db, store } = freshStore();
  for (let i = 0; i < DRAIN_REQUESTS; i++) store.enqueue(request(i), { kind: 'pin', pin: RESIDENTS[i % 10]!.pin });
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
  if (sim.requests().length !== DRAIN_REQUESTS) throw new Error(`expected ${DRAIN_REQUESTS} rows, got ${sim.requests().length}`);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  await sim.close();
  return DRAIN_REQUESTS / seconds;
}

async function main(): Promise<void> {
  commitRun(); // warm-up: module loading, JIT
  const commits = Array.from({ length: COMMIT_RUNS }, commitRun);
  const drains: number[] = [];
  for (let i = 0; i < DRAIN_RUNS; i++) drains.push(await drainRun());
  const result = {
    outboxCommit: {
      runs: COMMIT_RUNS,
      commitsPerRun: COMMITS_PER_RUN,
      p50Ms: Number(median(commits.map((c) => c.p50)).toFixed(3)),
      p95Ms: Number(median(commits.map((c) => c.p95)).toFixed(3)),
    },
    drain: { runs: DRAIN_RUNS, requests: DRAIN_REQUESTS, requestsPerSecond: Number(median(drains).toFixed(1)) },
  };
  const rows: Array<[string, string]> = [
    ['outbox commit p50 (ms, median of runs)', String(result.outboxCommit.p50Ms)],
    ['outbox commit p95 (ms, median of runs)', String(result.outboxCommit.p95Ms)],
    [`drain ${DRAIN_REQUESTS} requests (req/s, median of ${DRAIN_RUNS})`, String(result.drain.requestsPerSecond)],
  ];
  report(rows, result);
}

main().catch(fail);
