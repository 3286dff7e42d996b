/**
 * pdf.js for the main process. `pdfjs-dist` ships ES modules only, while the
 * main bundles are CommonJS: it stays outside the bundles
 * (scripts/bundle-options.mjs) and is loaded here with `import()`, once.
 *
 * In Node pdf.js runs no worker thread: it disables workers by itself and
 * loads its worker code (`pdf.worker.mjs`, beside `pdf.mjs`) into this
 * thread as a "fake worker". So a letter from the server is never checked
 * here but on a thread of its own (`pdf-check-thread.ts`); this module reads
 * the text of files the kiosk made or already accepted (`pdf-text.ts`).
 */
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

type PdfJs = typeof PdfJsModule;

let loading: Promise<PdfJs> | null = null;

/**
 * pdf.js itself. A failure here is the kiosk's (a broken install), not a
 * letter's: callers let it through rather than blame the file. It is not
 * kept, so the next call tries again.
 */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist/legacy/build/pdf.mjs').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/**
 * Opens `bytes` with pdf.js, gives the document to `use`, and always
 * destroys the loading task (and with it the document and its fake worker).
 */
export async function withPdf<T>(bytes: Uint8Array, use: (document: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const { getDocument, VerbosityLevel } = await loadPdfJs();
  const task: PDFDocumentLoadingTask = getDocument({
    // A copy: pdf.js may transfer (detach) the buffer it is given.
    data: bytes.slice(),
    // No code is generated from the document (PostScript functions, fonts).
    isEvalSupported: false,
    // The kiosk reads structure and text here; it never draws in this process.
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    // pdf.js writes warnings (a damaged font, a fake worker) to the console; a
    // broken letter is reported by the caller, once, in the kiosk's own log.
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    return await use(await task.promise);
  } finally {
    await task.destroy();
  }
}
