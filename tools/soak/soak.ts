/**
 * The soak run (`npm run soak -- --sessions N`): resident sessions through
 * the real core, one after the other, with time accelerated (a minute of
 * kiosk time between residents), against the demo village server over HTTP
 * and a network receipt printer. Most sessions send a letter request online;
 * some are abandoned until the session limit ends them; some happen while
 * the server is down (an offline request, sent once the server is back).
 *
 * It samples, after a full GC: resident set size, JS heap, open file
 * descriptors, the process's active handles, and the timers the core holds,
 * then checks that nothing grows without bound and that every request is on
 * the server exactly once. Prints a table; `--json FILE` writes the report;
 * with `--ci`, test-results/soak.json gets the checks as passed/failed for
 * `npm test`.
 */
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { accelerateTimers, until } from '../../bench/lib/accelerated-clock';
import { startBenchKiosk } from '../../bench/lib/bench-kiosk';
import { runResidentSession } from '../../bench/lib/resident-session';
import { RESIDENTS } from '../opensid-sim/seed';

const MB = 1024 * 1024;
const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '1000' },
    ci: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const SESSIONS = Number(values.sessions);
if (!Number.isInteger(SESSIONS) || SESSIONS < 100) {
  console.error('--sessions must be a whole number of at least 100');
  process.exit(2);
}
const WARM_UP = 50;
const SAMPLES = 10;

interface Sample {
  sessions: number;
  rssMb: number;
  heapMb: number;
  fds: number | null;
  handles: number;
  handleTypes: Record<string, number>;
  timers: number;
}

function sample(sessions: number, timers: number): Sample {
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const handleTypes: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) handleTypes[type] = (handleTypes[type] ?? 0) + 1;
  let fds: number | null = null;
  try {
    fds = readdirSync('/proc/self/fd').length;
  } catch {
    // Not Linux: no count of descriptors.
  }
  return { sessions, rssMb: memory.rss / MB, heapMb: memory.heapUsed / MB, fds, handles: Object.values(handleTypes).reduce((a, b) => a + b, 0), handleTypes, timers };
}

