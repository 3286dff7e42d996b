import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli';
import { givenSecrets, type NewPin } from '../../src/main/cli-secret-input';
import { createKioskCore } from '../../src/main/core';
import { saveConfig } from '../../src/main/config/store';
import { defaultConfig } from '../../src/main/config/schema';
import { startOpensidSim, type OpensidSim } from '../../tools/opensid-sim/server';
import { serverTarget } from '../../src/main/village/server-target';
import { newRequest, pinOf } from '../helpers/outbox-rig';
import { DAMAGED_DATABASES, usedKiosk } from '../helpers/damaged-database';
import { useTempDirs } from '../helpers/temp-dir';
import { spooledDocuments, startCupsd, type PrivateCupsd } from '../helpers/cupsd';
import { createCupsPrinter } from '../../src/devices/document-printer/cups-printer';
import { readPdf } from '../helpers/pdf-text';

const tempDir = useTempDirs();
let sim: OpensidSim;
beforeEach(async () => {
  sim = await startOpensidSim();
});
afterEach(async () => {
  await sim.close();
});

async function adm(dataDir: string, ...args: string[]): Promise<{ code: number; text: string }> {
  let text = '';
  const code = await runCli(args, (t) => (text += t), { ADM_DATA_DIR: dataDir });
  return { code, text };
}

async function kioskWithServer(): Promise<string> {
  const dir = tempDir();
  const config = defaultConfig();
  config.server.url = sim.url;
  await saveConfig(dir, config);
  return dir;
}

async function queue(dir: string, count: number, pin = pinOf()): Promise<string[]> {
  const core = createKioskCore({ dataDir: dir, watchConfig: false });
  const refs = Array.from({ length: count }, () => core.outbox.enqueue(newRequest({ serverTarget: serverTarget(sim.url) }), pin).reference);
  await core.close();
  return refs;
}

