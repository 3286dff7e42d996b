/**
 * The demo village's issued letters as real PDF files (pdf-lib), made when
 * first asked for and kept per process: F4 pages (210 x 330 mm, OpenSID's
 * default), the village letterhead, the title, the number, the resident's
 * identity, body text, and on the last page the signature block, whose
 * words follow the letter's `tte`. The text is real text (standard
 * Helvetica), so pdf.js extracts it and a printed copy can be compared with it.
 */
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { VILLAGE, type SimIssuedLetter, type SimResident } from './seed';

/** F4 in PDF points (1 pt = 1/72 inch). */
export const F4_POINTS = { width: (210 / 25.4) * 72, height: (330 / 25.4) * 72 } as const;

const MARGIN = 70;
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const cache = new Map<string, Promise<Uint8Array>>();

export interface LetterContent {
  letter: SimIssuedLetter;
  /** The letter format's name (`jenis_surat`), or null when it was deleted. */
  letterName: string | null;
  resident: SimResident;
}

/** The letter's PDF; made once per letter and signature state. */
export function letterPdf(content: LetterContent): Promise<Uint8Array> {
  const key = `${content.letter.id}:${content.letter.tte}`;
  let pdf = cache.get(key);
  if (!pdf) {
    pdf = drawLetter(content);
    cache.set(key, pdf);
  }
  return pdf;
}

/** The title as printed: "SURAT KETERANGAN DOMISILI". */
export function letterTitle(letterName: string | null): string {
  return `SURAT ${(letterName ?? 'Keterangan').toUpperCase()}`;
}

