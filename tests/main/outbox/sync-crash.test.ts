/**
 * Exactly-once under crashes: a child process (`adm sync`) works through the
 * outbox while it is SIGKILLed at random moments, over and over, against a
 * demo server that is slow, answers 500 after inserting, and drops
 * connections, and whose clock is first 15 minutes ahead, then 15 minutes
 * behind. Each resident has more requests than one page of the server's list,
 * and just before the kiosk starts, each resident also sent requests of the
 * same letters from another channel. In the end every kiosk request must be on
 * the server exactly once, no other channel's request adopted, and the outbox
 * must say synced.
 */
import { execFileSync, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKioskCore } from '../../../src/main/core';
import { saveConfig } from '../../../src/main/config/store';
import { defaultConfig, SHORT_TIMINGS_ENV } from '../../../src/main/config/schema';
import { createOpensidClient, REFERENCE_FORM_KEY } from '../../../src/main/village/opensid-client';
import { serverTarget } from '../../../src/main/village/server-target';
import { startOpensidSim, type OpensidSim } from '../../../tools/opensid-sim/server';
import { LETTERS, RESIDENTS } from '../../../tools/opensid-sim/seed';
import { newRequest } from '../../helpers/outbox-rig';
import { useTempDirs } from '../../helpers/temp-dir';

const REQUESTS = 60;
/** 20 requests each: more than one page of the old 20-row look-up. */
const RESIDENT_COUNT = 3;
const KILLS = 220;
const CLI = 'dist/main/cli.cjs';

const FAULTS = { latencyMs: 3, submitDelayMs: 40, failAfterInsertRate: 0.2, resetAfterInsertRate: 0.05, resetBeforeInsertRate: 0.05 };

const tempDir = useTempDirs();
let sim: OpensidSim;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build-main.mjs'], { stdio: 'inherit' });
  sim = await startOpensidSim({ faults: FAULTS });
});
afterAll(async () => {
  await sim.close();
});

type KillAt = null | { afterStartMs: number } | { afterServerMs: number };

/**
 * Runs `adm` and SIGKILLs it: some time after it starts (a kill while Node
 * loads), or some time after it first reached the server (its first login;
 * one with nothing to send is killed after 1.5 s), so the kills land while it
 * syncs however long Node takes to start here.
 */
function runChild(dataDir: string, args: string[], killAt: KillAt): Promise<{ killed: boolean; inFlightAtKill: number }> {
  return new Promise((resolve) => {
    const loginsBefore = sim.loginAttempts();
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...SHORT_TIMINGS, ADM_DATA_DIR: dataDir }, stdio: 'ignore' });
    let inFlightAtKill = 0;
    let exited = false;
    const kill = () => {
      if (exited) return;
      inFlightAtKill = sim.submitsInFlight();
      child.kill('SIGKILL');
    };
    const timers: NodeJS.Timeout[] = [];
    if (killAt && 'afterStartMs' in killAt) timers.push(setTimeout(kill, killAt.afterStartMs));
    if (killAt && 'afterServerMs' in killAt) {
      // A child with nothing left to send never logs in: it is killed anyway, a little later.
      timers.push(setTimeout(kill, 1500));
      const watch = setInterval(() => {
        if (sim.loginAttempts() === loginsBefore) return;
        clearInterval(watch);
        timers.push(setTimeout(kill, killAt.afterServerMs));
      }, 2);
      timers.push(watch);
    }
    child.once('exit', (_code, signal) => {
      exited = true;
      for (const timer of timers) clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', inFlightAtKill });
    });
  });
}

/** The passes must follow each other within milliseconds for 220 kills to fit in a test run. */
const SHORT_TIMINGS = { ...process.env, [SHORT_TIMINGS_ENV]: '1' };