describe('adm CLI', () => {
  it('adm sync --once sends the outbox and prints a JSON summary', async () => {
    const dir = await kioskWithServer();
    await queue(dir, 3);
    const { code, text } = await adm(dir, 'sync', '--once');
    expect(code).toBe(0);
    expect(JSON.parse(text)).toMatchObject({ attempted: 3, synced: 3, counts: { pending: 0, synced: 3 } });
    expect(sim.requests()).toHaveLength(3);
  });

  it('says the configuration needs a technician, with line and column, and sends nothing', async () => {
    const dir = await kioskWithServer();
    await queue(dir, 2);
    writeFileSync(path.join(dir, 'config.json'), `{\n  "server": { "url": "${sim.url}" }\n  "kiosk": {}\n}`);
    const { code, text } = await adm(dir, 'sync', '--once');
    expect(code).toBe(1);
    expect(text).toContain('PERLU PETUGAS: config.json tidak dapat dibaca (baris 3, kolom 3)');
    expect(sim.requests()).toHaveLength(0);
    const list = await adm(dir, 'outbox', 'list');
    expect(list.text).toContain('PERLU PETUGAS');
    expect(list.text.match(/pending|menunggu/gi)?.length ?? 0).toBeGreaterThan(0);
  });

  it.each(DAMAGED_DATABASES)('says a damaged database (%s) needs a technician, and does nothing else', async (_damage, damage) => {
    const dir = await kioskWithServer();
    await usedKiosk(dir);
    damage(dir);
    for (const command of [['sync', '--once'], ['outbox', 'list']]) {
      const { code, text } = await adm(dir, ...command);
      expect(code).toBe(1);
      expect(text).toMatch(/^PERLU PETUGAS: adm\.sqlite rusak: .+; pulihkan dari cadangan\./);
    }
    expect(sim.requests()).toHaveLength(0);
  });

  it('adm outbox retarget sends a request held for another server to the configured one', async () => {
    const dir = await kioskWithServer();
    const core = createKioskCore({ dataDir: dir, watchConfig: false });
    const held = core.outbox.enqueue(newRequest({ serverTarget: 'demo' }), pinOf()).reference;
    await core.close();
    await adm(dir, 'sync', '--once');
    expect(sim.requests()).toHaveLength(0);
    expect((await adm(dir, 'outbox', 'retarget', held)).code).toBe(0);
    await adm(dir, 'sync', '--once');
    expect(sim.requests()).toHaveLength(1);
  });

  it('adm input list names the PC/SC state, the serial ports and the HID devices, as JSON too', async () => {
    const human = await adm(tempDir(), 'input', 'list');
    expect(human.code).toBe(0);
    expect(human.text).toMatch(/^PC\/SC readers:\n {2}(pcscd tidak berjalan|none|.+)\n/);
    expect(human.text).toContain('Serial ports:');
    expect(human.text).toMatch(/\nUSB HID devices:\n {2}(none|cannot be listed: .+|[0-9a-f]{4}:[0-9a-f]{4} {2}usage page 0x[0-9a-f]{4}.*)\n/);
    const listed = JSON.parse((await adm(tempDir(), 'input', 'list', '--json')).text);
    expect(['ready', 'no-daemon']).toContain(listed.pcsc.state);
    expect(Array.isArray(listed.serial) || typeof listed.serial.error === 'string').toBe(true);
    expect(Array.isArray(listed.hid)).toBe(true); // node-hid loads from its prebuilds here
  });

  it('adm sync refuses to run without a configured server', async () => {
    const { code, text } = await adm(tempDir(), 'sync', '--once');
    expect(code).toBe(1);
    expect(text).toContain('No village server is configured');
  });

  it('adm outbox list shows requests with masked NIKs, never the PIN', async () => {
    const dir = await kioskWithServer();
    const [ref] = await queue(dir, 1);
    const human = await adm(dir, 'outbox', 'list');
    expect(human.text).toContain(ref);
    expect(human.text).toContain('320101******0001');
    expect(human.text).toContain('menunggu verifikasi');
    const json = await adm(dir, 'outbox', 'list', '--json');
    const rows = JSON.parse(json.text);
    expect(rows[0]).toMatchObject({ reference: ref, state: 'pending', status: 'menunggu verifikasi', resident: '320101******0001', attempts: 0 });
    expect(json.text).not.toContain('3201011501850001');
    expect(json.text).not.toContain('123456');
  });

  it('adm outbox retry sends a held request again, and says a refused one must be made again by the resident', async () => {
    const dir = await kioskWithServer();
    const [ref] = await queue(dir, 1, { kind: 'pin', pin: '000000' });
    await adm(dir, 'sync', '--once'); // rejected: wrong PIN, cannot be retried
    expect(await adm(dir, 'outbox', 'retry', ref!)).toEqual({
      code: 1,
      text: `${ref} cannot be sent: the village server refused the resident's PIN. The resident must make the request again at the kiosk.\n`,
    });
    const core = createKioskCore({ dataDir: dir, watchConfig: false });
    const refusedRef = core.outbox.enqueue(newRequest({ answers: {}, serverTarget: serverTarget(sim.url) }), pinOf()).reference;
    const heldRef = core.outbox.enqueue(newRequest({ serverTarget: serverTarget(sim.url) }), pinOf()).reference;
    core.outbox.parkByTechnician(heldRef, 'ditahan petugas');
    await core.close();
    await adm(dir, 'sync', '--once'); // the server refuses the request without answers; its PIN is deleted
    const parked = () => adm(dir, 'outbox', 'list', '--json', '--state', 'parked').then(({ text }) => JSON.parse(text) as Array<{ reference: string; status: string }>);
    expect(await parked()).toEqual([
      expect.objectContaining({ reference: heldRef, status: 'perlu dicek petugas' }),
      expect.objectContaining({ reference: refusedRef, status: 'ditolak server desa' }),
    ]);

    const refused = await adm(dir, 'outbox', 'retry', refusedRef);
    expect(refused.code).toBe(1);
    expect(refused.text).toContain('The resident must make the request again at the kiosk.');
    expect((await parked()).map((row) => row.reference)).toContain(refusedRef);

    const retried = await adm(dir, 'outbox', 'retry', heldRef);
    expect(retried.code).toBe(0);
    expect(retried.text).toContain(`${heldRef} is waiting to be sent again`);
    await adm(dir, 'sync', '--once');
    expect(JSON.parse((await adm(dir, 'outbox', 'list', '--json', '--state', 'synced')).text)).toEqual([expect.objectContaining({ reference: heldRef, status: 'sedang diperiksa' })]);
    expect((await adm(dir, 'outbox', 'retry', heldRef)).code).toBe(1);
    expect((await adm(dir, 'outbox', 'retry', 'KIOSK-NONE')).text).toBe('There is no request KIOSK-NONE on this kiosk (adm outbox list shows them).\n');
  });

  it('adm outbox list shows a request the resident cancelled as cancelled, not as sent', async () => {
    const dir = await kioskWithServer();
    const [ref] = await queue(dir, 1);
    await adm(dir, 'sync', '--once');
    const core = createKioskCore({ dataDir: dir, watchConfig: false });
    core.outbox.recordServerStatus(core.outbox.byReference(ref!)!.id, 5);
    await core.close();
    expect(JSON.parse((await adm(dir, 'outbox', 'list', '--json')).text)).toEqual([expect.objectContaining({ reference: ref, state: 'synced', status: 'dibatalkan' })]);
  });

  it('adm server check reports version, village and licence', async () => {
    const ok = await adm(tempDir(), 'server', 'check', '--url', sim.url);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.text)).toEqual({ url: sim.url, reachable: true, version: 'v2608.0.0', village: 'Sukamaju', licensed: true, problem: null });
    sim.setFaults({ subscription: 'not-licensed' });
    const unlicensed = await adm(tempDir(), 'server', 'check', '--url', sim.url);
    expect(unlicensed.code).toBe(1);
    expect(JSON.parse(unlicensed.text)).toMatchObject({ reachable: true, licensed: false, problem: 'unavailable: Token not provided' });
    await sim.setDown(true);
    const down = await adm(tempDir(), 'server', 'check', '--url', sim.url);
    expect(JSON.parse(down.text)).toMatchObject({ reachable: false, licensed: null });
  });

  it('adm voice check says which voices speak, with a rendered sample each, and whether guidance is on', async () => {
    const dir = await kioskWithServer();
    const { code, text } = await adm(dir, 'voice', 'check');
    // espeak-ng with both voices is part of the kiosk's packages (and of CI's).
    expect(text).toMatch(/^ {2}id: voice installed, sample "Selamat datang di Anjungan Desa Mandiri\." \d+\.\d s$/m);
    expect(text).toMatch(/^ {2}en: voice installed, sample "Welcome to the village self-service kiosk\." \d+\.\d s$/m);
    expect(text).toContain('kiosk.audioGuidance: off');
    expect(code).toBe(0);
  });

  it('prints usage for unknown commands', async () => {
    const { code, text } = await adm(tempDir(), 'frobnicate');
    expect(code).toBe(2);
    expect(text).toContain('Usage:');
  });
});

