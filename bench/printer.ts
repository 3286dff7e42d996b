/**
 * Printer benchmarks (run with `npm run bench`):
 *  - template encode time per receipt (58 mm native QR, 80 mm raster QR);
 *  - submit-to-bytes: from the resident's "Kirim" (request committed with its
 *    queue number and print job) until a network printer on 127.0.0.1 has
 *    received the whole receipt, through the real core and TCP transport.
 * Medians of several runs are reported.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GENERIC_58, GENERIC_80 } from '../src/devices/printer/profiles';
import { encodeRequestReceipt, type RequestReceipt } from '../src/devices/printer/templates';
import { saveConfig } from '../src/main/config/store';
import { defaultConfig } from '../src/main/config/schema';
import { createKioskCore } from '../src/main/core';
import { fail, median, percentile, report } from './lib/report';
import { startOpensidSim } from '../tools/opensid-sim/server';
import { LETTERS, RESIDENTS } from '../tools/opensid-sim/seed';
import { STATUS, startFakeTcpPrinter } from '../tests/helpers/fake-tcp-printer';

const ENCODE_RUNS = 5;
const ENCODES_PER_RUN = 200;
const SUBMIT_RUNS = 3;
const SUBMITS_PER_RUN = 40;

const receipt: RequestReceipt = {
  villageName: 'Desa Sukamaju',
  queueNumber: 'A-007',
  letterName: 'Keterangan Penduduk',
  residentName: 'Budi Santoso',
  maskedNik: '320101******0001',
  createdAt: new Date(),
  timeZone: 'Asia/Jakarta',
  requirements: ['Surat Pengantar RT/RW', 'Fotokopi KK', 'Fotokopi KTP'],
  syncState: 'sending',
  reference: 'ADM01-261129-7KQ3M',
};

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

function encodeRun(profile: typeof GENERIC_58): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < ENCODES_PER_RUN; i++) encodeRequestReceipt(profile, { ...receipt, queueNumber: `A-${i}` });
  return ms(start) / ENCODES_PER_RUN;
}

async function submitRun(): Promise<number[]> {
  const sim = await startOpensidSim();
  const printer = await startFakeTcpPrinter({ kind: 'answers', status: STATUS.ready, completion: true });
  const dir = mkdtempSync(path.join(tmpdir(), 'adm-bench-print-'));
  const config = defaultConfig();
  config.server.url = sim.url;
  config.printer = { ...config.printer, transport: 'tcp', host: '127.0.0.1', port: printer.port };
  config.logging.level = 'warn';
  await saveConfig(dir, config);
  const core = createKioskCore({ dataDir: dir, watchConfig: false });
  const budi = RESIDENTS[0]!;
  await core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
  await core.invoke('letters.list', {});
  const letter = LETTERS.find((l) => l.kode === 'S-03')!;
  const times: number[] = [];
  for (let i = 0; i < SUBMITS_PER_RUN; i++) {
    const before = printer.jobs.length;
    const start = process.hrtime.bigint();
    const submitted = await core.invoke('requests.submit', { letterId: letter.id, answers: {}, requirements: {}, phone: '081234567801', note: null });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.error));
    const printed = await core.invoke('printing.receipt', { reference: (submitted.value as { reference: string }).reference });
    if (!printed.ok || (printed.value as { outcome: string }).outcome !== 'printed') throw new Error(`not printed: ${JSON.stringify(printed)}`);
    times.push(ms(start));
    if (printer.jobs.length <= before) throw new Error('the printer received nothing');
  }
  await core.close();
  await printer.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
  return times;
}

async function main(): Promise<void> {
  encodeRun(GENERIC_58); // warm-up
  const native58 = median(Array.from({ length: ENCODE_RUNS }, () => encodeRun(GENERIC_58)));
  const raster80 = median(Array.from({ length: ENCODE_RUNS }, () => encodeRun({ ...GENERIC_80, qr: 'raster' })));
  const runs: Array<{ p50: number; p95: number }> = [];
  for (let i = 0; i < SUBMIT_RUNS; i++) {
    const times = await submitRun();
    runs.push({ p50: percentile(times, 50), p95: percentile(times, 95) });
  }
  const result = {
    encodeReceipt: { runs: ENCODE_RUNS, perRun: ENCODES_PER_RUN, native58Ms: Number(native58.toFixed(3)), raster80Ms: Number(raster80.toFixed(3)) },
    submitToPrinterBytes: {
      runs: SUBMIT_RUNS,
      perRun: SUBMITS_PER_RUN,
      p50Ms: Number(median(runs.map((r) => r.p50)).toFixed(2)),
      p95Ms: Number(median(runs.map((r) => r.p95)).toFixed(2)),
    },
  };
  const rows: Array<[string, string]> = [
    ['encode receipt, 58 mm native QR (ms/receipt)', String(result.encodeReceipt.native58Ms)],
    ['encode receipt, 80 mm raster QR (ms/receipt)', String(result.encodeReceipt.raster80Ms)],
    ['submit -> bytes at TCP printer p50 (ms)', String(result.submitToPrinterBytes.p50Ms)],
    ['submit -> bytes at TCP printer p95 (ms)', String(result.submitToPrinterBytes.p95Ms)],
  ];
  report(rows, result);
}

main().catch(fail);
