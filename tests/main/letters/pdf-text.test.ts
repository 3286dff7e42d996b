import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../src/main/letters/pdf-text';

describe('pdfText', () => {
  it('reads the text of each page, line by line', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (const lines of [['DESA SUKAMAJU', 'Nomor: 470/041/SKD/XI/2026'], ['Ditandatangani secara elektronik oleh H. Sudirman']]) {
      const page = doc.addPage([595.28, 935.43]);
      lines.forEach((line, i) => page.drawText(line, { x: 70, y: 860 - i * 20, size: 12, font }));
    }
    const { pages, text } = await pdfText(await doc.save());
    expect(pages).toBe(2);
    expect(text[0]!.split('\n').map((l) => l.trim()).filter(Boolean)).toEqual(['DESA SUKAMAJU', 'Nomor: 470/041/SKD/XI/2026']);
    expect(text[1]!.trim()).toBe('Ditandatangani secara elektronik oleh H. Sudirman');
  });

  it('rejects what is not a PDF', async () => {
    await expect(pdfText(new TextEncoder().encode('<html>Not Found</html>'))).rejects.toThrow();
  });
});
