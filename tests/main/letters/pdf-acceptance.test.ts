import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { acceptLetterPdf, MAX_LETTER_PAGES, MIN_LETTER_BYTES, type LetterFileProblem } from '../../../src/main/letters/pdf-acceptance';
import type { LetterDownload } from '../../../src/main/village/types';

const F4 = [595.28, 935.43] as const;
const MAX_BYTES = 4 * 1024 * 1024;

/** A PDF of `pages` F4 pages, each with a line of real text. */
async function letter(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) {
    const page = doc.addPage([...F4]);
    page.drawText(`SURAT KETERANGAN DOMISILI halaman ${n}`, { x: 70, y: 860, size: 12, font });
    // A page of body text, as a real letter has: a few KiB a page.
    for (let line = 0; line < 30; line++) {
      page.drawText(`Baris ${line + 1}: Nama : Budi Santoso, warga Desa Sukamaju, Kecamatan Cibinong.`, { x: 70, y: 830 - line * 18, size: 11, font });
    }
  }
  return doc.save();
}

/** A well-formed PDF whose page tree is empty, padded past MIN_LETTER_BYTES (so only its pages are wrong). */
async function noPages(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setSubject('Surat tanpa halaman. '.repeat(60));
  return doc.save({ addDefaultPage: false, useObjectStreams: false });
}

/**
 * A hand-written PDF whose page tree lists a second page that is no page
 * (`9 0 R` does not exist): its page count says 2, its second page fails.
 */
function danglingSecondPage(): Uint8Array {
  const content = `BT /F1 12 Tf 70 860 Td (SURAT KETERANGAN) Tj ET\n${'% isi surat\n'.repeat(90)}`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 9 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 935.43] /Contents 4 0 R /Resources << >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}endstream`,
  ];
  let pdf = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

const ascii = (text: string) => new TextEncoder().encode(text);
const download = (body: Uint8Array, contentType: string | null = 'application/pdf', overCap = false): LetterDownload => ({ body, contentType, overCap });

let twoPages: Uint8Array;
beforeAll(async () => {
  twoPages = await letter(2);
  // Cut in half, the letter must still be past the size floor, so that what refuses it is pdf.js.
  expect(twoPages.length / 2).toBeGreaterThan(MIN_LETTER_BYTES);
});

describe('acceptLetterPdf', () => {
  const htmlPage = ascii(`<!DOCTYPE html><html><head><title>Server Error</title></head><body>${'<p>Whoops, something went wrong.</p>'.repeat(40)}</body></html>`);

  it.each<[string, () => Promise<LetterDownload> | LetterDownload, LetterFileProblem]>([
    ['an empty body named text/html (OpenSID: the stored file is gone)', () => download(new Uint8Array(0), 'text/html'), 'missing'],
    ['an empty body named application/pdf (a 0-byte stored file)', () => download(new Uint8Array(0)), 'missing'],
    ['an empty body with no type', () => download(new Uint8Array(0), null), 'missing'],
    ['an HTML error page', () => download(htmlPage, 'text/html'), 'wrong-type'],
    ['an HTML error page named application/pdf', () => download(htmlPage), 'not-pdf'],
    ['a PDF named application/octet-stream', () => download(twoPages, 'application/octet-stream'), 'wrong-type'],
    ['a PDF with no content type', () => download(twoPages, null), 'wrong-type'],
    ['a legacy RTF letter', () => download(ascii(`{\\rtf1\\ansi ${'Surat '.repeat(300)}}`), 'application/rtf'), 'wrong-type'],
    ['a PDF header and nothing more', () => download(ascii('%PDF-1.7\n%%EOF\n')), 'too-small'],
    ['a body past the download cap', () => download(new Uint8Array(0), 'application/pdf', true), 'too-large'],
    ['a body larger than the limit given here', () => download(twoPages), 'too-large'],
    ['a PDF cut in half', () => download(twoPages.slice(0, Math.floor(twoPages.length / 2))), 'unreadable'],
    ['a PDF cut short of its end', () => download(twoPages.slice(0, twoPages.length - 40)), 'unreadable'],
    ['%PDF- followed by noise', () => download(ascii(`%PDF-1.7\n${'garbage '.repeat(300)}`)), 'unreadable'],
    ['a PDF whose page tree points at a page that is not there', () => download(danglingSecondPage()), 'unreadable'],
    ['a PDF with no pages', async () => download(await noPages()), 'no-pages'],
    [`a PDF of ${MAX_LETTER_PAGES + 1} pages`, async () => download(await letter(MAX_LETTER_PAGES + 1)), 'too-many-pages'],
    ['a PDF of 200 pages', async () => download(await letter(200)), 'too-many-pages'],
  ])('refuses %s', async (name, make, problem) => {
    const body = await make();
    const limit = name === 'a body larger than the limit given here' ? twoPages.length - 1 : MAX_BYTES;
    const result = await acceptLetterPdf(body, { maxBytes: limit });
    expect(result).toMatchObject({ ok: false, problem });
    expect(result.ok === false && result.detail.length).toBeGreaterThan(0);
  });

  it('accepts a 2-page F4 letter, handing back the same bytes, intact', async () => {
    const body = twoPages.slice();
    const result = await acceptLetterPdf(download(body), { maxBytes: MAX_BYTES });
    expect(result).toEqual({ ok: true, pdf: body, pages: 2 });
    // pdf.js was given a copy: the caller's buffer is not transferred away.
    expect(body.byteLength).toBe(twoPages.byteLength);
    expect(Buffer.from(body).equals(Buffer.from(twoPages))).toBe(true);
  });

  it(`accepts ${MAX_LETTER_PAGES} pages, and a body exactly at the limit`, async () => {
    const twenty = await letter(MAX_LETTER_PAGES);
    expect(await acceptLetterPdf(download(twenty), { maxBytes: twenty.length })).toMatchObject({ ok: true, pages: MAX_LETTER_PAGES });
  });

  it('checks the size floor against MIN_LETTER_BYTES', async () => {
    const small = ascii(`%PDF-1.7\n${' '.repeat(MIN_LETTER_BYTES - 10)}`);
    expect(small.length).toBeLessThan(MIN_LETTER_BYTES);
    expect(await acceptLetterPdf(download(small), { maxBytes: MAX_BYTES })).toMatchObject({ ok: false, problem: 'too-small' });
  });

  it('checks many files one after another (every document is destroyed, none left waiting)', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => acceptLetterPdf(download(twoPages), { maxBytes: MAX_BYTES })));
    expect(results.every((r) => r.ok && r.pages === 2)).toBe(true);
  });
});
