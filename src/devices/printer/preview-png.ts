/**
 * A picture of a slip, for the virtual printer: text in a monospace font at
 * the printer's own scale (font A is 12x24 dots), raster images dot for dot,
 * QR codes drawn from their data, cuts as a dashed line. Approximate, but it
 * shows a technician the layout without paper.
 */
import { createWriteStream, existsSync } from 'node:fs';
import path from 'node:path';
import * as PImage from 'pureimage';
import QRCode from 'qrcode';
import type { InterpretedJob } from './escpos-interpreter';

const CHAR_W = 12;
const CHAR_H = 24;
const FAMILY = 'ADM Mono';
let registered: string | null = null;

/** The bundled font, wherever the app runs from (sources, dist/, or a package). */
export function findPreviewFont(): string | null {
  const bases = [
    process.cwd(),
    typeof __dirname === 'undefined' ? null : path.join(__dirname, '..', '..'),
    (process as { resourcesPath?: string }).resourcesPath ?? null,
  ].filter((b): b is string => b !== null);
  for (const base of bases) {
    for (const candidate of [path.join(base, 'resources', 'fonts', 'DejaVuSansMono.ttf'), path.join(base, 'fonts', 'DejaVuSansMono.ttf')]) {
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

export async function writeJobPng(job: InterpretedJob, widthDots: number, file: string, fontFile: string): Promise<void> {
  if (registered !== fontFile) {
    PImage.registerFont(fontFile, FAMILY).loadSync();
    registered = fontFile;
  }
  const qrs = new Map<number, { size: number; get(x: number, y: number): number | boolean }>();
  let height = 16;
  job.items.forEach((item, index) => {
    if (item.kind === 'line') height += CHAR_H * item.line.height + 4;
    else if (item.kind === 'image') height += item.image.height + 8;
    else if (item.kind === 'qr') {
      const modules = QRCode.create(item.data, { errorCorrectionLevel: (item.errorLevel as 'L' | 'M' | 'Q' | 'H') || 'M' }).modules;
      qrs.set(index, modules);
      height += modules.size * item.moduleSize + 16;
    } else height += 32;
  });

  const image = PImage.make(widthDots, height);
  const ctx = image.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, widthDots, height);
  ctx.fillStyle = '#000000';
  let y = 8;
  job.items.forEach((item, index) => {
    if (item.kind === 'line') {
      const { text, width, height: h, bold } = item.line;
      ctx.font = `${Math.round(CHAR_H * 0.9 * h)}px '${FAMILY}'`;
      const padding = text.length - text.trimStart().length;
      let x = padding * CHAR_W;
      for (const ch of text.trimStart()) {
        ctx.fillText(ch, x, y + CHAR_H * h - 5 * h);
        // Emphasised print as a printer makes it: the same dots once more, one dot to the right.
        if (bold) ctx.fillText(ch, x + 1, y + CHAR_H * h - 5 * h);
        x += CHAR_W * width;
      }
      y += CHAR_H * h + 4;
    } else if (item.kind === 'image') {
      const left = item.align === 'center' ? Math.floor((widthDots - item.image.width) / 2) : 0;
      for (let row = 0; row < item.image.height; row++) {
        for (let col = 0; col < item.image.width; col++) {
          if (item.image.dots[row * item.image.width + col]) ctx.fillRect(left + col, y + row, 1, 1);
        }
      }
      y += item.image.height + 8;
    } else if (item.kind === 'qr') {
      const modules = qrs.get(index)!;
      const side = modules.size * item.moduleSize;
      const left = item.align === 'center' ? Math.floor((widthDots - side) / 2) : 0;
      for (let my = 0; my < modules.size; my++) {
        for (let mx = 0; mx < modules.size; mx++) {
          // get(row, column): row is y.
          if (modules.get(my, mx)) ctx.fillRect(left + mx * item.moduleSize, y + 8 + my * item.moduleSize, item.moduleSize, item.moduleSize);
        }
      }
      y += side + 16;
    } else {
      for (let x = 0; x < widthDots; x += 16) ctx.fillRect(x, y + 14, 8, 2);
      y += 32;
    }
  });
  await PImage.encodePNGToStream(image, createWriteStream(file));
}
