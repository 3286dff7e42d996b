/**
 * Memory benchmark (run with `npm run bench`): the core's resident set size
 * after 2,000 simulated resident sessions (sign in, letter list, a request,
 * its receipt on a network printer, "Permohonan Saya", done; the sync worker
 * sending each request to the demo village server meanwhile), and how much
 * it grew from a baseline taken after 100 warm-up sessions. Time is
 * accelerated (a second of kiosk time per session). Measured after a full GC;
 * the median of several runs.
 */
import { accelerateTimers, until } from './lib/accelerated-clock';
import { startBenchKiosk } from './lib/bench-kiosk';
import { runResidentSession } from './lib/resident-session';
import { fail, median, progress, report, round } from './lib/report';

const RUNS = 3;
const WARM_UP = 100;
const SESSIONS = 2000;
const MB = 1024 * 1024;

function memory() {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return { rssMb: usage.rss / MB, heapMb: usage.heapUsed / MB };
}

async function run(n: number): Promise<{ rssMb: number; rssGrowthMb: number; heapGrowthMb: number }> {
  const clock = accelerateTimers();
  const kiosk = await startBenchKiosk({
    background: true,
    configure(config) {
      config.sync = { ...config.sync, baseDelaySeconds: 0.05, maxDelaySeconds: 1, pollSeconds: 0.05, doubtGraceSeconds: 0 };
      config.session.signInsPerMinute = 120;
    },
  });
  try {
    let baseline = memory();
    for (let i = 0; i < SESSIONS; i++) {
      await runResidentSession(kiosk.core, i);
      await clock.skip(1000);
      if (i + 1 === WARM_UP) baseline = memory();
      if ((i + 1) % 500 === 0) progress(`run ${n}: ${i + 1} sessions, rss ${memory().rssMb.toFixed(1)} MB`);
    }
    await until(() => kiosk.core.outbox.counts().pending === 0, 'the outbox to drain');
    const end = memory();
    if (kiosk.sim.requests().length !== SESSIONS) throw new Error(`the server has ${kiosk.sim.requests().length} requests, not ${SESSIONS}`);
    return { rssMb: end.rssMb, rssGrowthMb: end.rssMb - baseline.rssMb, heapGrowthMb: end.heapMb - baseline.heapMb };
  } finally {
    await kiosk.close();
    clock.uninstall();
  }
}

async function main(): Promise<void> {
  if (!(globalThis as { gc?: unknown }).gc) throw new Error('run with node --expose-gc (npm run bench does)');
  const runs = [];
  for (let i = 1; i <= RUNS; i++) runs.push(await run(i));
  const result = {
    sessions: SESSIONS,
    warmUp: WARM_UP,
    runs: RUNS,
    rssAfterMb: round(median(runs.map((r) => r.rssMb)), 1),
    rssGrowthMb: round(median(runs.map((r) => r.rssGrowthMb)), 1),
    heapGrowthMb: round(median(runs.map((r) => r.heapGrowthMb)), 2),
  };
  report(
    [
      [`core RSS after ${SESSIONS} sessions (MB)`, result.rssAfterMb],
      [`core RSS growth, sessions ${WARM_UP}-${SESSIONS} (MB)`, result.rssGrowthMb],
      [`JS heap growth, sessions ${WARM_UP}-${SESSIONS} (MB, after GC)`, result.heapGrowthMb],
    ],
    result,
  );
}

main().catch(fail);