async function main(): Promise<void> {
  if (!(globalThis as { gc?: unknown }).gc) throw new Error('run with node --expose-gc (npm run soak does)');
  const clock = accelerateTimers();
  const kiosk = await startBenchKiosk({
    background: true,
    configure(config) {
      config.sync = { ...config.sync, baseDelaySeconds: 0.05, maxDelaySeconds: 2, pollSeconds: 0.2, doubtGraceSeconds: 0 };
      config.session.signInsPerMinute = 120;
      config.session.maxMinutes = 10;
    },
  });
  const { core, sim } = kiosk;
  const references: string[] = [];
  const kinds = { online: 0, offline: 0, abandoned: 0 };
  const samples: Sample[] = [];
  const started = performance.now();
  try {
    for (let i = 0; i < SESSIONS; i++) {
      if (i % 20 === 7) {
        // Signed in, then walked away: the session limit ends it.
        const resident = RESIDENTS[i % RESIDENTS.length]!;
        const identified = await core.invoke('session.identify', { nik: resident.nik, pin: resident.pin });
        if (!identified.ok) throw new Error(`sign-in failed: ${JSON.stringify(identified.error)}`);
        await clock.skip(11 * 60_000);
        kinds.abandoned++;
      } else if (i % 20 === 13) {
        // The link is down for this resident: the request is kept, and sent once the server is back.
        await sim.setDown(true);
        references.push(await runResidentSession(core, i));
        await sim.setDown(false);
        kinds.offline++;
      } else {
        references.push(await runResidentSession(core, i));
        kinds.online++;
      }
      await clock.skip(60_000);
      if (i + 1 === WARM_UP || (i + 1) % Math.floor(SESSIONS / SAMPLES) === 0) {
        await until(() => core.outbox.counts().pending === 0, 'the outbox to drain');
        samples.push(sample(i + 1, clock.pendingTimers()));
        const last = samples.at(-1)!;
        process.stderr.write(`  ${i + 1} sessions: rss ${last.rssMb.toFixed(1)} MB, heap ${last.heapMb.toFixed(1)} MB, fds ${last.fds}, handles ${last.handles}, timers ${last.timers}\n`);
      }
    }
    await until(() => core.outbox.counts().pending === 0, 'the outbox to drain');
  } finally {
    await kiosk.close();
    clock.uninstall();
  }

  const rows = sim.requests();
  const onServer = new Map<string, number>();
  for (const reference of references) onServer.set(reference, 0);
  for (const row of rows) {
    const reference = references.find((r) => (row.isianForm ?? '').includes(r));
    if (reference) onServer.set(reference, onServer.get(reference)! + 1);
  }
  const missing = [...onServer].filter(([, count]) => count === 0).length;
  const doubled = [...onServer].filter(([, count]) => count > 1).length;
  const base = samples.find((s) => s.sessions === WARM_UP) ?? samples[0]!;
  const end = samples.at(-1)!;
  const per1000 = (delta: number) => (delta / (end.sessions - base.sessions)) * 1000;
  // Generous bounds: a leak grows with the sessions; noise does not.
  const heapLimitMb = Math.max(8, (4 * SESSIONS) / 1000);
  const checks = [
    { name: `every request on the server exactly once (${references.length})`, ok: missing === 0 && doubled === 0 && rows.length === references.length, detail: `${missing} missing, ${doubled} sent twice, ${rows.length} rows` },
    { name: 'open file descriptors do not grow', ok: end.fds === null || base.fds === null || end.fds - base.fds <= 3, detail: `${base.fds} -> ${end.fds}` },
    { name: 'active handles do not grow', ok: end.handles - base.handles <= 3, detail: `${base.handles} -> ${end.handles} ${JSON.stringify(end.handleTypes)}` },
    { name: 'timers held by the core do not grow', ok: end.timers - base.timers <= 3, detail: `${base.timers} -> ${end.timers}` },
    { name: `JS heap growth under ${heapLimitMb} MB (after GC)`, ok: end.heapMb - base.heapMb < heapLimitMb, detail: `${base.heapMb.toFixed(1)} -> ${end.heapMb.toFixed(1)} MB` },
  ];
  const reportData = {
    sessions: SESSIONS,
    kinds,
    kioskHours: Number(((SESSIONS * 60_000 + kinds.abandoned * 11 * 60_000) / 3_600_000).toFixed(1)),
    realSeconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    growth: {
      rssMbPer1000: Number(per1000(end.rssMb - base.rssMb).toFixed(2)),
      heapMbPer1000: Number(per1000(end.heapMb - base.heapMb).toFixed(2)),
      fds: end.fds !== null && base.fds !== null ? end.fds - base.fds : null,
      handles: end.handles - base.handles,
      timers: end.timers - base.timers,
    },
    samples: samples.map((s) => ({ ...s, rssMb: Number(s.rssMb.toFixed(1)), heapMb: Number(s.heapMb.toFixed(2)) })),
    checks,
  };

  console.log(`\nsoak: ${SESSIONS} sessions (${kinds.online} online, ${kinds.offline} offline, ${kinds.abandoned} abandoned), ${reportData.kioskHours} h of kiosk time in ${reportData.realSeconds} s`);
  console.log('\nsessions   rss MB   heap MB   fds   handles   timers');
  for (const s of samples) {
    console.log(`${String(s.sessions).padStart(8)}  ${s.rssMb.toFixed(1).padStart(7)}  ${s.heapMb.toFixed(2).padStart(8)}  ${String(s.fds ?? '-').padStart(4)}  ${String(s.handles).padStart(8)}  ${String(s.timers).padStart(7)}`);
  }
  console.log(`\ngrowth per 1,000 sessions after warm-up: rss ${reportData.growth.rssMbPer1000} MB, heap ${reportData.growth.heapMbPer1000} MB`);
  for (const check of checks) console.log(`${check.ok ? 'ok    ' : 'FAILED'}  ${check.name}: ${check.detail}`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify(reportData, null, 2)}\n`);
  if (values.ci) {
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/soak.json', `${JSON.stringify({ passed: checks.filter((c) => c.ok).length, failed: checks.filter((c) => !c.ok).length, report: reportData }, null, 2)}\n`);
  }
  process.exit(checks.every((c) => c.ok) ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(`soak failed: ${error instanceof Error ? error.stack : String(error)}`);
  if (values.ci) {
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/soak.json', `${JSON.stringify({ passed: 0, failed: 1, error: String(error) })}\n`);
  }
  process.exit(1);
});
