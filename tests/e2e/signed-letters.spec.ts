/**
 * Signed letters from end to end: Budi signs in on the kiosk (Chromium on the
 * built web host) against the demo village server, finds his letters under
 * "Surat Saya" and prints the signed one through a real, private cupsd whose
 * cups-pdf queue writes each job to a file. What the screen says is checked
 * against what CUPS did: "Selesai" only once the job's output exists, the
 * printed PDF holds the letter the server holds, and every refusal (missing
 * file, another resident's letter, a stopped printer, today's limit) leaves
 * CUPS without a job. A technician allows one more print and prints a test
 * page from the admin Printer screen.
 *
 * No job is made, proven by CUPS's own job numbers: a held probe job before
 * and after the refusal, and the second's id follows the first's.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { createCupsPrinter } from '../../src/devices/document-printer/cups-printer';
import type { PrintJobState } from '../../src/devices/document-printer/types';
import { startCupsd, type PrivateCupsd } from '../helpers/cupsd';
import { readPdf } from '../helpers/pdf-text';
import { ISSUED_LETTER_IDS, RESIDENTS } from '../../tools/opensid-sim/seed';
import { startOpensidSim, type OpensidSim } from '../../tools/opensid-sim/server';
import { expect, openAdmin, signIn, startKioskHost, type KioskHost } from './fixtures';

const budi = RESIDENTS[0]!;
const SIGNED = '470/041/SKD/XI/2026';
const WAITING = '331/017/SKCK/XI/2026';
const PAPER = '500/052/SKU/XI/2026';
const FILE_MISSING = '400/033/SKTM/XII/2026';
const COMPLETED_TEXT = 'Selesai, silakan ambil surat Anda di printer.';

const test = base.extend<{ village: OpensidSim; kiosk: KioskHost }, { cupsd: PrivateCupsd }>({
  // One cupsd per worker: its jobs are told apart by their ids, and each test starts with the queue enabled.
  cupsd: [
    // Playwright reads the fixture's dependencies from this pattern: it must be an (empty) object pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const cupsd = await startCupsd();
      await use(cupsd);
      await cupsd.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  // eslint-disable-next-line no-empty-pattern
  village: async ({}, use) => {
    const sim = await startOpensidSim();
    await use(sim);
    await sim.close();
  },
  kiosk: async ({ village, cupsd }, use) => {
    await cupsd.enable();
    const config = { server: { url: village.url, readTimeoutSeconds: 3 }, letterPrinter: { enabled: true, queue: cupsd.queue, jobTimeoutSeconds: 60 } };
    const { host, stop } = await startKioskHost(config, { env: { CUPS_SERVER: cupsd.server } });
    await use(host);
    await stop();
  },
});

test.describe.configure({ timeout: 60_000 });

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 15_000, env: { ...process.env, LC_ALL: 'C' }, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')}: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

/**
 * CUPS's next job id, learnt by making a job that is held, never printed,
 * and purged at once. Ids count up one by one, so two probes one apart
 * prove no job was made between them.
 */
async function probeJobId(cupsd: PrivateCupsd): Promise<number> {
  const file = path.join(cupsd.outputDir, '..', 'probe.txt');
  writeFileSync(file, 'probe\n');
  const said = await run('lp', ['-h', cupsd.server, '-d', cupsd.queue, '-H', 'hold', '-t', 'probe', file]);
  const id = Number(/request id is \S+-(\d+)\b/.exec(said)?.[1]);
  expect(id, said).toBeGreaterThan(0);
  await run('cancel', ['-h', cupsd.server, '-x', String(id)]);
  return id;
}

/** What `action` does must make no CUPS job (and so no output file). */
async function expectNoJob(cupsd: PrivateCupsd, action: () => Promise<void>): Promise<void> {
  const filesBefore = outputFiles(cupsd);
  const before = await probeJobId(cupsd);
  await action();
  const after = await probeJobId(cupsd);
  expect(after, 'a print job was made in CUPS').toBe(before + 1);
  expect(outputFiles(cupsd)).toEqual(filesBefore);
}

