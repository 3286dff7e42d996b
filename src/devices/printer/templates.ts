/**
 * Receipt layouts as pure functions: data in, ESC/POS bytes out, through
 * @point-of-sale/receipt-printer-encoder with the printer's profile. Every
 * text passes `foldForPrinter`; nothing here touches a device.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import ImageData from '@canvas/image-data';
import QRCode from 'qrcode';
import { foldForPrinter } from './fold-text';
import type { PrinterProfile } from './profiles';
import { withoutLetterWord } from '../../shared/letter-catalog';

export interface RequestReceipt {
  villageName: string;
  queueNumber: string;
  letterName: string;
  residentName: string | null;
  maskedNik: string;
  createdAt: Date;
  timeZone: string;
  requirements: string[];
  /** Only what is true when it prints: see `SYNC_LINES`. */
  syncState: ReceiptSyncState;
  reference: string;
  /** Printed against the demo village server: said on the slip, which is no official proof. */
  demo?: boolean;
  /** The resident has no phone: the office's number was given, so news comes through the office. */
  newsViaOffice?: boolean;
}

/**
 * sent: the server accepted the request; sending: an online request on its
 * way (seconds); waiting: the server cannot be reached now (or the resident's
 * PIN is still to be checked there); staff: not on its way (refused or held
 * for a technician), so the resident asks at the office.
 */
export type ReceiptSyncState = 'sent' | 'sending' | 'waiting' | 'staff';

const SYNC_LINES: Record<ReceiptSyncState, string> = {
  sent: 'Terkirim',
  sending: 'Sedang dikirim',
  waiting: 'Menunggu koneksi',
  staff: 'Tanyakan ke petugas',
};

export interface QueueTicket {
  villageName: string;
  queueNumber: string;
  createdAt: Date;
  timeZone: string;
  demo?: boolean;
}

export interface TestSlip {
  kioskName: string;
  createdAt: Date;
  timeZone: string;
}

const DEMO_LINES = ['*** CONTOH - MODE DEMO ***', 'Bukan bukti resmi.'];

/** Demo slips say so at the top and the bottom, where a cut-off half still shows it. */
function demoNotice(encoder: ReceiptPrinterEncoder, demo: boolean | undefined): void {
  if (!demo) return;
  encoder.align('center').bold(true);
  for (const line of DEMO_LINES) encoder.line(line);
  encoder.bold(false);
}

const QR_MODULE_SIZE = 6;

function encoderFor(profile: PrinterProfile): ReceiptPrinterEncoder {
  return new ReceiptPrinterEncoder({
    columns: profile.columns,
    feedBeforeCut: profile.feedBeforeCut,
    errors: 'strict',
    imageMode: 'raster',
    ...(profile.encoderModel ? { printerModel: profile.encoderModel as never } : {}),
  });
}

/** Dates on receipts: 29-11-2026 09:55 WIB (the zone's short name where known). */
export function receiptTime(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const zone = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' }[timeZone] ?? timeZone;
  return `${get('day')}-${get('month')}-${get('year')} ${get('hour')}:${get('minute')} ${zone}`;
}

/** A QR code the way the profile prints it: the printer's own, or a raster image. */
function addQr(encoder: ReceiptPrinterEncoder, profile: PrinterProfile, payload: string): void {
  if (profile.qr === 'native') {
    encoder.qrcode(payload, { model: 2, size: QR_MODULE_SIZE, errorlevel: 'm' });
    return;
  }
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const modules = qr.modules.size + 8; // 4-module quiet zone each side
  const scale = Math.max(1, Math.floor(Math.min(profile.widthDots, 320) / modules));
  // Raster width must be a multiple of 8 dots.
  const side = Math.ceil((modules * scale) / 8) * 8;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  // qrcode's matrix is read get(row, column): row is y. Swapped, every code prints mirrored.
  for (let y = 0; y < qr.modules.size; y++) {
    for (let x = 0; x < qr.modules.size; x++) {
      if (!qr.modules.get(y, x)) continue;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const px = (x + 4) * scale + dx;
          const py = (y + 4) * scale + dy;
          const i = (py * side + px) * 4;
          data[i] = data[i + 1] = data[i + 2] = 0;
        }
      }
    }
  }
  encoder.image(new ImageData(data, side, side), side, side, 'threshold');
}

function labelled(encoder: ReceiptPrinterEncoder, profile: PrinterProfile, rows: Array<[string, string]>): void {
  const labelWidth = 7;
  encoder.table(
    [
      { width: labelWidth, align: 'left' },
      { width: profile.columns - labelWidth - 1, align: 'left', overflow: 'wrap' },
    ],
    rows.map(([label, value]) => [foldForPrinter(label), foldForPrinter(value)]),
  );
}

/**
 * A requirement as a bullet: "- " then the text, continuation lines indented
 * under it. A continuation never starts with a dash (from a folded em dash),
 * which would look like another requirement: the dash stays on the line before.
 */
export function bulletLines(text: string, columns: number): string[] {
  return wrapWords(text, columns - 2).map((r, i) => `${i === 0 ? '- ' : '  '}${r}`);
}

