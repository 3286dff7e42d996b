/**
 * Exactly-once under crashes: a child process (`adm sync`) works through the
 * outbox while it is SIGKILLed at random moments, over and over, against a
 * demo server that is slow, answers 500 after inserting, and drops
 * connections. In the end every kiosk request must be on the server exactly
 * once, adopted rows must be the right ones, and the outbox must say synced.
 */
import { execFileSync, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKioskCore } from '../../../src/main/core';
import { saveConfig } from '../../../src/main/config/store';
import { defaultConfig } from '../../../src/main/config/schema';
import { REFERENCE_FORM_KEY } from '../../../src/main/village/opensid-client';
import { startOpensidSim, type OpensidSim } from '../../../tools/opensid-sim/server';
import { LETTERS, RESIDENTS } from '../../../tools/opensid-sim/seed';
import { newRequest } from '../../helpers/outbox-rig';
import { useTempDirs } from '../../helpers/temp-dir';

const REQUESTS = 60;
const KILLS = 220;
const CLI = 'dist/main/cli.cjs';

const tempDir = useTempDirs();
let sim: OpensidSim;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build-main.mjs'], { stdio: 'inherit' });
  sim = await startOpensidSim({
    faults: { latencyMs: 3, submitDelayMs: 40, failAfterInsertRate: 0.2, resetAfterInsertRate: 0.05, resetBeforeInsertRate: 0.05 },
  });
});
afterAll(async () => {
  await sim.close();
});

function runChild(dataDir: string, args: string[], killAfterMs: number | null): Promise<{ killed: boolean; inFlightAtKill: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ADM_DATA_DIR: dataDir }, stdio: 'ignore' });
    let inFlightAtKill = 0;
    const timer =
      killAfterMs === null
        ? null
        : setTimeout(() => {
            inFlightAtKill = sim.submitsInFlight();
            child.kill('SIGKILL');
          }, killAfterMs);
    child.once('exit', (_code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', inFlightAtKill });
    });
  });
}

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
      clockSkewSeconds: 1,
    };
    await saveConfig(dataDir, config);

    const letters = [LETTERS[3]!, LETTERS[10]!, LETTERS[13]!]; // Keterangan Penduduk, Pengantar SKCK, Biodata
    const core = createKioskCore({ dataDir, watchConfig: false });
    for (let i = 0; i < REQUESTS; i++) {
      const resident = RESIDENTS[i % 10]!;
      const letter = letters[i % letters.length]!;
      core.outbox.enqueue(
        newRequest({ letterId: letter.id, letterSlug: letter.slug, letterName: letter.nama, answers: { keperluan: `Keperluan ${i}` } }, resident),
        { kind: 'pin', pin: resident.pin },
      );
    }
    const references = core.outbox.list({ limit: REQUESTS }).map((r) => r.reference);
    await core.close();

    let kills = 0;
    let killsDuringSubmit = 0;
    for (let i = 0; i < KILLS; i++) {
      // 20-450 ms: some kills land while Node starts, most while it syncs.
      const { killed, inFlightAtKill } = await runChild(dataDir, ['sync'], 20 + Math.floor(Math.random() * 430));
      if (killed) kills += 1;
      if (inFlightAtKill > 0) killsDuringSubmit += 1;
    }

    // Then let it finish undisturbed.
    const deadline = Date.now() + 60_000;
    let pending = Infinity;
    while (pending > 0 && Date.now() < deadline) {
      await runChild(dataDir, ['sync', '--once'], null);
      const check = createKioskCore({ dataDir, watchConfig: false });
      pending = check.outbox.counts().pending;
      await check.close();
      if (pending > 0) await new Promise((resolve) => setTimeout(resolve, 300));
    }

    const after = createKioskCore({ dataDir, watchConfig: false });
    const local = after.outbox.list({ limit: REQUESTS * 2 });
    const counts = after.outbox.counts();
    await after.close();

    const serverRows = sim.requests();
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
    for (const reference of references) expect(byReference.get(reference), reference).toHaveLength(1);
    // Adoption picked the row of that very request.
    for (const request of local) expect(byReference.get(request.reference)).toEqual([request.serverId]);
  });
});
