/**
 * A letter's pages as pictures for the preview, drawn by pdf.js in the
 * renderer. This module is only ever loaded with `import()` from the preview
 * screen: pdf.js is large, and the resident screens' first load must not
 * carry it (tests/build/renderer-chunks.test.ts checks that).
 *
 * Under the kiosk's CSP (src/main/csp.ts): the worker is our own file
 * (`worker-src 'self'`); no eval (`isEvalSupported: false`). The letters use
 * the PDF standard fonts without embedding them; pdf.js then draws them with
 * the system's matching font (Liberation Sans for Helvetica on the kiosk's
 * Linux) instead of fetching its own font files, which is enough for a
 * preview: the printed letter is the PDF itself, sent to CUPS by the core.
 * No wasm decoders either (JPEG 2000 pictures would need them and
 * 'wasm-unsafe-eval'): a picture pdf.js cannot decode is left out of the
 * preview, never out of the print.
 */
import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Device pixels across a page's picture: sharp on the panel, no bigger than an A4 page at 200 dpi. */
const MAX_WIDTH_PX = 1654;

/** The letter as the core sends it (`LetterFile.pdf`, base64) in bytes. */
function bytesOf(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Every page of the PDF (base64, as `letters.file` answers) as a PNG data URL
 * `widthPx` device pixels wide (the CSP allows data: images; a blob: URL
 * would need another source). The document is destroyed afterwards: nothing
 * of the letter stays in the worker.
 */
export async function renderLetterPages(pdfBase64: string, widthPx: number): Promise<string[]> {
  const task = getDocument({ data: bytesOf(pdfBase64), isEvalSupported: false, useSystemFonts: true, useWasm: false, enableXfa: false });
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const unscaled = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: Math.min(widthPx, MAX_WIDTH_PX) / unscaled.width });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      await page.render({ canvas, viewport, background: '#ffffff' }).promise;
      pages.push(canvas.toDataURL('image/png'));
      // The canvas's pixels are released at once, not when the collector gets to it.
      canvas.width = 0;
      canvas.height = 0;
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}
