/**
 * Reads back the ESC/POS bytes ADM sends and says what a printer would do
 * with them: lines of text with their alignment and size, QR codes (the data
 * stored with `GS ( k`), raster images, cuts and status requests. It knows
 * only the commands our templates use; anything else is an error, so a test
 * fails the moment we emit something unexpected. Used by the tests and by
 * the virtual printer's text rendering.
 */

export type Alignment = 'left' | 'center' | 'right';

export interface PrintedLine {
  /** As printed, including the spaces the encoder pads with to centre or right-align. */
  text: string;
  /** The printer's own alignment (ESC a); text lines are usually padded with spaces instead. */
  align: Alignment;
  /** Largest character width and height multipliers (1-8) used in the line. */
  width: number;
  height: number;
  bold: boolean;
  /** Columns of the paper the line takes (wide characters count for several). */
  columnsUsed: number;
}

export interface PrintedImage {
  /** Width in dots (a multiple of 8) and height in dots. */
  width: number;
  height: number;
  /** Row-major, true = black. */
  dots: boolean[];
}

export type PrintedItem =
  | { kind: 'line'; line: PrintedLine }
  | { kind: 'qr'; data: string; moduleSize: number; errorLevel: string; align: Alignment }
  | { kind: 'image'; image: PrintedImage; align: Alignment }
  | { kind: 'cut'; feedLines: number };

export interface InterpretedJob {
  items: PrintedItem[];
  initialised: boolean;
  statusRequests: number[];
  completionMarker: boolean;
}

export class UnknownCommandError extends Error {}

