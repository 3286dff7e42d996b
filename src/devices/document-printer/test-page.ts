/**
 * The technician's A4 test page: which kiosk and queue printed it and when,
 * a frame 10 mm inside the paper's edges and millimetre rulers, so scaling
 * or a cut-off edge shows at a glance. Nothing personal is on it.
 */
import anyAscii from 'any-ascii';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';

export const TEST_PAGE_TITLE = 'Halaman uji printer surat ADM';

const MM = 72 / 25.4;
/** A4 in points. */
const WIDTH = 210 * MM;
const HEIGHT = 297 * MM;
const FRAME_MM = 10;

export interface TestPageInfo {
  kioskName: string;
  queue: string;
  media: string;
  at: Date;
}

export async function makeTestPage(info: TestPageInfo): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(TEST_PAGE_TITLE);
  doc.setCreator('ADM');
  const page = doc.addPage([WIDTH, HEIGHT]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const black = rgb(0, 0, 0);

  // The frame: on paper, every side should measure 10 mm from the edge.
  const inset = FRAME_MM * MM;
  page.drawRectangle({ x: inset, y: inset, width: WIDTH - 2 * inset, height: HEIGHT - 2 * inset, borderColor: black, borderWidth: 0.8 });

  // Rulers along the frame's top and left sides, a tick per millimetre, labelled per centimetre from the paper's edge.
  for (let mm = FRAME_MM; mm <= 210 - FRAME_MM; mm += 1) {
    const x = mm * MM;
    const long = mm % 10 === 0 ? 4 : mm % 5 === 0 ? 2.5 : 1.5;
    page.drawLine({ start: { x, y: HEIGHT - inset }, end: { x, y: HEIGHT - inset - long * MM }, thickness: 0.3, color: black });
    if (mm % 10 === 0) page.drawText(String(mm / 10), { x: x - 2, y: HEIGHT - inset - 8 * MM, size: 7, font });
  }
  for (let mm = FRAME_MM; mm <= 297 - FRAME_MM; mm += 1) {
    const y = HEIGHT - mm * MM;
    const long = mm % 10 === 0 ? 4 : mm % 5 === 0 ? 2.5 : 1.5;
    page.drawLine({ start: { x: inset, y }, end: { x: inset + long * MM, y }, thickness: 0.3, color: black });
    if (mm % 10 === 0 && mm > FRAME_MM) page.drawText(String(mm / 10), { x: inset + 5 * MM, y: y - 2, size: 7, font });
  }

  // The standard fonts have Latin-1 only: any other letter in a kiosk name is transliterated.
  const plain = (text: string) => anyAscii(text).replace(/[^\x20-\x7e]/g, '?');
  const lines: [string, string][] = [
    ['Kios', plain(info.kioskName)],
    ['Antrean CUPS', plain(info.queue)],
    ['Kertas', plain(info.media)],
    ['Waktu', formatLocal(info.at)],
  ];
  const left = 40 * MM;
  let y = HEIGHT - 50 * MM;
  page.drawText(TEST_PAGE_TITLE, { x: left, y, size: 18, font: bold });
  y -= 14 * MM;
  for (const [label, value] of lines) {
    page.drawText(`${label}:`, { x: left, y, size: 12, font: bold });
    page.drawText(value, { x: left + 35 * MM, y, size: 12, font });
    y -= 8 * MM;
  }
  y -= 6 * MM;
  const notes = [
    'Bingkai harus terlihat utuh di keempat sisi, 10 mm dari tepi kertas.',
    'Penggaris di atas dan di kiri bertanda tiap milimeter; angka = sentimeter dari tepi kertas.',
    'Jika bingkai terpotong atau ukurannya berbeda, periksa ukuran kertas (letterPrinter.media)',
    'dan pengaturan antrean di CUPS.',
  ];
  for (const note of notes) {
    page.drawText(note, { x: left, y, size: 10, font });
    y -= 6 * MM;
  }
  return doc.save();
}

/** "2026-03-14 09:05" in the kiosk's own time zone. */
function formatLocal(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}`;
}
