import { createReadStream } from 'node:fs';
import path from 'node:path';
import * as PImage from 'pureimage';
import { describe, expect, it } from 'vitest';
import { findPreviewFont, writeJobPng } from '../../../src/devices/printer/preview-png';
import { useTempDirs } from '../../helpers/temp-dir';
import { moduleMismatch } from './print-assertions';

const tempDir = useTempDirs();

describe('slip preview (PNG)', () => {
  it('draws a native QR code in reading orientation, module by module', async () => {
    const font = findPreviewFont();
    expect(font).not.toBeNull();
    const file = path.join(tempDir(), 'slip.png');
    const payload = 'ADM01-261129-7KQ3M';
    await writeJobPng(
      { items: [{ kind: 'qr', data: payload, moduleSize: 4, errorLevel: 'M', align: 'left' }], initialised: true, statusRequests: [], completionMarker: false },
      384,
      file,
      font!,
    );
    const bitmap = await PImage.decodePNGFromStream(createReadStream(file));
    const dots: boolean[] = [];
    for (let y = 0; y < bitmap.height; y++) {
      for (let x = 0; x < bitmap.width; x++) dots.push((bitmap.getPixelRGBA(x, y) >>> 8 & 0xff) < 128);
    }
    expect(moduleMismatch({ width: bitmap.width, height: bitmap.height, dots }, payload)).toBeNull();
  });

  it('draws bold lines bolder', async () => {
    const font = findPreviewFont()!;
    const blackDots = async (bold: boolean) => {
      const file = path.join(tempDir(), `line-${bold}.png`);
      const line = { text: 'BUKTI PERMOHONAN SURAT', align: 'left' as const, width: 1, height: 1, bold, columnsUsed: 22 };
      await writeJobPng({ items: [{ kind: 'line', line }], initialised: true, statusRequests: [], completionMarker: false }, 384, file, font);
      const bitmap = await PImage.decodePNGFromStream(createReadStream(file));
      let black = 0;
      for (let y = 0; y < bitmap.height; y++) for (let x = 0; x < bitmap.width; x++) if (((bitmap.getPixelRGBA(x, y) >>> 8) & 0xff) < 128) black += 1;
      return black;
    };
    const regular = await blackDots(false);
    expect(regular).toBeGreaterThan(0);
    expect(await blackDots(true)).toBeGreaterThan(regular * 1.2);
  });
});
