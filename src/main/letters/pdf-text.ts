/**
 * A PDF's text, page by page, as pdf.js reads it: what a printed letter says,
 * for comparing a letter with what the village server holds.
 */
import { withPdf } from './pdfjs';

export async function pdfText(pdf: Uint8Array): Promise<{ pages: number; text: string[] }> {
  return withPdf(pdf, async (document) => {
    const text: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      // Items are runs of text; hasEOL marks where a line ends.
      text.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    }
    return { pages: document.numPages, text };
  });
}
