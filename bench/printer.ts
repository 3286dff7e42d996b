/**
 * Printer benchmarks (run with `npm run bench`):
 *  - template encode time per receipt (58 mm native QR, 80 mm raster QR);
 *  - submit-to-bytes: from the resident's "Kirim" (request committed with its
 *    queue number and print job) until a network printer on 127.0.0.1 has
 *    received the whole receipt, through the real core and TCP transport.
 * Medians of several runs are reported.
 */
import { GENERIC_58, GENERIC_80 } from '../src/devices/printer/profiles';
import { encodeRequestReceipt, type RequestReceipt } from '../src/devices/printer/templates';
import { fail, median, percentile, report } from './lib/report';
import { LETTERS, RESIDENTS } from '../tools/opensid-sim/seed';
import { startBenchKiosk } from './lib/bench-kiosk';

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

/** From "Kirim" (the request committed with its queue number and print job) until the printer has the whole receipt. */
async function submitRun(): Promise<number[]> {
  const kiosk = await startBenchKiosk();
  const { core, printer } = kiosk;
  const budi = RESIDENTS[0]!;
  await core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
  await core.invoke('letters.list', {});
  const letter = LETTERS.find((l) => l.kode === 'S-03')!;
  const times: number[] = [];
  for (let i = 0; i < SUBMITS_PER_RUN; i++) {
    const before = printer.jobs.length;
    const start = process.hrtime.bigint();
    // The receipt prints by itself after the commit; the core says when with the `printing.receipt` event.
    const printed = new Promise<string>((resolve) => {
      const stop = core.onEvent((name, payload) => {
        if (name !== 'printing.receipt') return;
        stop();
        resolve((payload as { result: { outcome: string } }).result.outcome);
      });
    });
    const submitted = await core.invoke('requests.submit', { letterId: letter.id, answers: {}, requirements: {}, phone: '081234567801', note: null });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.error));
    const outcome = await printed;
    times.push(ms(start));
    if (outcome !== 'printed') throw new Error(`not printed: ${outcome}`);
    if (printer.jobs.length <= before) throw new Error('the printer received nothing');
  }
  await kiosk.close();
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
    ['receipt encode, 58 mm native QR (ms/receipt)', String(result.encodeReceipt.native58Ms)],
    ['receipt encode, 80 mm raster QR (ms/receipt)', String(result.encodeReceipt.raster80Ms)],
    ['submit -> bytes at TCP printer p50 (ms)', String(result.submitToPrinterBytes.p50Ms)],
    ['submit -> bytes at TCP printer p95 (ms)', String(result.submitToPrinterBytes.p95Ms)],
  ];
  report(rows, result);
}

main().catch(fail);
