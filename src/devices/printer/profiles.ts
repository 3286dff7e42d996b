/**
 * Printer models as data. A profile says how wide the paper is (dots and
 * font-A columns), how to print a QR code (the printer's own `GS ( k` or a
 * raster image we draw), how far to feed before the cut, and whether the
 * firmware answers status requests at all. A technician picks the profile
 * when commissioning the printer, with a test slip.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';

export interface PrinterProfile {
  id: string;
  name: string;
  /** Printable width in dots: 384 for 58 mm, 576 for 80 mm. */
  widthDots: number;
  /** Characters per line in font A. */
  columns: number;
  /** A model the encoder knows (its code pages and quirks), if any. */
  encoderModel?: string;
  /** How QR codes print by default. */
  qr: 'native' | 'raster';
  /** The printer has its own QR codes (GS ( k, model 2): `qr: "native"` may be chosen. */
  nativeQr: boolean;
  /** Lines fed before cutting, or the last lines are cut off. */
  feedBeforeCut: number;
  /** Some cheap firmware never answers DLE EOT / GS r. */
  answersStatus: boolean;
}

export const GENERIC_58: PrinterProfile = {
  id: 'generic-58',
  name: 'Generic 58 mm (POS-58 and clones)',
  widthDots: 384,
  columns: 32,
  qr: 'native',
  nativeQr: true,
  feedBeforeCut: 4,
  answersStatus: true,
};

export const GENERIC_80: PrinterProfile = {
  id: 'generic-80',
  name: 'Generic 80 mm (POS-80 and clones)',
  widthDots: 576,
  columns: 48,
  qr: 'native',
  nativeQr: true,
  feedBeforeCut: 4,
  answersStatus: true,
};

interface EncoderCapabilities {
  fonts?: { A?: { columns?: number } };
  qrcode?: { supported?: boolean; models?: string[] };
}

/** The encoder's known ESC/POS models, as profiles. */
function encoderProfiles(): PrinterProfile[] {
  return ReceiptPrinterEncoder.printerModels.flatMap((model) => {
    const encoder = new ReceiptPrinterEncoder({ printerModel: model.id as never });
    if (encoder.language !== 'esc-pos') return [];
    const capabilities = encoder.printerCapabilities as EncoderCapabilities;
    const columns = capabilities.fonts?.A?.columns ?? 48;
    // We print model 2 codes; a printer without them gets a raster image.
    const nativeQr = capabilities.qrcode?.supported === true && capabilities.qrcode.models?.includes('2') === true;
    return [
      {
        id: model.id,
        name: model.name.trim(), // the encoder's list has " POS-5890", " MPT-II"
        widthDots: rasterWidth(columns),
        columns,
        encoderModel: model.id,
        qr: nativeQr ? 'native' : 'raster',
        nativeQr,
        feedBeforeCut: 4,
        answersStatus: true,
      } satisfies PrinterProfile,
    ];
  });
}

/**
 * Printable dots for a font-A column count: 58 mm is 384 at 203 dpi; 180 dpi
 * Epsons (TM-T88 family) print 42 columns on 512 dots; other 80 mm printers 576.
 */
function rasterWidth(columns: number): number {
  if (columns <= 32) return 384;
  return columns === 42 ? 512 : 576;
}

let all: PrinterProfile[] | null = null;

export function printerProfiles(): PrinterProfile[] {
  all ??= [GENERIC_58, GENERIC_80, ...encoderProfiles()];
  return all;
}

export function findProfile(id: string): PrinterProfile | null {
  return printerProfiles().find((p) => p.id === id) ?? null;
}
