import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeVirtualState } from '../../../src/devices/printer/transports/virtual';
import { createFakeDocumentPrinter } from '../../../src/devices/document-printer/fake-document-printer';
import { createFakeInputSources } from '../../../src/devices/input/input-sources';
import { appVersion } from '../../../src/main/app-version';
import { createFleetMetrics, MAX_LETTER_SLUGS, OTHER_LETTER, type FleetMetricSources } from '../../../src/main/metrics/fleet-metrics';
import { ADM_METRIC_NAMES, METRIC } from '../../../src/main/metrics/metric-names';
import { TECHNICIAN_NOTICE_CODES } from '../../../src/shared/technician-notices';
import { LETTERS, RESIDENTS } from '../../../tools/opensid-sim/seed';
import { asPage, openAdminSession, TEST_ADMIN_PIN } from '../../helpers/admin-session';
import { coreWithSim } from '../../helpers/core-with-sim';
import { labelValues, parseSamples, sample } from '../../helpers/metrics-text';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const budi = RESIDENTS[0]!;
const siti = RESIDENTS[1]!;
const penduduk = LETTERS.find((l) => l.kode === 'S-02')!;
const request = { letterId: penduduk.id, answers: { keperluan: 'Melamar kerja' }, requirements: {}, phone: '081234567801', note: null };
let close: () => Promise<void> = async () => {};
afterEach(async () => close());

async function kiosk(...args: Parameters<typeof coreWithSim>) {
  const rig = await coreWithSim(...args);
  close = rig.close;
  const scrape = async () => parseSamples((await rig.core.metrics.scrape()).body);
  return { ...rig, folder: path.join(args[0], 'printer-output'), scrape };
}

async function submitted(core: Awaited<ReturnType<typeof kiosk>>['core'], who = budi): Promise<string> {
  expect((await core.invoke('session.identify', { nik: who.nik, pin: who.pin })).ok).toBe(true);
  await core.invoke('letters.list', {});
  const result = await core.invoke('requests.submit', request);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  await core.printing.whenIdle();
  return (result.value as { reference: string }).reference;
}

