import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPrinterDriver } from '../../../src/devices/printer/driver';
import { GENERIC_58 } from '../../../src/devices/printer/profiles';
import { encodeQueueTicket } from '../../../src/devices/printer/templates';
import { virtualTransport, writeVirtualState } from '../../../src/devices/printer/transports/virtual';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const ticket = encodeQueueTicket(GENERIC_58, { villageName: 'Desa Sukamaju', queueNumber: 'A-009', createdAt: new Date(), timeZone: 'Asia/Jakarta' });

function driver(folder: string) {
  return createPrinterDriver(virtualTransport(folder, 32), GENERIC_58, { statusMs: 100, completionMs: 100 });
}

describe('virtual printer', () => {
  it('writes each job as raw bytes and a text rendering, and confirms it', async () => {
    const folder = tempDir();
    expect(await driver(folder).print(ticket)).toEqual({ kind: 'printed', status: 'ready' });
    const files = readdirSync(folder).sort();
    expect(files.filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    const text = readFileSync(path.join(folder, files.find((f) => f.endsWith('.txt'))!), 'utf8');
    expect(text).toContain('NOMOR ANTREAN');
    expect(text).toMatch(/A +- +0 +0 +9/);
    expect(text).toContain('potong');
    // A PNG preview at the paper's width (384 dots for 58 mm).
    const png = readFileSync(path.join(folder, files.find((f) => f.endsWith('.png'))!));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(384);
    expect(png.readUInt32BE(20)).toBeGreaterThan(200);
  });

  it('answers status from state.json: paper out prints nothing', async () => {
    const folder = tempDir();
    writeVirtualState(folder, 'paper-out');
    expect(await driver(folder).status()).toBe('paper-out');
    expect(await driver(folder).print(ticket)).toMatchObject({ kind: 'not-printed', status: 'paper-out' });
    expect(readdirSync(folder).filter((f) => f.endsWith('.bin'))).toHaveLength(0);
    writeVirtualState(folder, 'ready');
    expect(await driver(folder).print(ticket)).toEqual({ kind: 'printed', status: 'ready' });
  });

  it('a printer that never answers prints, unconfirmed', async () => {
    const folder = tempDir();
    writeVirtualState(folder, 'unknown');
    expect(await driver(folder).print(ticket)).toEqual({ kind: 'sent-unconfirmed' });
    expect(readdirSync(folder).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
  });
});
