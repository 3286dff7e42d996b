/**
 * Signed-letter benchmark (run with `npm run bench`): a resident prints a
 * signed letter on the A4 printer, through the real core, the demo village
 * server and a private cupsd whose queue is cups-pdf (tests/helpers/cupsd.ts;
 * it needs CUPS and cups-pdf installed, and root for cups-pdf's setting):
 *  - letters.file: the letter downloaded and checked with pdf.js, as the
 *    preview asks for it;
 *  - tap "Cetak" to completed: from `letters.print` until the
 *    `letters.printStatus` event says CUPS completed the job (cups-pdf has
 *    written its PDF). The kiosk polls the job every 500 ms, so that is part of
 *    what the resident waits.
 * Also until `letters.print` answers (the job handed to CUPS with `lp`).
 * Each run is a fresh kiosk, whose daily limit per letter is set to its
 * highest so every print is allowed. The first errand of each run is left
 * out of the percentiles; the very first letters.file (pdf.js loading, once
 * per process) is reported alone. Medians over runs of each run's p50 and p95.
 */
import { readdirSync } from 'node:fs';
import { createCupsPrinter } from '../src/devices/document-printer/cups-printer';
import type { IssuedLetters, LetterFile, LetterPrintState } from '../src/shared/signed-letters';
import { SETTING_RANGES } from '../src/shared/setting-ranges';
import type { KioskCore } from '../src/main/core';
import type { Result } from '../src/shared/result';
import { ISSUED_LETTER_IDS, RESIDENTS } from '../tools/opensid-sim/seed';
import { startCupsd, type PrivateCupsd } from '../tests/helpers/cupsd';
import { startBenchKiosk } from './lib/bench-kiosk';
import { fail, median, percentile, progress, report, round } from './lib/report';

const RUNS = 3;
/** As many prints of one letter as a kiosk day allows (the setting's highest). */
const PRINTS_PER_RUN = SETTING_RANGES['letterPrinter.printsPerLetterPerDay'].max;
const LETTER_ID = String(ISSUED_LETTER_IDS.budiSigned);

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function expectOk<T = unknown>(what: string, result: Promise<Result<unknown>>): Promise<T> {
  const answer = await result;
  if (!answer.ok) throw new Error(`${what} failed: ${JSON.stringify(answer.error)}`);
  return answer.value as T;
}

/** The final word of each print job by its print id; one that comes before the print's answer is kept. */
function watchPrints(core: KioskCore) {
  const finals = new Map<string, LetterPrintState>();
  const waiting = new Map<string, (state: LetterPrintState) => void>();
  const stop = core.onEvent((name, payload) => {
    if (name !== 'letters.printStatus') return;
    const { printId, state } = payload as { printId: string; state: LetterPrintState };
    if (state.phase !== 'completed' && state.phase !== 'failed') return;
    finals.set(printId, state);
    waiting.get(printId)?.(state);
  });
  return {
    final: (printId: string) => finals.get(printId) ?? new Promise<LetterPrintState>((resolve) => waiting.set(printId, resolve)),
    stop,
  };
}

interface Errand {
  fileMs: number;
  /** Until `letters.print` answered: the job is in CUPS (`lp` has returned). */
  submitMs: number;
  printMs: number;
}

