/** Helpers to assert on what a printer would print (through the interpreter). */
import jsQR from 'jsqr';
import QRCode from 'qrcode';
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

/**
 * Decodes a raster image as a scanner would, strictly: jsQR (like ZBar) also
 * reads a mirrored or transposed symbol, which many counter scanners do not,
 * so a payload it finds counts only if the image is that payload's QR matrix
 * module by module in reading orientation (module row r drawn at y = r).
 */
export function readQrImage(image: PrintedImage): string | null {
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  image.dots.forEach((black, i) => {
    const v = black ? 0 : 255;
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  });
  const data = jsQR(rgba, image.width, image.height)?.data ?? null;
  if (data === null) return null;
  const mismatch = moduleMismatch(image, data);
  if (mismatch !== null) throw new Error(`the printed QR code is not "${data}" as a scanner reads it: ${mismatch}`);
  return data;
}

/** Where the image differs from the QR matrix of `payload` (error level M, as printed), or null. */
export function moduleMismatch(image: PrintedImage, payload: string): string | null {
  const modules = QRCode.create(payload, { errorCorrectionLevel: 'M' }).modules;
  const dot = (x: number, y: number) => image.dots[y * image.width + x] === true;
  // The top-left finder pattern starts at the first black dot; its top edge is 7 modules wide.
  const first = image.dots.indexOf(true);
  if (first < 0) return 'no black dot';
  const x0 = first % image.width;
  const y0 = Math.floor(first / image.width);
  let run = 0;
  while (x0 + run < image.width && dot(x0 + run, y0)) run += 1;
  if (run % 7 !== 0) return `finder pattern ${run} dots wide, not a multiple of 7`;
  const scale = run / 7;
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      const expected = modules.get(row, col) === 1;
      const x = x0 + col * scale + Math.floor(scale / 2);
      const y = y0 + row * scale + Math.floor(scale / 2);
      if (dot(x, y) !== expected) return `module row ${row}, column ${col} is ${expected ? 'white' : 'black'}`;
    }
  }
  return null;
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
