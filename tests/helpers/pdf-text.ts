/**
 * Reads a PDF the way a person would check a printout: its pages, their size
 * and the words on each (pdf.js's Node build; no rendering).
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfReading {
  pages: number;
  /** Width and height of each page in points. */
  sizes: [number, number][];
  /** The text of each page, its pieces joined with spaces. */
  texts: string[];
}

export async function readPdf(bytes: Uint8Array): Promise<PdfReading> {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const doc = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const sizes: [number, number][] = [];
    const texts: string[] = [];
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view;
      sizes.push([Math.round((x1 ?? 0) - (x0 ?? 0)), Math.round((y1 ?? 0) - (y0 ?? 0))]);
      const content = await page.getTextContent();
      texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
    }
    return { pages: doc.numPages, sizes, texts };
  } finally {
    await doc.destroy();
  }
}