/** `2026-11-18 09:30:12` -> `18 November 2026`. */
export function indonesianDate(tanggal: string): string {
  const [year, month, day] = tanggal.slice(0, 10).split('-').map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1]} ${year}`;
}

async function drawLetter({ letter, letterName, resident }: LetterContent): Promise<Uint8Array> {
  // No producer or dates of "now": the same letter is the same file every time.
  const doc = await PDFDocument.create({ updateMetadata: false });
  const issued = new Date(`${letter.tanggal.replace(' ', 'T')}+07:00`);
  doc.setTitle(`${letterTitle(letterName)} ${letter.nomorSurat ?? ''}`.trim());
  doc.setCreator(`Desa ${VILLAGE.nama_desa}`);
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const pages = Array.from({ length: Math.max(1, letter.pages) }, () => doc.addPage([F4_POINTS.width, F4_POINTS.height]));
  const writers = pages.map((page) => new PageWriter(page, regular, bold));

  const first = writers[0]!;
  first.letterhead();
  first.centre(letterTitle(letterName), 13, bold);
  first.centre(`Nomor: ${letter.nomorSurat ?? '-'}`, 11, regular);
  first.gap(18);
  first.paragraph(
    `Yang bertanda tangan di bawah ini, ${letter.official.jabatan} ${VILLAGE.nama_desa}, Kecamatan ${VILLAGE.nama_kecamatan}, ` +
      `Kabupaten ${VILLAGE.nama_kabupaten}, menerangkan dengan sebenarnya bahwa:`,
  );
  first.gap(6);
  for (const [label, value] of [
    ['Nama', resident.nama],
    ['NIK', resident.nik],
    ['Tempat/Tanggal Lahir', `${resident.tempatLahir}, ${resident.tanggalLahir}`],
    ['Alamat', `${resident.dusun} RT ${resident.rt} RW ${resident.rw}, Desa ${VILLAGE.nama_desa}`],
  ] as const) {
    first.field(label, value);
  }
  first.gap(10);
  first.paragraph(
    `Orang tersebut di atas adalah benar warga Desa ${VILLAGE.nama_desa} yang bertempat tinggal di alamat tersebut. ` +
      'Surat keterangan ini dibuat atas permohonan yang bersangkutan untuk dipergunakan sebagaimana mestinya.',
  );
  for (const page of writers.slice(1)) {
    page.paragraph(
      `Lanjutan ${letterTitle(letterName)} Nomor ${letter.nomorSurat ?? '-'}. Keterangan ini berlaku selama tiga bulan sejak tanggal ` +
        'dikeluarkan. Apabila di kemudian hari terdapat kekeliruan dalam surat keterangan ini, akan diadakan perbaikan sebagaimana mestinya.',
    );
  }
  const last = writers[writers.length - 1]!;
  last.paragraph('Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.');
  last.signature(letter);
  writers.forEach((page, index) => page.footer(`Halaman ${index + 1} dari ${writers.length}`));
  return doc.save();
}

/** Writes top to bottom on one page. */
class PageWriter {
  private y: number;
  private readonly width: number;

  constructor(
    private readonly page: PDFPage,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.width = page.getWidth();
    this.y = page.getHeight() - MARGIN;
  }

  letterhead(): void {
    this.centre(`PEMERINTAH KABUPATEN ${VILLAGE.nama_kabupaten.toUpperCase()}`, 12, this.bold);
    this.centre(`KECAMATAN ${VILLAGE.nama_kecamatan.toUpperCase()}`, 12, this.bold);
    this.centre(`DESA ${VILLAGE.nama_desa.toUpperCase()}`, 16, this.bold);
    this.centre(`${VILLAGE.alamat_kantor}, Kode Pos ${VILLAGE.kode_pos}`, 9, this.regular);
    this.y -= 4;
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: this.width - MARGIN, y: this.y }, thickness: 2 });
    this.y -= 28;
  }

  centre(text: string, size: number, font: PDFFont): void {
    this.y -= size + 4;
    this.page.drawText(text, { x: (this.width - font.widthOfTextAtSize(text, size)) / 2, y: this.y, size, font });
  }

  gap(points: number): void {
    this.y -= points;
  }

  field(label: string, value: string): void {
    this.y -= 16;
    this.page.drawText(label, { x: MARGIN + 20, y: this.y, size: 11, font: this.regular });
    this.page.drawText(`: ${value}`, { x: MARGIN + 160, y: this.y, size: 11, font: this.regular });
  }

  paragraph(text: string): void {
    const size = 11;
    const maxWidth = this.width - 2 * MARGIN;
    let line = '';
    const lines: string[] = [];
    for (const word of text.split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (this.regular.widthOfTextAtSize(candidate, size) > maxWidth && line) {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    if (line) lines.push(line);
    for (const text of lines) {
      this.y -= 16;
      this.page.drawText(text, { x: MARGIN, y: this.y, size, font: this.regular });
    }
    this.y -= 8;
  }

  /** The signature block at the right: place and date, the office, then what the signature is. */
  signature(letter: SimIssuedLetter): void {
    const x = this.width - MARGIN - 260;
    const line = (text: string, font = this.regular, size = 11) => {
      this.y -= size + 5;
      this.page.drawText(text, { x, y: this.y, size, font });
    };
    this.y -= 24;
    line(`${VILLAGE.nama_desa}, ${indonesianDate(letter.tanggal)}`);
    line(`${letter.official.jabatan} ${VILLAGE.nama_desa}`);
    this.y -= 10;
    const boxHeight = 54;
    const boxTop = this.y;
    if (letter.tte === null) {
      // Signed on paper: room for the wet signature and the stamp.
      this.y -= boxHeight;
    } else {
      this.page.drawRectangle({
        x,
        y: boxTop - boxHeight,
        width: 260,
        height: boxHeight,
        borderColor: rgb(0.1, 0.3, 0.6),
        borderWidth: 1.5,
        borderDashArray: letter.tte === 1 ? undefined : [4, 3],
      });
      const words = letter.tte === 1 ? `Ditandatangani secara elektronik oleh ${letter.official.nama}` : 'Menunggu tanda tangan elektronik';
      this.page.drawText(words, { x: x + 8, y: boxTop - 22, size: 9, font: this.bold, color: rgb(0.1, 0.3, 0.6) });
      if (letter.tte === 1) {
        this.page.drawText('Balai Sertifikasi Elektronik (BSrE), BSSN', { x: x + 8, y: boxTop - 38, size: 8, font: this.regular, color: rgb(0.1, 0.3, 0.6) });
      }
      this.y = boxTop - boxHeight;
    }
    line(letter.official.nama, this.bold);
  }

  footer(text: string): void {
    const size = 8;
    this.page.drawText(text, { x: (this.width - this.regular.widthOfTextAtSize(text, size)) / 2, y: MARGIN / 2, size, font: this.regular });
  }
}