describe('adm printer', () => {
  it('reports the status of the configured (virtual) printer', async () => {
    const dir = tempDir();
    const { code, text } = await adm(dir, 'printer', 'status');
    expect(code).toBe(0);
    expect(JSON.parse(text)).toMatchObject({ status: 'ready', profile: 'generic-58', transport: expect.stringContaining('virtual') });
  });

  it('prints the test slip and audits it', async () => {
    const dir = tempDir();
    const { code, text } = await adm(dir, 'printer', 'test');
    expect(code).toBe(0);
    expect(JSON.parse(text)).toMatchObject({ outcome: 'printed' });
    const { readdirSync, readFileSync } = await import('node:fs');
    const folder = `${dir}/printer-output`;
    const slip = readFileSync(`${folder}/${readdirSync(folder).find((f) => f.endsWith('.txt'))}`, 'utf8');
    expect(slip).toContain('TES PRINTER ADM');
  });

  it('reprints a receipt by reference, and says when it cannot', async () => {
    const dir = await kioskWithServer();
    const [ref] = await queue(dir, 1);
    const { code, text } = await adm(dir, 'printer', 'reprint', ref!);
    expect(code).toBe(0);
    expect(JSON.parse(text)).toMatchObject({ reference: ref, outcome: 'printed' });
    expect((await adm(dir, 'printer', 'reprint', 'NOPE-000000-XXXXX')).code).toBe(1);
  });

  it('lists the printer profiles', async () => {
    const { text } = await adm(tempDir(), 'printer', 'profiles', '--json');
    expect(JSON.parse(text).map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(['generic-58', 'generic-80', 'pos-5890']));
  });
});