describe('sync worker under SIGKILL', () => {
  it(`delivers ${REQUESTS} requests exactly once through ${KILLS} kills`, { timeout: 600_000 }, async () => {
    const dataDir = tempDir();
    const config = defaultConfig();
    config.server.url = sim.url;
    config.server.submitTimeoutSeconds = 2;
    config.server.readTimeoutSeconds = 2;
    config.logging.level = 'warn';
    config.sync = {
      ...config.sync,
      baseDelaySeconds: 0.02,
      maxDelaySeconds: 0.2,
      pollSeconds: 0.02,
      doubtGraceSeconds: 1,
    };
    await saveConfig(dataDir, config);

    const letters = [LETTERS[3]!, LETTERS[10]!, LETTERS[13]!]; // Keterangan Penduduk, Pengantar SKCK, Biodata
    const core = createKioskCore({ dataDir, watchConfig: false, env: SHORT_TIMINGS });
    for (let i = 0; i < REQUESTS; i++) {
      const resident = RESIDENTS[i % RESIDENT_COUNT]!;
      const letter = letters[i % letters.length]!;
      core.outbox.enqueue(
        newRequest(
          { letterId: letter.id, letterSlug: letter.slug, letterName: letter.nama, answers: { keperluan: `Keperluan ${i}` }, serverTarget: serverTarget(sim.url) },
          resident,
        ),
        { kind: 'pin', pin: resident.pin },
      );
    }
    const references = core.outbox.list({ limit: REQUESTS }).map((r) => r.reference);
    await core.close();

    // Just before the kiosk starts: the same residents, the same letters, from another channel.
    const elsewhere = createOpensidClient({ baseUrl: sim.url });
    for (const resident of RESIDENTS.slice(0, RESIDENT_COUNT)) {
      const login = await elsewhere.login(resident.nik, resident.pin);
      if (!login.ok) throw new Error('login failed');
      for (const letter of letters) {
        sim.setFaults({ failAfterInsertRate: 0, resetAfterInsertRate: 0, resetBeforeInsertRate: 0 });
        const sent = await elsewhere.submitRequest(login.value.token, {
          slug: letter.slug, letterId: letter.id, answers: { keperluan: 'Dari aplikasi' }, requirements: {}, phone: '081234567890', note: null, reference: 'ELSEWHERE',
        });
        if (!sent.ok) throw new Error(`submit elsewhere failed: ${sent.error.message}`);
      }
    }
    const foreignIds = new Set(sim.requests().map((r) => r.id));
    sim.setFaults(FAULTS);

    let kills = 0;
    let killsDuringSubmit = 0;
    for (let i = 0; i < KILLS; i++) {
      // The server's clock: 15 minutes ahead for the first half, 15 minutes behind for the second.
      sim.setFaults({ clockOffsetSeconds: i < KILLS / 2 ? 900 : -900 });
      // One kill in five while Node starts; the others 0-120 ms after the child first reached the server.
      const killAt = i % 5 === 0 ? { afterStartMs: 20 + Math.floor(Math.random() * 300) } : { afterServerMs: Math.floor(Math.random() * 120) };
      const { killed, inFlightAtKill } = await runChild(dataDir, ['sync'], killAt);
      if (killed) kills += 1;
      if (inFlightAtKill > 0) killsDuringSubmit += 1;
    }

    // Then let it finish undisturbed.
    const deadline = Date.now() + 60_000;
    let pending = Infinity;
    while (pending > 0 && Date.now() < deadline) {
      await runChild(dataDir, ['sync', '--once'], null);
      const check = createKioskCore({ dataDir, watchConfig: false, env: SHORT_TIMINGS });
      pending = check.outbox.counts().pending;
      await check.close();
      if (pending > 0) await new Promise((resolve) => setTimeout(resolve, 300));
    }

    const after = createKioskCore({ dataDir, watchConfig: false, env: SHORT_TIMINGS });
    const local = after.outbox.list({ limit: REQUESTS * 2 });
    const counts = after.outbox.counts();
    await after.close();

    const serverRows = sim.requests().filter((row) => !foreignIds.has(row.id));
    const byReference = new Map<string, number[]>();
    for (const row of serverRows) {
      const reference = JSON.parse(row.isianForm ?? '{}')[REFERENCE_FORM_KEY] as string;
      byReference.set(reference, [...(byReference.get(reference) ?? []), row.id]);
    }

    console.log(
      `crash test: ${kills} kills (${killsDuringSubmit} with a submit in flight), ${serverRows.length} server rows, ` +
        `${local.reduce((n, r) => n + r.attempts, 0)} attempts for ${REQUESTS} requests`,
    );
    expect(kills).toBeGreaterThanOrEqual(200);
    expect(killsDuringSubmit).toBeGreaterThan(0);
    expect(counts).toEqual({ pending: 0, synced: REQUESTS, parked: 0, rejected: 0 });
    expect(serverRows).toHaveLength(REQUESTS);
    // No other channel's request was taken for one of ours.
    for (const request of local) expect(foreignIds.has(request.serverId!)).toBe(false);
    for (const reference of references) expect(byReference.get(reference), reference).toHaveLength(1);
    // Adoption picked the row of that very request.
    for (const request of local) expect(byReference.get(request.reference)).toEqual([request.serverId]);
  });
});
