/**
 * pdf.js reads a letter on a worker thread, never on the kiosk's main
 * thread: the file comes from the village server, and a small hostile PDF
 * (a page in a compressed object stream followed by a gigabyte of padding)
 * kept pdf.js busy for many seconds and over 1 GB of memory. A timer on the
 * main thread cannot interrupt that; a worker can be terminated. The thread
 * has its own heap limit and each check a deadline; a thread that ran out of
 * either is ended and the next check starts a fresh one. One thread is kept
 * between checks, so pdf.js is loaded once, not per letter.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** What one check found: the page count (every page looked up), pdf.js's refusal, or no answer in time. */
export type PdfCheck = { kind: 'pages'; pages: number } | { kind: 'unreadable'; detail: string } | { kind: 'too-costly'; detail: string };

/** A letter is a few pages: seconds are plenty, and the heap bounds what a hostile file can take. */
export const PDF_CHECK_DEADLINE_MS = 15_000;
export const PDF_CHECK_HEAP_MB = 192;

// The thread's code is plain JavaScript (it runs outside the bundles and the test transform alike).
// pdf.js comes from the address the main thread resolved, so both load the same installed copy.
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const loading = import(workerData.pdfjs);
parentPort.on('message', async ({ id, bytes, maxPages }) => {
  let pdfjs;
  try { pdfjs = await loading; } catch (error) { parentPort.postMessage({ id, broken: String(error && error.message) }); return; }
  const task = pdfjs.getDocument({ data: bytes, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, enableXfa: false, verbosity: pdfjs.VerbosityLevel.ERRORS });
  try {
    const document = await task.promise;
    const pages = document.numPages;
    if (pages >= 1 && pages <= maxPages) for (let n = 1; n <= pages; n++) await document.getPage(n);
    parentPort.postMessage({ id, pages });
  } catch (error) {
    parentPort.postMessage({ id, unreadable: (String(error && error.name) + ': ' + String(error && error.message)).slice(0, 200) });
  } finally {
    await task.destroy();
  }
});
`;

interface Answer {
  id: number;
  pages?: number;
  unreadable?: string;
  broken?: string;
}

let thread: Worker | null = null;
let nextId = 1;
/** Checks run one after another: a deadline then measures one letter, not a queue. */
let queue: Promise<unknown> = Promise.resolve();

function pdfjsAddress(): string {
  return pathToFileURL(createRequire(__filename).resolve('pdfjs-dist/legacy/build/pdf.mjs')).href;
}

function startThread(): Worker {
  const worker = new Worker(THREAD_SOURCE, {
    eval: true,
    workerData: { pdfjs: pdfjsAddress() },
    resourceLimits: { maxOldGenerationSizeMb: PDF_CHECK_HEAP_MB, maxYoungGenerationSizeMb: 32 },
    stdout: true,
    stderr: true,
  });
  // A thread between checks must not keep the kiosk's process alive.
  worker.unref();
  return worker;
}

/** Opens `bytes` with pdf.js on the thread: its page count, or why not. Throws when pdf.js itself cannot load. */
export function checkPdf(bytes: Uint8Array, maxPages: number, deadlineMs = PDF_CHECK_DEADLINE_MS): Promise<PdfCheck> {
  const run = queue.then(() => checkNow(bytes, maxPages, deadlineMs));
  queue = run.catch(() => {});
  return run;
}

function checkNow(bytes: Uint8Array, maxPages: number, deadlineMs: number): Promise<PdfCheck> {
  const worker = (thread ??= startThread());
  const id = nextId++;
  return new Promise<PdfCheck>((resolve, reject) => {
    const end = () => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const discard = (check: PdfCheck) => {
      end();
      if (thread === worker) thread = null;
      void worker.terminate();
      resolve(check);
    };
    const timer = setTimeout(() => discard({ kind: 'too-costly', detail: `pdf.js took more than ${deadlineMs} ms` }), deadlineMs);
    const onMessage = (answer: Answer) => {
      if (answer.id !== id) return;
      end();
      if (answer.broken !== undefined) {
        if (thread === worker) thread = null;
        void worker.terminate();
        reject(new Error(`pdf.js could not be loaded: ${answer.broken}`));
      } else if (answer.unreadable !== undefined) resolve({ kind: 'unreadable', detail: answer.unreadable });
      else resolve({ kind: 'pages', pages: answer.pages ?? 0 });
    };
    // ERR_WORKER_OUT_OF_MEMORY: the file wanted more than the thread's heap.
    const onError = (error: Error) => discard({ kind: 'too-costly', detail: error.message.slice(0, 200) });
    const onExit = () => discard({ kind: 'too-costly', detail: 'the pdf.js thread ended' });
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    // A copy is transferred: the caller keeps its bytes.
    const copy = bytes.slice();
    worker.postMessage({ id, bytes: copy, maxPages }, [copy.buffer]);
  });
}