/** The preview screen's calls (list, file), then "Cetak" until CUPS has completed the job. */
async function errand(core: KioskCore, prints: ReturnType<typeof watchPrints>, cupsd: PrivateCupsd): Promise<Errand> {
  const before = readdirSync(cupsd.outputDir).length;
  const listed = await expectOk<IssuedLetters>('letters.issued', core.invoke('letters.issued', {}));
  if (!listed.letters.some((letter) => letter.id === LETTER_ID && letter.printable && letter.printsLeftToday > 0)) {
    throw new Error(`letter ${LETTER_ID} is not printable now: ${JSON.stringify(listed.letters.find((letter) => letter.id === LETTER_ID))}`);
  }
  const fileStart = process.hrtime.bigint();
  const file = await expectOk<LetterFile>('letters.file', core.invoke('letters.file', { id: LETTER_ID }));
  const fileMs = ms(fileStart);
  if (file.pages < 1) throw new Error('the letter has no pages');
  const printStart = process.hrtime.bigint();
  const { printId } = await expectOk<{ printId: string }>('letters.print', core.invoke('letters.print', { id: LETTER_ID }));
  const submitMs = ms(printStart);
  const final = await prints.final(printId);
  const printMs = ms(printStart);
  if (final.phase !== 'completed') throw new Error(`the print did not complete: ${JSON.stringify(final)}`);
  if (readdirSync(cupsd.outputDir).length <= before) throw new Error('cups-pdf wrote no PDF for the job');
  return { fileMs, submitMs, printMs };
}

async function run(n: number, cupsd: PrivateCupsd): Promise<{ firstFileMs: number; errands: Errand[] }> {
  const kiosk = await startBenchKiosk({
    documentPrinter: createCupsPrinter({ server: cupsd.server }),
    configure(config) {
      config.letterPrinter = { ...config.letterPrinter, enabled: true, queue: cupsd.queue, printsPerLetterPerDay: PRINTS_PER_RUN };
    },
  });
  const { core } = kiosk;
  const prints = watchPrints(core);
  try {
    const budi = RESIDENTS[0]!;
    await expectOk('session.identify', core.invoke('session.identify', { nik: budi.nik, pin: budi.pin }));
    const first = await errand(core, prints, cupsd);
    const errands: Errand[] = [];
    for (let i = 1; i < PRINTS_PER_RUN; i++) errands.push(await errand(core, prints, cupsd));
    progress(`run ${n}: ${PRINTS_PER_RUN} letters printed; first letters.file ${first.fileMs.toFixed(1)} ms`);
    return { firstFileMs: first.fileMs, errands };
  } finally {
    prints.stop();
    await kiosk.close();
  }
}

async function main(): Promise<void> {
  const cupsd = await startCupsd();
  const runs: Array<{ firstFileMs: number; errands: Errand[] }> = [];
  try {
    for (let i = 1; i <= RUNS; i++) runs.push(await run(i, cupsd));
  } finally {
    await cupsd.stop();
  }
  const summary = (pick: (errand: Errand) => number, p: number) => round(median(runs.map((r) => percentile(r.errands.map(pick), p))));
  const result = {
    runs: RUNS,
    perRun: PRINTS_PER_RUN - 1,
    // pdf.js is loaded once per process: only the first run's first file pays for it.
    letterFile: { p50Ms: summary((e) => e.fileMs, 50), p95Ms: summary((e) => e.fileMs, 95), firstMs: round(runs[0]!.firstFileMs) },
    printToSubmitted: { p50Ms: summary((e) => e.submitMs, 50), p95Ms: summary((e) => e.submitMs, 95) },
    printToCompleted: { p50Ms: summary((e) => e.printMs, 50), p95Ms: summary((e) => e.printMs, 95) },
  };
  report(
    [
      ['letters.file (download + pdf.js check) p50 (ms)', result.letterFile.p50Ms],
      ['letters.file (download + pdf.js check) p95 (ms)', result.letterFile.p95Ms],
      ['letters.file, first after start, pdf.js loading (ms)', result.letterFile.firstMs],
      ['tap Cetak -> job handed to CUPS (lp) p50 (ms)', result.printToSubmitted.p50Ms],
      ['tap Cetak -> job handed to CUPS (lp) p95 (ms)', result.printToSubmitted.p95Ms],
      ['tap Cetak -> job completed at cups-pdf p50 (ms)', result.printToCompleted.p50Ms],
      ['tap Cetak -> job completed at cups-pdf p95 (ms)', result.printToCompleted.p95Ms],
    ],
    result,
  );
}

main().catch(fail);