describe('fleet metrics of a running kiosk', () => {
  it('publishes every metric of the catalogue, the process ones with them', async () => {
    const { core } = await kiosk(tempDir());
    const { contentType, body } = await core.metrics.scrape();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of ADM_METRIC_NAMES) expect(body).toContain(`# TYPE ${name} `);
    expect(body).toMatch(/^process_start_time_seconds \d+/m);
    expect(body).toMatch(/^nodejs_heap_size_used_bytes \d+/m);
  });

  it('names the version and the identity in adm_info, following the configuration and the profile', async () => {
    const { core, scrape } = await kiosk(tempDir());
    const infoOf = async () => [...(await scrape()).entries()].filter(([key]) => key.startsWith(`${METRIC.info}{`));
    expect(await infoOf()).toEqual([
      [`${METRIC.info}{kabupaten="unset",kecamatan="unset",kiosk_id="unset",kode_desa="unset",version="${appVersion()}"}`, 1],
    ]);
    const { admin } = await openAdminSession(core);
    expect(await admin('admin.saveSettings', { values: { 'kiosk.id': 'sukamaju-01' } })).toMatchObject({ ok: true });
    expect((await infoOf()).map(([key]) => key)).toEqual([expect.stringContaining('kiosk_id="sukamaju-01"')]);
    // The village profile the background fetches names the village's codes at the next scrape.
    core.startBackground();
    await vi.waitFor(async () => expect((await infoOf()).map(([key]) => key)).toEqual([expect.stringContaining('kode_desa="3201012001"')]), { timeout: 10_000, interval: 50 });
    expect((await infoOf()).map(([key]) => key)).toEqual([expect.stringContaining('kecamatan="Cibinong"')]);
  });

  it('follows the receipt printer: one series per state, 1 for the current one; paper near end; a printer problem', async () => {
    const { core, folder, scrape } = await kiosk(tempDir());
    writeVirtualState(folder, 'paper-out');
    await core.printing.status(); // the background poll
    let samples = await scrape();
    expect(labelValues(samples, METRIC.printerStatus, 'status').sort()).toEqual(['cover-open', 'error', 'offline', 'paper-near-end', 'paper-out', 'ready', 'unknown']);
    expect(sample(samples, METRIC.printerStatus, { printer: 'receipt', status: 'paper-out' })).toBe(1);
    expect(sample(samples, METRIC.printerStatus, { printer: 'receipt', status: 'ready' })).toBe(0);
    expect(sample(samples, METRIC.printerPaperNearEnd, { printer: 'receipt' })).toBe(0);
    expect(sample(samples, METRIC.needsTechnician, { reason: 'printer-problem' })).toBe(1);

    writeVirtualState(folder, 'paper-near-end');
    await core.printing.status();
    samples = await scrape();
    expect(sample(samples, METRIC.printerStatus, { printer: 'receipt', status: 'paper-out' })).toBe(0);
    expect(sample(samples, METRIC.printerStatus, { printer: 'receipt', status: 'paper-near-end' })).toBe(1);
    expect(sample(samples, METRIC.printerPaperNearEnd, { printer: 'receipt' })).toBe(1);
    expect(sample(samples, METRIC.needsTechnician, { reason: 'printer-problem' })).toBe(0);
  });

  it('has A4 printer series only while letter printing is on, read from its CUPS queue', async () => {
    const printer = createFakeDocumentPrinter();
    printer.setQueue('a4', { status: 'ready', reasons: ['media-low-report'] });
    printer.setDefault('a4');
    const { core, scrape } = await kiosk(tempDir(), () => {}, { documentPrinter: printer });
    expect(labelValues(await scrape(), METRIC.printerStatus, 'printer')).toEqual(['receipt']);

    const { admin } = await openAdminSession(core);
    expect(await admin('admin.saveSettings', { values: { 'letterPrinter.enabled': true } })).toMatchObject({ ok: true });
    let samples = await scrape();
    expect(labelValues(samples, METRIC.printerStatus, 'status').filter((s) => sample(samples, METRIC.printerStatus, { printer: 'a4', status: s }) !== undefined).sort())
      .toEqual(['error', 'media-empty', 'offline', 'ready', 'stopped', 'unknown']);
    expect(sample(samples, METRIC.printerStatus, { printer: 'a4', status: 'ready' })).toBe(1);
    expect(sample(samples, METRIC.printerPaperNearEnd, { printer: 'a4' })).toBe(1);

    printer.setQueue('a4', { status: 'media-empty', reasons: ['media-empty-error'] });
    samples = await scrape();
    expect(sample(samples, METRIC.printerStatus, { printer: 'a4', status: 'media-empty' })).toBe(1);
    expect(sample(samples, METRIC.printerStatus, { printer: 'a4', status: 'ready' })).toBe(0);
    expect(sample(samples, METRIC.printerPaperNearEnd, { printer: 'a4' })).toBe(0);

    printer.setUnreachable(true);
    expect(sample(await scrape(), METRIC.printerStatus, { printer: 'a4', status: 'unknown' })).toBe(1);
  });

  it('follows requests through the outbox: pending with its age, then synced, the last success kept over a restart', async () => {
    const dir = tempDir();
    const { core, scrape } = await kiosk(dir);
    let samples = await scrape();
    expect(sample(samples, METRIC.outboxOldestPendingSeconds)).toBe(0);
    expect(sample(samples, METRIC.syncLastSuccess)).toBe(0);

    const before = Date.now();
    await submitted(core);
    samples = await scrape();
    expect(sample(samples, METRIC.outboxRequests, { state: 'pending' })).toBe(1);
    expect(sample(samples, METRIC.outboxRequests, { state: 'synced' })).toBe(0);
    expect(sample(samples, METRIC.outboxOldestPendingSeconds)).toBeGreaterThanOrEqual(0);
    expect(sample(samples, METRIC.outboxOldestPendingSeconds)).toBeLessThan((Date.now() - before) / 1000 + 1);
    expect(sample(samples, METRIC.lettersSubmitted, { letter: penduduk.slug })).toBe(1);

    await core.sync.runOnce();
    samples = await scrape();
    expect(sample(samples, METRIC.outboxRequests, { state: 'pending' })).toBe(0);
    expect(sample(samples, METRIC.outboxRequests, { state: 'synced' })).toBe(1);
    expect(sample(samples, METRIC.outboxOldestPendingSeconds)).toBe(0);
    expect(sample(samples, METRIC.syncAttempts, { outcome: 'synced' })).toBe(1);
    const lastSuccess = sample(samples, METRIC.syncLastSuccess)!;
    expect(lastSuccess).toBeGreaterThanOrEqual(Math.floor(before / 1000));
    expect(lastSuccess).toBeLessThanOrEqual(Date.now() / 1000);

    await close();
    const again = await kiosk(dir);
    expect(sample(await again.scrape(), METRIC.syncLastSuccess)).toBe(lastSuccess);
    // Counters start again with the process (Prometheus reads the restart from process_start_time_seconds).
    expect(sample(await again.scrape(), METRIC.syncAttempts, { outcome: 'synced' })).toBe(0);
  });

  it('counts a send that found the server down, and offline sessions; the server shows unreachable to the fleet', async () => {
    const { core, sim, scrape } = await kiosk(tempDir());
    await core.invoke('session.identify', { nik: siti.nik, pin: siti.pin });
    await core.invoke('letters.list', {}); // the letter list is cached while the server is up
    await core.invoke('session.end', { reason: 'done' });
    await sim.setDown(true);
    await submitted(core);
    expect((await core.sync.runOnce()).serverDown).toBe(true);
    const samples = await scrape();
    expect(sample(samples, METRIC.syncAttempts, { outcome: 'server-down' })).toBe(1);
    expect(sample(samples, METRIC.syncAttempts, { outcome: 'synced' })).toBe(0);
    expect(sample(samples, METRIC.sessions, { kind: 'offline' })).toBe(1);
    expect(sample(samples, METRIC.sessions, { kind: 'online' })).toBe(1);
    expect(sample(samples, METRIC.outboxRequests, { state: 'pending' })).toBe(1);
    // The server is asked beside the scrapes, never inside one: a later scrape has its answer.
    await vi.waitFor(async () => expect(sample(await scrape(), METRIC.needsTechnician, { reason: 'server-unreachable' })).toBe(1), { timeout: 10_000, interval: 100 });
  });

  it('counts sessions signed in online, and those abandoned to the idle timer without a request', async () => {
    const { core, scrape } = await kiosk(tempDir());
    await core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
    await core.invoke('session.end', { reason: 'idle' }); // abandoned
    await core.invoke('session.identify', { nik: siti.nik, pin: siti.pin });
    await core.invoke('session.end', { reason: 'done' }); // the resident left: not abandoned
    await submitted(core);
    await core.invoke('session.end', { reason: 'idle' }); // a request was made: not abandoned
    const samples = await scrape();
    expect(sample(samples, METRIC.sessions, { kind: 'online' })).toBe(3);
    expect(sample(samples, METRIC.sessions, { kind: 'offline' })).toBe(0);
    expect(sample(samples, METRIC.sessions, { kind: 'abandoned' })).toBe(1);
  });

  it('counts admin unlocks by outcome', async () => {
    const { core, scrape } = await kiosk(tempDir());
    await openAdminSession(core); // the PIN set on the PC, then a good unlock
    expect((await core.invokeAdmin('admin.unlock', { pin: '000000' }, asPage())).ok).toBe(false);
    expect((await core.invokeAdmin('admin.unlock', { pin: '000001' }, asPage())).ok).toBe(false);
    expect((await core.invokeAdmin('admin.unlock', { pin: TEST_ADMIN_PIN }, asPage())).ok).toBe(true);
    const samples = await scrape();
    expect(sample(samples, METRIC.adminLogins, { outcome: 'success' })).toBe(2);
    expect(sample(samples, METRIC.adminLogins, { outcome: 'wrong-pin' })).toBe(2);
    expect(sample(samples, METRIC.adminLogins, { outcome: 'locked' })).toBe(0);
  });

  it("counts each of the village's letter types from 0 once the list is known, so the first request after a start is seen", async () => {
    const { core, scrape } = await kiosk(tempDir());
    expect(labelValues(await scrape(), METRIC.lettersSubmitted, 'letter')).toEqual([]);
    expect((await core.invoke('session.identify', { nik: budi.nik, pin: budi.pin })).ok).toBe(true);
    await core.invoke('letters.list', {});
    const samples = await scrape();
    const offered = LETTERS.map((letter) => letter.slug);
    expect(offered.length).toBeGreaterThan(1);
    for (const slug of offered) expect(sample(samples, METRIC.lettersSubmitted, { letter: slug })).toBe(0);
    const result = await core.invoke('requests.submit', request);
    expect(result.ok).toBe(true);
    expect(sample(await scrape(), METRIC.lettersSubmitted, { letter: penduduk.slug })).toBe(1);
  });

  it('counts receipts printed and failed, and queue tickets', async () => {
    const { core, folder, scrape } = await kiosk(tempDir());
    await submitted(core);
    writeVirtualState(folder, 'paper-out');
    await core.invoke('session.end', { reason: 'done' });
    await submitted(core);
    expect((await core.invoke('printing.queueTicket', {})).ok).toBe(true); // paper out: not printed
    writeVirtualState(folder, 'ready');
    expect((await core.invoke('printing.queueTicket', {})).ok).toBe(true);
    const samples = await scrape();
    expect(sample(samples, METRIC.receiptsPrinted, { outcome: 'printed' })).toBe(1);
    expect(sample(samples, METRIC.receiptsPrinted, { outcome: 'failed' })).toBe(1);
    expect(sample(samples, METRIC.queueTickets)).toBe(1);
  });

  it('shows each configured reader\'s state', async () => {
    const sources = createFakeInputSources();
    const { core, scrape } = await kiosk(tempDir(), (config) => void (config.input.pcsc = true), { inputSources: sources.start });
    core.startBackground();
    sources.status({ source: 'pcsc', status: { state: 'no-daemon' } });
    const samples = await scrape();
    // The background's profile fetch lands before the core closes.
    await vi.waitFor(async () => expect(labelValues(await scrape(), METRIC.info, 'kode_desa')).toEqual(['3201012001']), { timeout: 10_000, interval: 50 });
    expect(labelValues(samples, METRIC.readersStatus, 'reader')).toEqual(['pcsc']);
    expect(sample(samples, METRIC.readersStatus, { reader: 'pcsc', status: 'no-daemon' })).toBe(1);
    expect(sample(samples, METRIC.readersStatus, { reader: 'pcsc', status: 'ready' })).toBe(0);
  });

  it('has one needs-technician series per notice code, and the data disk', async () => {
    const { scrape } = await kiosk(tempDir());
    const samples = await scrape();
    expect(labelValues(samples, METRIC.needsTechnician, 'reason').sort()).toEqual([...TECHNICIAN_NOTICE_CODES].sort());
    expect(sample(samples, METRIC.dataDiskFreeBytes)).toBeGreaterThan(0);
  });

  it("holds nothing of the resident after a whole visit: no NIK, name, phone, PIN or reference", async () => {
    const { core, scrape } = await kiosk(tempDir());
    const reference = await submitted(core);
    await core.sync.runOnce();
    await core.invoke('session.end', { reason: 'done' });
    expect(sample(await scrape(), METRIC.receiptsPrinted, { outcome: 'printed' })).toBe(1);
    const { body } = await core.metrics.scrape();
    // No NIK-like run in any name or label (a sample's value is a number: a float may have 16 digits after its point).
    const withoutValues = body.split('\n').map((line) => (line.startsWith('#') ? line : line.replace(/ \S+$/, ''))).join('\n');
    expect(withoutValues).not.toMatch(/\d{16}/);
    for (const secret of [budi.nik, budi.nama, budi.pin, request.phone, reference, reference.toLowerCase()]) expect(body).not.toContain(secret);
    expect(body).not.toContain('Santoso');
  });
});