/** Folded text in lines of at most `width` columns, broken between words (a dash keeps to the word before it). */
export function wrapWords(text: string, width: number): string[] {
  const words = foldForPrinter(text).split(/\s+/).filter(Boolean);
  const rows: string[] = [];
  let row = '';
  for (const word of words) {
    const joined = row ? `${row} ${word}` : word;
    if (joined.length <= width || row === '') {
      row = joined;
      continue;
    }
    const cut = row.lastIndexOf(' ');
    if (/^-+$/.test(word) && cut > 0) {
      // The dash goes down with the word before it.
      rows.push(row.slice(0, cut));
      row = `${row.slice(cut + 1)} ${word}`;
      continue;
    }
    rows.push(row);
    row = word;
  }
  if (row) rows.push(row);
  // A word longer than the line is cut into pieces: nothing may run past the paper.
  return rows.flatMap((r) => (r.length <= width ? [r] : (r.match(new RegExp(`.{1,${width}}`, 'g')) ?? [])));
}

export function encodeRequestReceipt(profile: PrinterProfile, receipt: RequestReceipt): Uint8Array {
  const e = encoderFor(profile);
  e.initialize();
  demoNotice(e, receipt.demo);
  e.align('center')
    .bold(true)
    .line(foldForPrinter(receipt.villageName))
    .line('BUKTI PERMOHONAN SURAT')
    .bold(false)
    .rule()
    .line('Nomor antrean')
    .size(3, 3)
    .line(foldForPrinter(receipt.queueNumber))
    .size(1, 1)
    .rule()
    .align('left');
  labelled(e, profile, [
    ['Surat', withoutLetterWord(receipt.letterName)],
    ['Nama', receipt.residentName ?? '(PIN belum diperiksa)'],
    ['NIK', receipt.maskedNik],
    ['Waktu', receiptTime(receipt.createdAt, receipt.timeZone)],
    ['Status', SYNC_LINES[receipt.syncState]],
  ]);
  if (receipt.newsViaOffice) {
    for (const line of wrapWords('Tanpa nomor HP: kabar permohonan lewat Kantor Desa.', profile.columns)) e.line(line);
  }
  e.rule();
  if (receipt.requirements.length > 0) {
    e.line('Bawa ke Kantor Desa:');
    for (const requirement of receipt.requirements) {
      for (const line of bulletLines(requirement, profile.columns)) e.line(line);
    }
    e.rule();
  }
  e.align('center');
  addQr(e, profile, receipt.reference);
  e.line(foldForPrinter(receipt.reference))
    .line('Tunjukkan bukti ini')
    .line('kepada petugas Kantor Desa.');
  demoNotice(e, receipt.demo);
  e.cut();
  return e.encode();
}

export function encodeQueueTicket(profile: PrinterProfile, ticket: QueueTicket): Uint8Array {
  const e = encoderFor(profile);
  e.initialize();
  demoNotice(e, ticket.demo);
  e.align('center')
    .bold(true)
    .line(foldForPrinter(ticket.villageName))
    .bold(false)
    .rule()
    .line('NOMOR ANTREAN')
    .size(3, 3)
    .line(foldForPrinter(ticket.queueNumber))
    .size(1, 1)
    .line(receiptTime(ticket.createdAt, ticket.timeZone))
    .rule()
    .line('Silakan tunggu panggilan petugas.');
  demoNotice(e, ticket.demo);
  e.cut();
  return e.encode();
}

export function encodeTestSlip(profile: PrinterProfile, slip: TestSlip): Uint8Array {
  const ruler = Array.from({ length: profile.columns }, (_, i) => String((i + 1) % 10)).join('');
  const e = encoderFor(profile);
  e.initialize()
    .align('center')
    .bold(true)
    .line('TES PRINTER ADM')
    .bold(false)
    .align('left')
    .line(foldForPrinter(`Kios   : ${slip.kioskName}`))
    .line(foldForPrinter(`Profil : ${profile.name}`))
    .line(`Lebar  : ${profile.widthDots} titik, ${profile.columns} kolom`)
    .line(`QR     : ${profile.qr === 'native' ? 'bawaan printer' : 'gambar'}`)
    .line(foldForPrinter(`Waktu  : ${receiptTime(slip.createdAt, slip.timeZone)}`))
    .rule()
    .line('Penggaris kolom:')
    .line(ruler)
    .line('Contoh huruf:')
    .line('ABCDEFGHIJKLMNOPQRSTUVWXYZ')
    .line('abcdefghijklmnopqrstuvwxyz')
    .line('0123456789 .,:;!?-/()@#%&*+=')
    .line(foldForPrinter('Lipat: “a” – é …'))
    .rule()
    .align('center');
  // Folded like the printed name: a scanner must read what the slip says.
  addQr(e, profile, foldForPrinter(`ADM TES ${slip.kioskName}`));
  e.line('Bila QR terbaca dan penggaris')
    .line('utuh, printer siap dipakai.')
    .cut();
  return e.encode();
}
