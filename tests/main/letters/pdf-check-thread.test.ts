import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { checkPdf } from '../../../src/main/letters/pdf-check-thread';

/**
 * A small hostile PDF: its one page sits in a compressed object stream that
 * inflates to `paddingMb` of spaces, which pdf.js reads before it finds the
 * page (with xref stream offsets, so nothing else is needed).
 */
function inflatingPdf(paddingMb: number): Uint8Array {
  const head = '3 0 ';
  const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>';
  const packed = deflateSync(Buffer.concat([Buffer.from(head + page), Buffer.alloc(paddingMb * 1_000_000, 0x20)]), { level: 9 });
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.concat([Buffer.from(`<< /Type /ObjStm /N 1 /First ${head.length} /Filter /FlateDecode /Length ${packed.length} >>\nstream\n`), packed, Buffer.from('\nendstream')]),
  ];
  const parts = [Buffer.from('%PDF-1.7\n')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    const number = index === 2 ? 4 : index + 1; // object 3 (the page) lives inside stream 4
    offsets[number] = length;
    const chunk = Buffer.concat([Buffer.from(`${number} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(chunk);
    length += chunk.length;
  });
  const row = (type: number, field2: number, field3: number) => {
    const b = Buffer.alloc(7);
    b[0] = type;
    b.writeUInt32BE(field2, 1);
    b.writeUInt16BE(field3, 5);
    return b;
  };
  const xrefAt = length;
  const rows = Buffer.concat([row(0, 0, 0xffff), row(1, offsets[1]!, 0), row(1, offsets[2]!, 0), row(2, 4, 0), row(1, offsets[4]!, 0), row(1, xrefAt, 0)]);
  parts.push(Buffer.from(`5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length ${rows.length} >>\nstream\n`), rows, Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

describe('pdf.js on its own thread', () => {
  it('counts the pages of a real letter', async () => {
    const document = await PDFDocument.create();
    document.addPage([595.28, 935.43]);
    document.addPage([595.28, 935.43]);
    expect(await checkPdf(await document.save(), 20)).toEqual({ kind: 'pages', pages: 2 });
    expect(await checkPdf(new TextEncoder().encode('%PDF-1.7\nnot really'), 20)).toMatchObject({ kind: 'unreadable' });
  });

  it('ends a file that would take pdf.js too long or too much memory, while the kiosk goes on; the next letter is checked as usual', async () => {
    const bomb = inflatingPdf(300);
    expect(bomb.length).toBeLessThan(1_000_000); // well under the size cap: the cap alone does not stop it
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 20);
    try {
      const check = await checkPdf(bomb, 20, 2_000);
      expect(check.kind).toBe('too-costly');
    } finally {
      clearInterval(ticker);
    }
    // The main thread kept running while pdf.js worked (on one thread it stalled for seconds).
    expect(ticks).toBeGreaterThan(5);
    const document = await PDFDocument.create();
    document.addPage();
    expect(await checkPdf(await document.save(), 20)).toEqual({ kind: 'pages', pages: 1 });
  });
});
