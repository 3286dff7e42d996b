// The fleet path end to end with Debian's real prometheus (tests/helpers/prometheus.ts):
// a kiosk core serving its metrics, the kiosk PC's agent on the configuration
// rendered from the shipped template, and a central Prometheus taking remote
// writes. Then the central one goes away while the kiosk runs out of paper and
// queues two requests, and comes back: the agent's WAL delivers the outage.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeVirtualState } from '../../../src/devices/printer/transports/virtual';
import { agentStatus } from '../../../src/main/fleet/agent-status';
import { kioskIdentity } from '../../../src/main/metrics/kiosk-identity';
import { createReferenceCache } from '../../../src/main/village/reference-cache';
import { LETTERS, RESIDENTS } from '../../../tools/opensid-sim/seed';
import { coreWithSim } from '../../helpers/core-with-sim';
import { parseSamples, sample } from '../../helpers/metrics-text';
import { freePort } from '../../helpers/free-port';
import { eventually, renderShippedAgentConfig, startAgent, startCentral, type PrometheusProcess } from '../../helpers/prometheus';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Shortened for the test through the renderer's options; a kiosk scrapes every 30 s. */
const INTERVAL_S = 1;
const TIMING = { scrapeIntervalMs: INTERVAL_S * 1000, batchSendDeadlineMs: 200, minBackoffMs: 100, maxBackoffMs: 500 };
/** A scrape's timestamp may come a little after its tick on a busy machine. */
const MAX_GAP_S = INTERVAL_S * 1.5;
/** kiosk.id from config.json; the rest from the demo village server's profile. */
const IDENTITY_LABELS = { kiosk_id: 'sukamaju-01', kode_desa: '3201012001', kecamatan: 'Cibinong', kabupaten: 'Bogor' };
const budi = RESIDENTS[0]!;
const penduduk = LETTERS.find((l) => l.kode === 'S-02')!;
const request = { letterId: penduduk.id, answers: { keperluan: 'Melamar kerja' }, requirements: {}, phone: '081234567801', note: null };

/** The raw samples (unix seconds, value) of one series the central Prometheus holds between `from` and `to`. */
async function samples(central: PrometheusProcess, selector: string, from: number, to: number): Promise<Array<[number, number]>> {
  const seconds = Math.ceil(to - from) + 1;
  const result = await central.query(`${selector}[${seconds}s]`, to);
  if (result.length > 1) throw new Error(`${selector} matched ${result.length} series`);
  const values = (result[0]?.values ?? []) as Array<[number, string]>;
  return values.map(([at, value]) => [at, Number(value)] as [number, number]).filter(([at]) => at >= from);
}

function largestGap(points: Array<[number, number]>): number {
  return Math.max(0, ...points.slice(1).map(([at], i) => at - points[i]![0]));
}

