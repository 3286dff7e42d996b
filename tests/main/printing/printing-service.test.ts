import { existsSync, readdirSync, readFileSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeVirtualState } from '../../../src/devices/printer/transports/virtual';
import { createKioskCore } from '../../../src/main/core';
import { defaultConfig } from '../../../src/main/config/schema';
import { saveConfig } from '../../../src/main/config/store';
import { CARD_HINT_KEY_FILE } from '../../../src/main/input/card-hints';
import { createSilentLogger } from '../../../src/main/logging/logger';
import { createPrintingService, receiptSyncState } from '../../../src/main/printing/printing-service';
import { createReferenceCache } from '../../../src/main/village/reference-cache';
import { LETTERS, RESIDENTS } from '../../../tools/opensid-sim/seed';
import { coreWithSim } from '../../helpers/core-with-sim';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const budi = RESIDENTS[0]!;
const penduduk = LETTERS.find((l) => l.kode === 'S-02')!;
let close: () => Promise<void> = async () => {};
afterEach(async () => close());

async function signedInKiosk() {
  const dir = tempDir();
  const rig = await coreWithSim(dir);
  close = rig.close;
  await rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
  await rig.core.invoke('letters.list', {});
  return { ...rig, dir, folder: path.join(dir, 'printer-output') };
}

async function submit(core: Awaited<ReturnType<typeof signedInKiosk>>['core']) {
  const result = await core.invoke('requests.submit', { letterId: penduduk.id, answers: { keperluan: 'Melamar kerja' }, requirements: {}, phone: '081234567801', note: null });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as { reference: string; queueNumber: string };
}

/** The core prints the receipt when the request is stored: wait for the job, then ask as the screen does. */
async function receiptOf(core: Awaited<ReturnType<typeof signedInKiosk>>['core'], reference: string) {
  await core.printing.whenIdle();
  return core.invoke('printing.receiptState', { reference });
}

function printedTexts(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(folder, f), 'utf8'));
}