describe('label bounds', () => {
  const quiet: FleetMetricSources = {
    info: () => ({ version: '1.0.0', identity: { kioskId: 'k', kodeDesa: 'unset', kecamatan: 'unset', kabupaten: 'unset' } }),
    receiptPrinter: () => 'ready',
    a4Printer: async () => null,
    outboxCounts: () => ({ pending: 0, parked: 0, rejected: 0, synced: 0 }),
    oldestPendingAt: () => null,
    lastSyncSuccessAt: () => null,
    readers: () => [{ reader: 'hid', state: 'something-new' }],
    technicianNotices: async () => [],
    dataDiskFreeBytes: () => null,
    letterSlugs: () => [],
  };

  it('keeps at most 100 letter slugs, odd ones and the rest as "other", from a server offering 1,000', async () => {
    const metrics = createFleetMetrics(quiet, { defaultMetrics: false });
    for (let i = 0; i < 1000; i++) metrics.reporter.letterSubmitted(`surat-${i}`);
    const odd = ['Surat Usaha', '3201011501850001 budi', '', '-leading-dash', 'a'.repeat(49), 'surat/../x', 'surat"}', 'ñ'];
    for (const slug of odd) metrics.reporter.letterSubmitted(slug);
    metrics.reporter.letterSubmitted('surat-5'); // one already seen still counts under its own name
    const samples = parseSamples((await metrics.scrape()).body);
    const letters = labelValues(samples, METRIC.lettersSubmitted, 'letter');
    expect(letters.length).toBeLessThanOrEqual(MAX_LETTER_SLUGS + 1);
    expect(letters).toContain(OTHER_LETTER);
    expect(sample(samples, METRIC.lettersSubmitted, { letter: OTHER_LETTER })).toBe(900 + odd.length);
    expect(sample(samples, METRIC.lettersSubmitted, { letter: 'surat-5' })).toBe(2);
    expect(sample(samples, METRIC.lettersSubmitted, { letter: 'surat-100' })).toBeUndefined();
  });

  it('asks CUPS and the Status rule once for many scrapes at the same time, each answer whole; the next scrape asks again', async () => {
    const cupsAnswers: Array<() => void> = [];
    let noticeReads = 0;
    const metrics = createFleetMetrics(
      {
        ...quiet,
        // CUPS answers only when the test says so: every scrape asked for meanwhile is waiting on it.
        a4Printer: () => new Promise((resolve) => cupsAnswers.push(() => resolve({ status: 'media-empty', paperNearEnd: true }))),
        technicianNotices: async () => (noticeReads++, ['printer-problem']),
      },
      { defaultMetrics: false },
    );
    const scrapes = Array.from({ length: 50 }, () => metrics.scrape());
    await vi.waitFor(() => expect(cupsAnswers.length).toBeGreaterThan(0));
    expect(cupsAnswers).toHaveLength(1);
    for (const answer of cupsAnswers.splice(0)) answer();
    const bodies = await Promise.all(scrapes);
    expect(noticeReads).toBe(1);
    for (const { body } of bodies) {
      const samples = parseSamples(body);
      expect(sample(samples, METRIC.printerStatus, { printer: 'a4', status: 'media-empty' })).toBe(1);
      expect(sample(samples, METRIC.printerPaperNearEnd, { printer: 'a4' })).toBe(1);
      expect(sample(samples, METRIC.needsTechnician, { reason: 'printer-problem' })).toBe(1);
    }
    // Once answered, a scrape reads the printer afresh.
    const next = metrics.scrape();
    await vi.waitFor(() => expect(cupsAnswers).toHaveLength(1));
    cupsAnswers.splice(0)[0]!();
    await next;
    expect(noticeReads).toBe(2);
  });

  it('reads an unknown reader state as "other", and leaves out a metric whose source fails, once told', async () => {
    const errors: Array<[string, unknown]> = [];
    let broken = true;
    const metrics = createFleetMetrics(
      { ...quiet, outboxCounts: () => (broken ? (() => { throw new Error('database locked'); })() : { pending: 2, parked: 0, rejected: 0, synced: 0 }) },
      { defaultMetrics: false, onSourceError: (metric, error) => errors.push([metric, error]) },
    );
    let samples = parseSamples((await metrics.scrape()).body);
    expect(sample(samples, METRIC.readersStatus, { reader: 'hid', status: 'other' })).toBe(1);
    expect(sample(samples, METRIC.readersStatus, { reader: 'hid', status: 'open' })).toBe(0);
    expect(labelValues(samples, METRIC.outboxRequests, 'state')).toEqual([]);
    expect(sample(samples, METRIC.info, { version: '1.0.0', kiosk_id: 'k', kode_desa: 'unset', kecamatan: 'unset', kabupaten: 'unset' })).toBe(1);
    await metrics.scrape();
    expect(errors.map(([metric]) => metric)).toEqual([METRIC.outboxRequests]); // told once, not per scrape
    broken = false;
    samples = parseSamples((await metrics.scrape()).body);
    expect(sample(samples, METRIC.outboxRequests, { state: 'pending' })).toBe(2);
    expect(errors).toEqual([[METRIC.outboxRequests, expect.any(Error)], [METRIC.outboxRequests, null]]);
  });
});