/** cups-pdf's files by job id (`job_<id>-<title>.pdf`). */
function outputFiles(cupsd: PrivateCupsd): Map<number, string> {
  const files = new Map<number, string>();
  for (const name of readdirSync(cupsd.outputDir)) {
    const id = /^job_(\d+)-.*\.pdf$/.exec(name)?.[1];
    if (id) files.set(Number(id), path.join(cupsd.outputDir, name));
  }
  return files;
}

function newJobs(cupsd: PrivateCupsd, before: Map<number, string>): number[] {
  return [...outputFiles(cupsd).keys()].filter((id) => !before.has(id));
}

/** The letter as the village server holds it, fetched with Budi's own token. */
async function serverLetter(village: OpensidSim, id: number): Promise<{ status: number; type: string | null; bytes: Uint8Array }> {
  const login = await fetch(`${village.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ credential: budi.nik, password: budi.pin }),
  });
  const token = ((await login.json()) as { data: { attributes: { access_token: { token: string } } } }).data.attributes.access_token.token;
  const answer = await fetch(`${village.url}/api/v1/layanan-mandiri/surat/${id}/unduh`, { headers: { Accept: 'application/json', Authorization: `Bearer ${token}` } });
  return { status: answer.status, type: answer.headers.get('content-type'), bytes: new Uint8Array(await answer.arrayBuffer()) };
}

/** A call straight to the kiosk core over the page's own bridge (the web host's WebSocket, authorised by the page's cookie). */
async function callCore(page: Page, call: string, input: unknown): Promise<{ ok: boolean; error?: { code: string } }> {
  // (A string: the e2e tests compile without the DOM library.)
  return (await page.evaluate(`new Promise((resolve, reject) => {
    const ws = new WebSocket(location.origin.replace(/^http/, 'ws') + '/ws');
    ws.onopen = () => ws.send(JSON.stringify({ id: 1, call: ${JSON.stringify(call)}, input: ${JSON.stringify(input)} }));
    ws.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.kind === 'result' && message.id === 1) {
        ws.close();
        resolve(message.result);
      }
    };
    ws.onerror = () => reject(new Error('the kiosk socket did not open'));
  })`)) as { ok: boolean; error?: { code: string } };
}

const letterItem = (page: Page, number: string) => page.locator('.issued-item').filter({ hasText: number });

async function openMyLetters(page: Page, kiosk: KioskHost): Promise<void> {
  await signIn(page, kiosk, budi);
  await expect(page.getByRole('heading', { name: `Selamat datang, ${budi.nama}` })).toBeVisible();
  await page.getByRole('button', { name: /Surat Saya/ }).click();
  await expect(page.getByRole('heading', { name: 'Surat Saya' })).toBeVisible();
  await expect(letterItem(page, SIGNED)).toBeVisible({ timeout: 10_000 });
}

/** From Surat Saya: the signed letter's preview, both pages drawn. */
async function openSignedPreview(page: Page): Promise<void> {
  await letterItem(page, SIGNED).getByRole('button', { name: /^Cetak/ }).click();
  await expect(page.getByText('2 halaman', { exact: true })).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('img.letter-page')).toHaveCount(2, { timeout: 15_000 });
}

/**
 * Taps "Cetak surat" and waits for "Selesai". The page reports the moment
 * "Selesai" first shows; right then the test looks at CUPS: a new job's
 * output file must exist and CUPS must no longer have the job waiting or
 * printing. Answers the job's id.
 */
let watches = 0;
async function printAndSeeDone(page: Page, cupsd: PrivateCupsd): Promise<number> {
  const before = outputFiles(cupsd);
  // A page takes each exposed name once.
  const reporter = `admSawSelesai${(watches += 1)}`;
  const printer = createCupsPrinter({ server: cupsd.server });
  const seen: Array<{ early: boolean; jobs: number[]; states: PrintJobState[] }> = [];
  await page.exposeFunction(reporter, async (early: boolean) => {
    const jobs = newJobs(cupsd, before);
    const states = await Promise.all(jobs.map(async (id) => (await printer.job(cupsd.queue, id)).state));
    seen.push({ early, jobs, states });
  });
  await expect(page.getByText('Selesai')).toHaveCount(0);
  await page.evaluate(`(() => {
    const report = window.${reporter};
    const shown = () => document.body.innerText.includes('Selesai');
    if (shown()) return void report(true);
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      report(false);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  await page.getByRole('button', { name: 'Cetak surat' }).click();
  await expect(page.getByRole('status')).toHaveText(COMPLETED_TEXT, { timeout: 30_000 });
  await expect.poll(() => seen.length).toBe(1);
  const [moment] = seen;
  expect(moment?.early).toBe(false);
  // The job's output was there when the screen first said Selesai, and CUPS had finished it
  // (completed, or already purged by the kiosk after completing).
  expect(moment?.jobs).toHaveLength(1);
  for (const state of moment?.states ?? []) expect(['completed', 'not-found']).toContain(state);
  expect(newJobs(cupsd, before)).toEqual(moment?.jobs);
  return moment!.jobs[0]!;
}

test('Budi sees his letters with their status, previews the signed one and prints it; the printout is the letter the server holds', async ({ page, kiosk, village, cupsd }) => {
  await openMyLetters(page, kiosk);
  await expect(letterItem(page, SIGNED)).toContainText('Siap dicetak');
  await expect(letterItem(page, SIGNED).getByRole('button')).toHaveCount(1);
  await expect(letterItem(page, WAITING)).toContainText('Menunggu tanda tangan');
  await expect(letterItem(page, WAITING).getByRole('button')).toHaveCount(0);
  await expect(letterItem(page, PAPER)).toContainText('Ambil di kantor desa');
  await expect(letterItem(page, PAPER).getByRole('button')).toHaveCount(0);

  await openSignedPreview(page);
  const jobId = await printAndSeeDone(page, cupsd);

  const printed = await readPdf(new Uint8Array(readFileSync(outputFiles(cupsd).get(jobId)!)));
  const held = await serverLetter(village, ISSUED_LETTER_IDS.budiSigned);
  expect(held.type).toBe('application/pdf');
  const original = await readPdf(held.bytes);
  expect(original.pages).toBe(2);
  expect(printed.pages).toBe(original.pages);
  const words = (text: string) => text.split(/\s+/).filter(Boolean);
  expect(printed.texts.map(words)).toEqual(original.texts.map(words));
  // On the A4 paper the queue is set for (the F4 letter scaled to fit).
  for (const [width, height] of printed.sizes) expect([width, height]).toEqual([595, 842]);

  // The kiosk leaves nothing of the letter in CUPS's spool.
  await expect.poll(() => readdirSync(cupsd.spoolDir).filter((name) => name.startsWith(`d${String(jobId).padStart(5, '0')}-`))).toEqual([]);
});

test('a signed letter whose file is missing on the server prints nothing and sends the resident to the counter', async ({ page, kiosk, cupsd }) => {
  await openMyLetters(page, kiosk);
  await expectNoJob(cupsd, async () => {
    await letterItem(page, FILE_MISSING).getByRole('button', { name: /^Cetak/ }).click();
    await expect(page.getByRole('alert')).toHaveText('Berkas surat tidak ditemukan di sistem desa. Silakan tanyakan ke petugas di kantor desa.');
    await expect(page.getByRole('button', { name: 'Cetak surat' })).toHaveCount(0);
    // Asked of the core directly, the print is refused the same way.
    expect(await callCore(page, 'letters.print', { id: String(ISSUED_LETTER_IDS.budiSignedMissing) })).toEqual({ ok: false, error: { code: 'letter-file-missing' } });
  });
});

test("another resident's letter is refused by the kiosk without asking the server, though the server would hand it over", async ({ page, kiosk, village, cupsd }) => {
  await openMyLetters(page, kiosk);
  const siti = String(ISSUED_LETTER_IDS.sitiSigned);
  await expectNoJob(cupsd, async () => {
    expect(await callCore(page, 'letters.file', { id: siti })).toEqual({ ok: false, error: { code: 'not-yours' } });
    expect(await callCore(page, 'letters.print', { id: siti })).toEqual({ ok: false, error: { code: 'not-yours' } });
  });
  // The kiosk listed Budi's letters and fetched no file at all.
  const calls = village.apiCalls();
  expect(calls).toContainEqual({ method: 'GET', path: '/api/v1/layanan-mandiri/surat/arsip' });
  expect(calls.filter((call) => call.path.endsWith('/unduh'))).toEqual([]);
  // Control: the server itself serves Siti's letter to Budi's token.
  const served = await serverLetter(village, ISSUED_LETTER_IDS.sitiSigned);
  expect(served.status).toBe(200);
  expect(served.type).toBe('application/pdf');
  expect((await readPdf(served.bytes)).pages).toBe(1);
});

test('a stopped printer: the resident is told, no job is made, and the letter prints once the printer is back', async ({ page, kiosk, cupsd }) => {
  await openMyLetters(page, kiosk);
  await openSignedPreview(page);
  await cupsd.disable();
  await expectNoJob(cupsd, async () => {
    await page.getByRole('button', { name: 'Cetak surat' }).click();
    await expect(page.getByRole('alert')).toHaveText('Printer surat sedang dihentikan, jadi tidak ada yang dicetak. Silakan minta bantuan petugas.');
  });
  // Nothing was printed, so today's print is still there to use.
  await cupsd.enable();
  await printAndSeeDone(page, cupsd);
});

test("a second print the same day is refused, until a technician allows one more in admin", async ({ page, kiosk, cupsd }) => {
  await openMyLetters(page, kiosk);
  await openSignedPreview(page);
  const first = await printAndSeeDone(page, cupsd);
  await page.getByRole('button', { name: 'Kembali', exact: true }).click();

  await expect(letterItem(page, SIGNED)).toContainText('Sudah dicetak hari ini — minta bantuan petugas untuk mencetak lagi');
  await expect(letterItem(page, SIGNED).getByRole('button')).toHaveCount(0);
  await expectNoJob(cupsd, async () => {
    expect(await callCore(page, 'letters.print', { id: String(ISSUED_LETTER_IDS.budiSigned) })).toEqual({ ok: false, error: { code: 'letter-print-limit', params: { count: 1 } } });
  });
  await page.getByRole('button', { name: 'Keluar' }).click();

  await openAdmin(page, kiosk);
  await page.getByRole('navigation', { name: 'Menu admin' }).getByRole('button', { name: 'Printer', exact: true }).click();
  const section = page.getByRole('region', { name: 'A4 / Surat' });
  await expect(section).toContainText(`Surat ${ISSUED_LETTER_IDS.budiSigned}: 1 kali dicetak, 0 izin tambahan`);
  await section.getByRole('button', { name: `Izinkan cetak sekali lagi: surat ${ISSUED_LETTER_IDS.budiSigned}` }).click();
  await expect(section.getByRole('status')).toHaveText(`Surat ${ISSUED_LETTER_IDS.budiSigned} boleh dicetak sekali lagi hari ini.`);
  await page.getByRole('button', { name: 'Keluar' }).click();
  // Leaving admin returns to the attract screen; a new page load before it is there would cut that return short.
  await expect(page.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeVisible();

  await openMyLetters(page, kiosk);
  await expect(letterItem(page, SIGNED)).toContainText('Siap dicetak');
  await openSignedPreview(page);
  const second = await printAndSeeDone(page, cupsd);
  expect(second).toBeGreaterThan(first);
  expect((await readPdf(new Uint8Array(readFileSync(outputFiles(cupsd).get(second)!)))).pages).toBe(2);
});

test('the admin test page prints one page through CUPS', async ({ page, kiosk, cupsd }) => {
  await page.goto(kiosk.url);
  await openAdmin(page, kiosk);
  await page.getByRole('navigation', { name: 'Menu admin' }).getByRole('button', { name: 'Printer', exact: true }).click();
  const section = page.getByRole('region', { name: 'A4 / Surat' });
  await expect(section).toContainText(`Antrean yang dipakai: ${cupsd.queue}`);
  await section.getByRole('button', { name: 'Cetak halaman uji' }).click();
  const outcome = section.getByRole('status');
  await expect(outcome).toContainText('selesai: CUPS sudah menyerahkannya ke printer', { timeout: 30_000 });
  const jobId = Number(/pekerjaan (\d+)/.exec(await outcome.innerText())?.[1]);
  const file = outputFiles(cupsd).get(jobId);
  expect(file, `cups-pdf's file of job ${jobId}`).toBeDefined();
  expect((await readPdf(new Uint8Array(readFileSync(file!)))).pages).toBe(1);
});