describe('printing', () => {
  it('reserves the queue number and the receipt job with the request, then prints the receipt', async () => {
    const { core, folder } = await signedInKiosk();
    const submitted = await submit(core);
    expect(submitted.queueNumber).toBe('A-001');
    // Stored with the request, and already on its way: nobody had to ask for it.
    const job = core.db.prepare('SELECT kind, state, queue_number FROM print_job').get() as { state: string };
    expect(job).toMatchObject({ kind: 'request-receipt', queue_number: 'A-001' });
    expect(['queued', 'printing']).toContain(job.state);

    expect(await receiptOf(core, submitted.reference)).toEqual({ ok: true, value: { printing: false, outcome: 'printed', status: 'ready' } });
    const [text] = printedTexts(folder);
    expect(text).toContain('BUKTI PERMOHONAN SURAT');
    expect(text).toMatch(/A +- +0 +0 +1/);
    expect(text).toContain(`[QR: ${submitted.reference}]`);
    expect(text).toContain('320101******0001');
    expect(text).not.toContain(budi.nik);
    expect(text).toContain('- Fotokopi KK');
    expect(core.db.prepare('SELECT state FROM print_job').pluck().get()).toBe('printed');
  });

  it('paper out: the request is kept, the receipt is not printed later on its own, and reprints on demand', async () => {
    const { core, folder } = await signedInKiosk();
    writeVirtualState(folder, 'paper-out');
    const submitted = await submit(core);
    expect(await receiptOf(core, submitted.reference)).toEqual({ ok: true, value: { printing: false, outcome: 'not-printed', status: 'paper-out' } });
    expect(core.outbox.byReference(submitted.reference)?.syncState).toBe('pending');
    expect(core.db.prepare('SELECT state, failure FROM print_job').get()).toMatchObject({ state: 'failed', failure: 'printer reports paper-out' });

    writeVirtualState(folder, 'ready');
    await core.sync.runOnce();
    expect(printedTexts(folder)).toHaveLength(0);
    expect(await core.invoke('printing.reprint', { reference: submitted.reference })).toEqual({ ok: true, value: { outcome: 'printed', status: 'ready' } });
    expect(printedTexts(folder)[0]).toContain('Terkirim');
  });

  it('prints queue tickets without sign-in, numbered after the receipts of the day', async () => {
    const { core, folder } = await signedInKiosk();
    await submit(core);
    await core.invoke('session.end', { reason: 'done' });
    expect(await core.invoke('printing.queueTicket', {})).toMatchObject({ ok: true, value: { queueNumber: 'A-002', outcome: 'printed' } });
    expect(await core.invoke('printing.queueTicket', {})).toMatchObject({ ok: true, value: { queueNumber: 'A-003' } });
    expect(printedTexts(folder).some((t) => t.includes('NOMOR ANTREAN'))).toBe(true);
  });

  it('only the resident who made the request can print or reprint its receipt', async () => {
    const { core } = await signedInKiosk();
    const submitted = await submit(core);
    await core.invoke('session.identify', { nik: RESIDENTS[1]!.nik, pin: RESIDENTS[1]!.pin });
    expect(await core.invoke('printing.receiptState', { reference: submitted.reference })).toMatchObject({ ok: false, error: { code: 'not-yours' } });
    expect(await core.invoke('printing.reprint', { reference: submitted.reference })).toMatchObject({ ok: false, error: { code: 'not-yours' } });
  });

  it('marks jobs a crash left unfinished as failed at the next start, never printing them on its own', async () => {
    const { core, dir, folder } = await signedInKiosk();
    writeVirtualState(folder, 'paper-out');
    const submitted = await submit(core);
    await core.printing.whenIdle();
    core.db.prepare("UPDATE print_job SET state = 'printing'").run(); // as if the kiosk died mid-job
    await close();
    writeVirtualState(folder, 'ready');
    const restarted = createKioskCore({ dataDir: dir, watchConfig: false });
    close = () => restarted.close();
    restarted.startBackground();
    expect(restarted.db.prepare('SELECT state, failure FROM print_job').get()).toEqual({ state: 'failed', failure: 'kios berhenti sebelum mencetak' });
    await restarted.printing.whenIdle();
    expect(printedTexts(folder)).toHaveLength(0);
    expect(restarted.outbox.byReference(submitted.reference)).not.toBeNull();
  });

  it('limits queue tickets, which need no sign-in, so a prank cannot empty the paper roll', async () => {
    const rig = await coreWithSim(tempDir(), (c) => {
      c.printer.queueTicketsPerMinute = 2;
    });
    close = rig.close;
    expect((await rig.core.invoke('printing.queueTicket', {})).ok).toBe(true);
    expect((await rig.core.invoke('printing.queueTicket', {})).ok).toBe(true);
    expect(await rig.core.invoke('printing.queueTicket', {})).toMatchObject({
      ok: false,
      error: { code: 'tickets-rate-limited', params: { count: expect.any(Number) } },
    });
    expect(rig.core.db.prepare("SELECT count(*) FROM print_job WHERE kind = 'queue-ticket'").pluck().get()).toBe(2);
  });

  it('deletes virtual printer slips (they carry names) after the retention period', async () => {
    const { core, folder } = await signedInKiosk();
    const { reference } = await submit(core);
    expect((await receiptOf(core, reference)).ok).toBe(true);
    const slips = readdirSync(folder).filter((f) => /\.(bin|txt|png)$/.test(f));
    expect(slips.length).toBeGreaterThan(0);
    const old = new Date(Date.now() - 40 * 86_400_000);
    for (const slip of slips) utimesSync(path.join(folder, slip), old, old);
    expect(core.printing.purgeOutput(new Date(Date.now() - 30 * 86_400_000))).toBe(slips.length);
    expect(readdirSync(folder).filter((f) => /\.(bin|txt|png)$/.test(f))).toEqual([]);
    expect(existsSync(path.join(folder, 'state.json'))).toBe(true);
  });

  it('keeps "paper near end" after a good job, pushes each change once, and logs only changes', async () => {
    const { core, folder } = await signedInKiosk();
    const events: unknown[] = [];
    core.onEvent((name, payload) => name === 'printer.status' && events.push(payload));
    writeVirtualState(folder, 'paper-near-end');
    const { reference } = await submit(core);
    expect(await receiptOf(core, reference)).toMatchObject({ ok: true, value: { outcome: 'printed', status: 'paper-near-end' } });
    expect(await core.invoke('printing.status', {})).toEqual({ ok: true, value: { status: 'paper-near-end' } });
    await core.invoke('printing.reprint', { reference });
    writeVirtualState(folder, 'ready');
    await core.invoke('printing.reprint', { reference });
    expect(events).toEqual([{ status: 'paper-near-end' }, { status: 'ready' }]);
    await core.close();
    const changes = readFileSync(path.join(core.dataDir, 'logs', 'adm.log'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('printer status changed'))
      .map((line) => JSON.parse(line) as { from: string; to: string });
    expect(changes.map((c) => `${c.from}->${c.to}`)).toEqual(['unknown->paper-near-end', 'paper-near-end->ready']);
  });

  it('turns a slip that cannot be encoded into a failed job with its reason, never a job left queued', async () => {
    const dir = tempDir();
    const core = createKioskCore({ dataDir: dir, watchConfig: false });
    close = () => core.close();
    // A combination the configuration refuses when read (native QR on a model without it), forced here.
    const forced = () => ({ ...core.config(), printer: { ...core.config().printer, profile: 'bixolon-srp350', qr: 'native' as const } });
    const printing = createPrintingService({
      db: core.db,
      dataDir: dir,
      outbox: core.outbox,
      references: createReferenceCache(core.db),
      config: forced,
      log: createSilentLogger().root,
    });
    expect(await printing.printTestSlip()).toEqual({ outcome: 'not-printed', status: null });
    expect(core.db.prepare('SELECT state, failure FROM print_job').get()).toEqual({
      state: 'failed',
      failure: expect.stringMatching(/^slip cannot be encoded: /),
    });
  });

  it('prints the receipt from the core once the request is stored, says so while printing, and tells the screen by event', async () => {
    const { core } = await signedInKiosk();
    const events: unknown[] = [];
    core.onEvent((name, payload) => name === 'printing.receipt' && events.push(payload));
    const { reference } = await submit(core);
    const during = await core.invoke('printing.receiptState', { reference });
    expect([{ ok: true, value: { printing: true } }, { ok: true, value: { printing: false, outcome: 'printed', status: 'ready' } }]).toContainEqual(during);
    await core.printing.whenIdle();
    expect(events).toEqual([{ reference, result: { outcome: 'printed', status: 'ready' } }]);
    // The receipt of a request made online and still on its way says "Sedang dikirim", not "Terkirim".
    const [text] = printedTexts(path.join(core.dataDir, 'printer-output'));
    expect(text).toMatch(/Status +Sedang dikirim/);
  });

  it('says "Menunggu koneksi" on a receipt made after the sync worker last found the village server down', async () => {
    const { core, sim, folder } = await signedInKiosk();
    await submit(core);
    await core.printing.whenIdle();
    await sim.setDown(true);
    expect((await core.sync.runOnce()).serverDown).toBe(true);
    await submit(core);
    await core.printing.whenIdle();
    const texts = printedTexts(folder);
    expect(texts).toHaveLength(2);
    expect(texts.filter((t) => /Status +Menunggu koneksi/.test(t))).toHaveLength(1);
    expect(texts.filter((t) => /Status +Sedang dikirim/.test(t))).toHaveLength(1);
  });

  it.each([
    [{ syncState: 'synced', verified: true }, true, 'sent'],
    [{ syncState: 'pending', verified: true }, true, 'sending'],
    [{ syncState: 'pending', verified: true }, false, 'waiting'],
    [{ syncState: 'pending', verified: false }, true, 'waiting'],
    [{ syncState: 'parked', verified: true }, true, 'staff'],
    [{ syncState: 'rejected', verified: false }, true, 'staff'],
  ] as const)('the receipt says only what is true: %o with the server reachable=%s -> %s', (request, reachable, state) => {
    expect(receiptSyncState(request, reachable)).toBe(state);
  });
});

describe('a printer device path that names a file', () => {
  it('refuses to print into the kiosk\'s own key file: status error, the key untouched, and the kiosk starts again', async () => {
    const dataDir = tempDir();
    const first = createKioskCore({ dataDir, watchConfig: false });
    await first.close();
    const keyFile = path.join(dataDir, CARD_HINT_KEY_FILE);
    const key = readFileSync(keyFile);
    const config = defaultConfig();
    config.printer = { ...config.printer, transport: 'usb', devicePath: keyFile };
    await saveConfig(dataDir, config);

    const core = createKioskCore({ dataDir, watchConfig: false });
    close = () => core.close();
    expect(await core.invoke('printing.queueTicket', {})).toMatchObject({ ok: true, value: { outcome: 'not-printed', status: 'error' } });
    expect(await core.invoke('printing.status', {})).toEqual({ ok: true, value: { status: 'error' } });
    expect(core.db.prepare('SELECT failure FROM print_job').pluck().get()).toBe(`bukan perangkat printer: ${keyFile} adalah berkas biasa`);
    expect(readFileSync(keyFile)).toEqual(key);
    await core.close();

    const again = createKioskCore({ dataDir, watchConfig: false });
    close = () => again.close();
    expect((await again.invoke('kiosk.getInfo', {})).ok).toBe(true);
  });
});