async function scrapeOf(port: number): Promise<string> {
  return (await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
}

async function lastScrapeSeconds(agent: PrometheusProcess): Promise<number> {
  const targets = (await agent.api('/api/v1/targets?state=active')).activeTargets as Array<{ labels: { job: string }; lastScrape: string; health: string }>;
  const adm = targets.find((t) => t.labels.job === 'adm');
  return adm && adm.health === 'up' ? Date.parse(adm.lastScrape) / 1000 : 0;
}

async function fleet() {
  const root = tempDir();
  const metricsPort = await freePort();
  mkdirSync(path.join(root, 'kiosk'));
  const rig = await coreWithSim(path.join(root, 'kiosk'), (config) => {
    config.metrics.port = metricsPort;
    config.kiosk.id = IDENTITY_LABELS.kiosk_id;
  });
  cleanups.push(rig.close);
  // The village's codes come from the server's profile, cached as the kiosk caches it, as on a kiosk whose
  // config.json names only kiosk.id.
  const profile = await rig.core.village()!.villageProfile();
  if (!profile.ok) throw new Error('the demo server gave no profile');
  const references = createReferenceCache(rig.core.db);
  references.saveProfile(profile.value);
  rig.core.startBackground();
  await eventually('the kiosk serving /metrics', async () => ((await scrapeOf(metricsPort)).includes('adm_info{') ? true : undefined));

  const central = await startCentral(path.join(root, 'central'));
  cleanups.push(() => central.stop());
  const passwordFile = path.join(root, 'remote-write.password');
  writeFileSync(passwordFile, 'rahasia\n', { mode: 0o600 });
  const configText = renderShippedAgentConfig({
    identity: kioskIdentity(rig.core.config(), references.profile()?.value ?? null),
    metricsPort,
    remoteWrite: { url: `${central.url}/api/v1/write`, username: 'kiosk', passwordFile },
    timing: TIMING,
  });
  const agent = await startAgent(path.join(root, 'agent'), configText);
  cleanups.push(() => agent.stop());
  return { ...rig, root, metricsPort, central, agent };
}

describe('the kiosk PC agent with a real central Prometheus', () => {
  it("delivers the kiosk's series with its identity, and the samples of a central outage once it is back", async () => {
    const { core, sim, root, metricsPort, agent, central: first } = await fleet();

    // (a) The central one holds adm_info with the kiosk's labels; every series carries the identity.
    const [info] = await eventually('adm_info at the central Prometheus', async () => {
      const result = await first.query('adm_info');
      return result.length > 0 ? result : undefined;
    });
    expect(info.metric).toMatchObject({ ...IDENTITY_LABELS, job: 'adm', instance: `127.0.0.1:${metricsPort}`, version: expect.any(String) });
    const up = await first.query('up{job="adm"}');
    expect(up).toEqual([{ metric: expect.objectContaining({ ...IDENTITY_LABELS, job: 'adm' }), value: [expect.any(Number), '1'] }]);
    const outbox = await first.query('adm_outbox_requests{state="pending"}');
    expect(outbox[0].metric).toMatchObject(IDENTITY_LABELS);
    const said = await agentStatus({ agentUrl: agent.url, metricsPort, lagLimitSeconds: 5 });
    expect(said, said.lines.join('\n')).toMatchObject({ running: true, scraped: true, sending: true });

    // (b) The central one goes away (by pid); the resident signs in while the village server still answers.
    expect((await core.invoke('session.identify', { nik: budi.nik, pin: budi.pin })).ok).toBe(true);
    expect((await core.invoke('letters.list', {})).ok).toBe(true);
    await first.stop();
    const outageFrom = Date.now() / 1000;
    writeVirtualState(path.join(core.dataDir, 'printer-output'), 'paper-out');
    await sim.setDown(true);
    for (let i = 0; i < 2; i++) expect((await core.invoke('requests.submit', request)).ok).toBe(true);
    expect(core.outbox.counts().pending).toBe(2);
    await core.printing.whenIdle();

    // The kiosk shows the new state; then the agent reads it at least three times more (its own API says when).
    await eventually('paper-out and two pending requests in the kiosk scrape', async () => {
      const scraped = parseSamples(await scrapeOf(metricsPort));
      const paperOut = sample(scraped, 'adm_printer_status', { printer: 'receipt', status: 'paper-out' }) === 1;
      return paperOut && sample(scraped, 'adm_outbox_requests', { state: 'pending' }) === 2 ? true : undefined;
    });
    const stateShownAt = Date.now() / 1000;
    await eventually('the agent scraping the new state', async () => ((await lastScrapeSeconds(agent)) > stateShownAt + 3 * INTERVAL_S ? true : undefined));
    // The samples are held: `adm fleet status` sees them not leaving, and the agent counts its retries.
    const held = await eventually('the agent saying the samples do not leave', async () => {
      const status = await agentStatus({ agentUrl: agent.url, metricsPort, lagLimitSeconds: 3 });
      return status.sending ? undefined : status;
    });
    expect(held.scraped).toBe(true);
    expect(await agent.ownMetric('prometheus_remote_storage_samples_retried_total')).toBeGreaterThan(0);
    expect(await agent.ownMetric('prometheus_remote_storage_samples_failed_total')).toBe(0);
    const outageTo = Date.now() / 1000;

    // The central one comes back on the same folder and port.
    const central = await startCentral(first.dataDir, first.port);
    cleanups.push(() => central.stop());
    expect(central.dataDir).toBe(path.join(root, 'central'));

    const pendingSelector = 'adm_outbox_requests{state="pending",kiosk_id="sukamaju-01"}';
    const paperSelector = 'adm_printer_status{printer="receipt",status="paper-out",kiosk_id="sukamaju-01"}';
    await eventually(
      'the samples of the outage at the central Prometheus',
      async () => {
        const pending = await samples(central, pendingSelector, outageFrom, outageTo + 5);
        return pending.length > 0 && pending.at(-1)![0] >= outageTo ? true : undefined;
      },
      60_000,
    );

    // Nothing is missing: one sample per scrape through the whole outage, for the kiosk's series and for up.
    for (const selector of [pendingSelector, paperSelector, 'up{job="adm",kiosk_id="sukamaju-01"}']) {
      const points = await samples(central, selector, outageFrom - INTERVAL_S, outageTo);
      expect(points.length, selector).toBeGreaterThanOrEqual(Math.floor((outageTo - outageFrom) / INTERVAL_S));
      expect(points[0]![0] - (outageFrom - INTERVAL_S), `${selector}: the first sample of the window`).toBeLessThanOrEqual(MAX_GAP_S);
      expect(outageTo - points.at(-1)![0], `${selector}: the last sample of the window`).toBeLessThanOrEqual(MAX_GAP_S);
      expect(largestGap(points), `${selector}: ${JSON.stringify(points)}`).toBeLessThanOrEqual(MAX_GAP_S);
    }
    // The paper ran out and two requests waited during the outage: those samples arrived.
    const duringState = (points: Array<[number, number]>) => points.filter(([at]) => at >= stateShownAt + INTERVAL_S && at <= outageTo);
    const pendingDuring = duringState(await samples(central, pendingSelector, outageFrom, outageTo));
    const paperDuring = duringState(await samples(central, paperSelector, outageFrom, outageTo));
    expect(pendingDuring.length).toBeGreaterThanOrEqual(3);
    expect(pendingDuring.map(([, value]) => value)).toEqual(pendingDuring.map(() => 2));
    expect(paperDuring.length).toBeGreaterThanOrEqual(3);
    expect(paperDuring.map(([, value]) => value)).toEqual(paperDuring.map(() => 1));
    // Before the outage the kiosk had nothing pending: the values at the central one change where the kiosk's did.
    const before = await samples(central, pendingSelector, outageFrom - 10, outageFrom);
    expect(before.at(-1)?.[1]).toBe(0);

    // query_range over the outage window says the same at every step.
    const steps = await central.queryRange(pendingSelector, Math.ceil(stateShownAt + INTERVAL_S), Math.floor(outageTo), INTERVAL_S);
    expect(steps).toHaveLength(1);
    expect((steps[0].values as Array<[number, string]>).every(([, value]) => value === '2')).toBe(true);
  }, 120_000);
});