describe('adm printer a4', () => {
  let cupsd: PrivateCupsd;
  beforeAll(async () => {
    cupsd = await startCupsd();
  }, 60_000);
  afterAll(async () => {
    await cupsd?.stop();
  });

  async function a4(dir: string, ...args: string[]) {
    let text = '';
    const code = await runCli(['printer', 'a4', ...args], (t) => (text += t), { ADM_DATA_DIR: dir, CUPS_SERVER: cupsd.server });
    return { code, text };
  }

  async function kioskWithQueue(queue: string | null, jobTimeoutSeconds = 120): Promise<string> {
    const dir = tempDir();
    const config = defaultConfig();
    config.kiosk.name = 'Kios Balai Desa';
    config.letterPrinter.queue = queue;
    config.letterPrinter.jobTimeoutSeconds = jobTimeoutSeconds;
    await saveConfig(dir, config);
    return dir;
  }

  it('reports the configured queue, and as JSON', async () => {
    const dir = await kioskWithQueue(cupsd.queue);
    const text = await a4(dir, 'status');
    expect(text.code).toBe(0);
    expect(text.text).toContain(`Queue: ${cupsd.queue} (letterPrinter.queue) on CUPS ${cupsd.server}`);
    expect(text.text).toContain('Status: ready');
    expect(text.text).toContain('Accepting jobs: yes');
    const json = await a4(dir, 'status', '--json');
    expect(JSON.parse(json.text)).toMatchObject({ server: cupsd.server, queue: cupsd.queue, status: 'ready', reasons: [], accepting: true });
  });

  it("uses --queue over the setting, and CUPS's default queue when neither names one", async () => {
    const named = await a4(await kioskWithQueue('Lain'), 'status', '--queue', cupsd.queue, '--json');
    expect(JSON.parse(named.text)).toMatchObject({ queue: cupsd.queue, queueFrom: '--queue' });
    const dir = await kioskWithQueue(null);
    const none = await a4(dir, 'status');
    expect(none.code).toBe(1);
    expect(none.text).toContain(`CUPS has: ${cupsd.queue}`);
    await cupsd.setDefault();
    const byDefault = await a4(dir, 'status', '--json');
    expect(byDefault.code).toBe(0);
    expect(JSON.parse(byDefault.text)).toMatchObject({ queue: cupsd.queue, queueFrom: "CUPS's default queue" });
  });

  it('says what is wrong with a missing queue, a stopped one, and an unreachable CUPS', async () => {
    const missing = await a4(await kioskWithQueue('Tidak_ada'), 'status', '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.text)).toMatchObject({ queue: 'Tidak_ada', status: 'unknown', problem: expect.stringContaining('CUPS has no queue Tidak_ada') });
    const dir = await kioskWithQueue(cupsd.queue);
    await cupsd.disable();
    try {
      const stopped = await a4(dir, 'status');
      expect(stopped.code).toBe(1);
      expect(stopped.text).toContain('Status: stopped');
      expect(stopped.text).toContain('Reasons: paused');
    } finally {
      await cupsd.enable();
    }
    let text = '';
    const code = await runCli(['printer', 'a4', 'status', '--json'], (t) => (text += t), { ADM_DATA_DIR: dir, CUPS_SERVER: '127.0.0.1:1' });
    expect(code).toBe(1);
    expect(JSON.parse(text)).toMatchObject({ status: 'unknown', problem: expect.stringContaining('CUPS cannot be reached at 127.0.0.1:1') });
  });

  it('prints the test page and follows it to completed, audited', async () => {
    const dir = await kioskWithQueue(cupsd.queue);
    const { code, text } = await a4(dir, 'test');
    expect(code).toBe(0);
    const jobId = Number(/as job (\d+)/.exec(text)?.[1]);
    expect(text).toContain('Result: completed');
    const page = await readPdf(await cupsd.waitForOutputPdf(jobId));
    expect(page.pages).toBe(1);
    expect(page.texts[0]).toContain('Kios Balai Desa');
    // Like a resident's letter, the finished test page does not stay in CUPS's spool.
    expect(spooledDocuments(cupsd, jobId)).toEqual([]);
    expect(await createCupsPrinter({ server: cupsd.server }).job(cupsd.queue, jobId)).toEqual({ state: 'not-found', reasons: [] });
    expect(await testAudits(dir)).toEqual([{ actor: 'technician', detail: { queue: cupsd.queue, jobId, outcome: 'completed' } }]);
  });

  async function testAudits(dir: string): Promise<Array<{ actor: string; detail: unknown }>> {
    const core = createKioskCore({ dataDir: dir, watchConfig: false });
    try {
      const rows = core.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'printer.a4.test' ORDER BY id").all() as { actor: string; detail: string }[];
      return rows.map((row) => ({ actor: row.actor, detail: JSON.parse(row.detail) }));
    } finally {
      await core.close();
    }
  }

  it('refuses a stopped printer before sending anything', async () => {
    const dir = await kioskWithQueue(cupsd.queue);
    const printer = createCupsPrinter({ server: cupsd.server });
    // CUPS numbers jobs one after another: probes before and after show whether a job was made between them.
    const probe = async () => {
      const { jobId } = await printer.submit(new Uint8Array(Buffer.from('%PDF-1.4 probe')), { queue: cupsd.queue, title: 'probe', media: 'A4' });
      await printer.cancelAndPurge(cupsd.queue, jobId);
      return jobId;
    };
    await cupsd.disable();
    try {
      const before = await probe();
      const { code, text } = await a4(dir, 'test');
      expect(code).toBe(1);
      expect(text).toContain('Status: stopped');
      expect(text).toContain('Refused: the queue is stopped; no test page was sent.');
      expect(text).not.toContain('as job');
      expect(await probe()).toBe(before + 1);
      expect(await testAudits(dir)).toEqual([
        { actor: 'technician', detail: { queue: cupsd.queue, status: 'stopped', reasons: ['paused'], outcome: 'refused' } },
      ]);
    } finally {
      await cupsd.enable();
    }
  });

  it('refuses a queue that rejects jobs before sending anything', async () => {
    const dir = await kioskWithQueue('Lain');
    await cupsd.reject();
    try {
      const { code, text } = await a4(dir, 'test', '--queue', cupsd.queue);
      expect(code).toBe(1);
      expect(text).toContain(`Queue: ${cupsd.queue} (--queue)`);
      expect(text).toContain('Accepting jobs: no');
      expect(text).toContain('Refused: the queue is stopped; no test page was sent.');
      expect(text).not.toContain('as job');
      expect(await testAudits(dir)).toEqual([{ actor: 'technician', detail: { queue: cupsd.queue, status: 'stopped', reasons: [], outcome: 'refused' } }]);
    } finally {
      await cupsd.accept();
    }
  });

  it('exits non-zero when the job gets no final word in time, and removes the job so it cannot print later', async () => {
    const dir = await kioskWithQueue(cupsd.queue, 2);
    await cupsd.holdNewJobs(true);
    try {
      let text = '';
      const code = await runCli(['printer', 'a4', 'test'], (t) => (text += t), { ADM_DATA_DIR: dir, CUPS_SERVER: cupsd.server, ADM_SHORT_TIMINGS: '1' });
      expect(code).toBe(1);
      expect(text).toContain('printing (CUPS: pending or processing)');
      expect(text).toContain('Result: failed: unknown');
      const jobId = Number(/as job (\d+)/.exec(text)?.[1]);
      expect(text).toContain('The job was cancelled and removed from CUPS');
      expect(text).toContain(`cancel ${cupsd.queue}-${jobId}`);
      expect(await createCupsPrinter({ server: cupsd.server }).job(cupsd.queue, jobId)).toEqual({ state: 'not-found', reasons: [] });
      expect(spooledDocuments(cupsd, jobId)).toEqual([]);
      expect(await testAudits(dir)).toEqual([{ actor: 'technician', detail: { queue: cupsd.queue, jobId, outcome: 'unknown' } }]);
    } finally {
      await cupsd.holdNewJobs(false);
    }
  });
});

describe('adm admin set-pin', () => {
  async function admWith(dataDir: string, pins: Array<string | NewPin>, ...args: string[]) {
    let text = '';
    let warnings = '';
    const code = await runCli(args, (t) => (text += t), { ADM_DATA_DIR: dataDir }, { secrets: givenSecrets(...pins.map((p) => (typeof p === 'string' ? { pin: p } : p))), warn: (t) => (warnings += t) });
    return { code, text, warnings };
  }
  const unlock = async (dir: string, pin: string) => {
    const core = createKioskCore({ dataDir: dir, watchConfig: false });
    try {
      return await core.invokeAdmin('admin.unlock', { pin }, { session: undefined, holder: 'ws:test' });
    } finally {
      await core.close();
    }
  };

  it('says PERLU PETUGAS (on standard error, apart from JSON) for a kiosk in service without an admin PIN, until one is set', async () => {
    const dir = await kioskWithServer();
    await queue(dir, 1);
    const before = await admWith(dir, [], 'outbox', 'list', '--json');
    expect(before.warnings).toContain('PERLU PETUGAS');
    expect(before.warnings).toContain('adm admin set-pin');
    expect(JSON.parse(before.text)).toHaveLength(1);

    const set = await admWith(dir, ['482916'], 'admin', 'set-pin');
    expect(set).toMatchObject({ code: 0, text: expect.stringContaining('Admin PIN set') });
    expect((await admWith(dir, [], 'outbox', 'list')).warnings).toBe('');
    expect(await unlock(dir, '482916')).toMatchObject({ ok: true });
  });

  it('resets a forgotten PIN and opens the lock; audited with the system user', async () => {
    const dir = await kioskWithServer();
    await queue(dir, 1);
    await admWith(dir, ['482916'], 'admin', 'set-pin');
    for (let i = 0; i < 6; i++) await unlock(dir, '000000');
    expect(await unlock(dir, '482916')).toMatchObject({ ok: false, error: { code: 'admin-locked' } });

    expect(await admWith(dir, ['590317'], 'admin', 'set-pin')).toMatchObject({ code: 0, text: expect.stringContaining('Admin PIN replaced') });
    expect(await unlock(dir, '590317')).toMatchObject({ ok: true });
    const core = createKioskCore({ dataDir: dir, watchConfig: false });
    const audited = core.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'admin.pin.set' ORDER BY id").all();
    await core.close();
    expect(audited).toEqual([
      { actor: expect.stringMatching(/^pc:.+/), detail: JSON.stringify({ via: 'adm', replaced: false }) },
      { actor: expect.stringMatching(/^pc:.+/), detail: JSON.stringify({ via: 'adm', replaced: true }) },
    ]);
  });

  it.each([
    ['an easy PIN', ['123456'], /^PIN terlalu mudah/],
    ['letters, not digits', ['abcdef'], /^PIN admin harus 6 sampai 12 angka/],
    ['too many digits', ['4829164829164'], /^PIN admin harus 6 sampai 12 angka/],
    ['two PINs that differ', [{ problem: 'mismatch' }], /^The two PINs differ\./],
    ['no PIN at all', [{ problem: 'none' }], /^No PIN was given\./],
    ['Ctrl+C at the prompt', [{ problem: 'cancelled' }], /^Cancelled\./],
  ] as Array<[string, Array<string | NewPin>, RegExp]>)('changes nothing for %s', async (_name, pins, message) => {
    const dir = await kioskWithServer();
    await queue(dir, 1);
    const answer = await admWith(dir, pins, 'admin', 'set-pin');
    expect(answer.code).toBe(1);
    expect(answer.text).toMatch(message);
    expect(await unlock(dir, '123456')).toEqual({ ok: false, error: { code: 'admin-pin-on-pc' } });
  });

  it('refuses a folder without a kiosk in it (the wrong user, or ADM_DATA_DIR not set) and creates nothing there', async () => {
    const dir = tempDir();
    const answer = await admWith(dir, ['482916'], 'admin', 'set-pin');
    expect(answer.code).toBe(1);
    expect(answer.text).toMatch(/^Refused: no kiosk data in/);
    expect(existsSync(path.join(dir, 'adm.sqlite'))).toBe(false);
  });
});