export function interpretEscPos(bytes: Uint8Array): InterpretedJob {
  const job: InterpretedJob = { items: [], initialised: false, statusRequests: [], completionMarker: false };
  let align: Alignment = 'left';
  let width = 1;
  let height = 1;
  let bold = false;
  let text: number[] = [];
  let lineWidth = 1;
  let lineHeight = 1;
  let columnsUsed = 0;
  let lineBold = false;
  let qrData = '';
  let qrModule = 3;
  let qrLevel = 'L';
  let blankFeeds = 0;
  let i = 0;

  const need = (count: number, what: string): void => {
    if (i + count > bytes.length) throw new UnknownCommandError(`truncated ${what} at byte ${i}`);
  };
  const pushChar = (byte: number): void => {
    text.push(byte);
    columnsUsed += width;
    if (byte !== 0x20) {
      lineWidth = Math.max(lineWidth, width);
      lineHeight = Math.max(lineHeight, height);
      lineBold ||= bold;
    }
  };
  const flushLine = (): void => {
    const line = String.fromCharCode(...text);
    const used = columnsUsed - (line.length - line.trimEnd().length);
    const printed: PrintedLine = { text: line.trimEnd(), align, width: lineWidth, height: lineHeight, bold: lineBold, columnsUsed: used };
    text = [];
    columnsUsed = 0;
    lineWidth = lineHeight = 1;
    lineBold = false;
    if (line.trim() === '') {
      blankFeeds += 1;
      return;
    }
    blankFeeds = 0;
    job.items.push({ kind: 'line', line: printed });
  };

  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      flushLine();
      i += 1;
    } else if (b === 0x0d) {
      i += 1;
    } else if (b >= 0x20 && b <= 0x7e) {
      pushChar(b);
      i += 1;
    } else if (b === 0xc4 || b === 0xcd) {
      // Code page 437 box drawing, used by rules (single and double). Any other
      // byte above 0x7E means text that was not folded to ASCII: an error.
      pushChar(b === 0xc4 ? 0x2d : 0x3d);
      i += 1;
    } else if (b === 0x1b) {
      need(2, 'ESC');
      const c = bytes[i + 1]!;
      if (c === 0x40) {
        job.initialised = true;
        align = 'left';
        width = height = 1;
        bold = false;
        i += 2;
      } else if (c === 0x61) {
        need(3, 'ESC a');
        align = (['left', 'center', 'right'] as const)[bytes[i + 2]! % 48] ?? 'left';
        i += 3;
      } else if (c === 0x45) {
        need(3, 'ESC E');
        bold = bytes[i + 2] === 1;
        i += 3;
      } else if (c === 0x4d || c === 0x74 || c === 0x2d || c === 0x32 || c === 0x33 || c === 0x21) {
        // font, code page, underline, line spacing, print mode: no effect on what we assert
        i += c === 0x32 ? 2 : 3;
      } else if (c === 0x64) {
        need(3, 'ESC d');
        blankFeeds += bytes[i + 2]!;
        i += 3;
      } else {
        throw new UnknownCommandError(`unknown command ESC 0x${c.toString(16)} at byte ${i}`);
      }
    } else if (b === 0x1c) {
      need(2, 'FS');
      if (bytes[i + 1] !== 0x2e) throw new UnknownCommandError(`unknown command FS 0x${bytes[i + 1]!.toString(16)} at byte ${i}`);
      i += 2; // FS . : leave Chinese double-byte mode
    } else if (b === 0x1d) {
      need(2, 'GS');
      const c = bytes[i + 1]!;
      if (c === 0x21) {
        need(3, 'GS !');
        const n = bytes[i + 2]!;
        width = (n >> 4) + 1;
        height = (n & 0x0f) + 1;
        i += 3;
      } else if (c === 0x42) {
        i += 3; // GS B: reverse colours
      } else if (c === 0x28 && bytes[i + 2] === 0x6b) {
        need(5, 'GS ( k');
        const length = bytes[i + 3]! + bytes[i + 4]! * 256;
        need(5 + length, 'GS ( k');
        const body = bytes.subarray(i + 5, i + 5 + length);
        const [cn, fn] = [body[0], body[1]];
        if (cn !== 0x31) throw new UnknownCommandError(`GS ( k for symbol ${cn} at byte ${i}`);
        if (fn === 0x43) qrModule = body[2]!;
        else if (fn === 0x45) qrLevel = ({ 48: 'L', 49: 'M', 50: 'Q', 51: 'H' } as Record<number, string>)[body[2]!] ?? '?';
        else if (fn === 0x50) qrData = String.fromCharCode(...body.subarray(3));
        else if (fn === 0x51) job.items.push({ kind: 'qr', data: qrData, moduleSize: qrModule, errorLevel: qrLevel, align });
        else if (fn !== 0x41) throw new UnknownCommandError(`GS ( k function 0x${fn?.toString(16)} at byte ${i}`);
        i += 5 + length;
      } else if (c === 0x76 && bytes[i + 2] === 0x30) {
        need(8, 'GS v 0');
        const widthBytes = bytes[i + 4]! + bytes[i + 5]! * 256;
        const rows = bytes[i + 6]! + bytes[i + 7]! * 256;
        need(8 + widthBytes * rows, 'GS v 0 data');
        const dots: boolean[] = [];
        for (let y = 0; y < rows; y++) {
          for (let x = 0; x < widthBytes * 8; x++) {
            const byte = bytes[i + 8 + y * widthBytes + (x >> 3)]!;
            dots.push((byte & (0x80 >> (x & 7))) !== 0);
          }
        }
        const last = job.items.at(-1);
        // The encoder may send one image as several raster bands: join them.
        if (last?.kind === 'image' && last.image.width === widthBytes * 8 && text.length === 0 && blankFeeds === 0) {
          last.image.dots.push(...dots);
          last.image.height += rows;
        } else {
          job.items.push({ kind: 'image', image: { width: widthBytes * 8, height: rows, dots }, align });
        }
        i += 8 + widthBytes * rows;
      } else if (c === 0x56) {
        need(3, 'GS V');
        const mode = bytes[i + 2]!;
        if (mode === 0x41 || mode === 0x42) {
          need(4, 'GS V m n');
          blankFeeds += bytes[i + 3]!;
          i += 4;
        } else {
          i += 3;
        }
        if (text.length > 0) flushLine();
        job.items.push({ kind: 'cut', feedLines: blankFeeds });
        blankFeeds = 0;
      } else if (c === 0x72) {
        need(3, 'GS r');
        job.completionMarker = true;
        i += 3;
      } else if (c === 0x4c || c === 0x57) {
        i += 4; // GS L / GS W: margins and printable width
      } else {
        throw new UnknownCommandError(`unknown command GS 0x${c.toString(16)} at byte ${i}`);
      }
    } else if (b === 0x10 && bytes[i + 1] === 0x04) {
      need(3, 'DLE EOT');
      job.statusRequests.push(bytes[i + 2]!);
      i += 3;
    } else {
      throw new UnknownCommandError(`unknown byte 0x${b.toString(16)} at byte ${i}`);
    }
  }
  if (text.length > 0) flushLine();
  return job;
}

/** The receipt as plain text, aligned within `columns` (for previews and tests). */
export function renderJobText(job: InterpretedJob, columns: number): string {
  const out: string[] = [];
  for (const item of job.items) {
    if (item.kind === 'line') {
      const { text, align, width } = item.line;
      // Wide characters take `width` columns each: spread them out after the padding.
      const padding = text.length - text.trimStart().length;
      const shown = width > 1 ? ' '.repeat(padding) + text.trim().split('').join(' '.repeat(width - 1)) : text;
      const free = Math.max(0, columns - item.line.columnsUsed);
      const pad = align === 'center' ? Math.floor(free / 2) : align === 'right' ? free : 0;
      out.push(' '.repeat(pad) + shown);
    } else if (item.kind === 'qr') {
      out.push(centre(`[QR: ${item.data}]`, columns));
    } else if (item.kind === 'image') {
      out.push(centre(`[gambar ${item.image.width}x${item.image.height} titik]`, columns));
    } else {
      out.push('-'.repeat(Math.max(0, columns - 10)) + ' potong --');
    }
  }
  return `${out.join('\n')}\n`;
}

function centre(text: string, columns: number): string {
  return ' '.repeat(Math.max(0, Math.floor((columns - text.length) / 2))) + text;
}
