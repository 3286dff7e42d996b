/** Helpers to assert on what a printer would print (through the interpreter). */
import jsQR from 'jsqr';
import { interpretEscPos, type InterpretedJob, type PrintedImage, type PrintedLine } from '../../../src/devices/printer/escpos-interpreter';

export function lines(job: InterpretedJob): PrintedLine[] {
  return job.items.flatMap((item) => (item.kind === 'line' ? [item.line] : []));
}

/** Centred on paper of `columns`: by the printer (ESC a) or by the encoder's padding. */
export function isCentred(line: PrintedLine, columns: number): boolean {
  if (line.align === 'center') return true;
  const left = line.text.length - line.text.trimStart().length;
  const right = columns - line.columnsUsed;
  return Math.abs(left - right) <= Math.max(1, line.width);
}

export function texts(job: InterpretedJob): string[] {
  return lines(job).map((l) => l.text.trim());
}

/** Decodes a raster image with a pure JS QR reader, as a phone camera would. */
export function readQrImage(image: PrintedImage): string | null {
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  image.dots.forEach((black, i) => {
    const v = black ? 0 : 255;
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  });
  return jsQR(rgba, image.width, image.height)?.data ?? null;
}

/** Every QR payload on the receipt: stored data for native codes, decoded pixels for images. */
export function qrPayloads(job: InterpretedJob): string[] {
  return job.items.flatMap((item) => {
    if (item.kind === 'qr') return [item.data];
    if (item.kind === 'image') {
      const data = readQrImage(item.image);
      return data === null ? [] : [data];
    }
    return [];
  });
}

export { interpretEscPos };
