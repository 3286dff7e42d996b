import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPrinterDriver } from '../../../../src/devices/printer/driver';
import { GENERIC_58 } from '../../../../src/devices/printer/profiles';
import { encodeQueueTicket } from '../../../../src/devices/printer/templates';
import { usbLpTransport } from '../../../../src/devices/printer/transports/usb-lp';
import { useTempDirs } from '../../../helpers/temp-dir';

const tempDir = useTempDirs();
const ticket = encodeQueueTicket(GENERIC_58, { villageName: 'Desa Sukamaju', queueNumber: 'A-003', createdAt: new Date(), timeZone: 'Asia/Jakarta' });
const QUICK = { statusMs: 50, completionMs: 50 };

function keyFile(): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'keys'));
  const file = path.join(dir, 'keys', 'card-hint.key');
  writeFileSync(file, Buffer.alloc(32, 7), { mode: 0o600 });
  return file;
}

function inTemp(make: (file: string) => void, name = 'lp0'): string {
  const file = path.join(tempDir(), name);
  make(file);
  return file;
}

// `printer.transport: usb` with a `devicePath` that is no printer: nothing is written there.
const NOT_PRINTERS: Array<[string, () => string, RegExp]> = [
  ['the kiosk\'s card-hint key', keyFile, /adalah berkas biasa$/],
  ['a directory', () => tempDir(), /adalah folder$/],
  ['a link to the key file', () => inTemp((link) => symlinkSync(keyFile(), link), 'adm-printer'), /adalah tautan ke luar \/dev$/],
  ['a FIFO', () => inTemp((file) => execFileSync('mkfifo', [file])), /adalah pipa \(FIFO\)$/],
];

describe('USB printer-class transport', () => {
  it.each(NOT_PRINTERS)('refuses %s: status error, with the reason, and the path untouched', async (_name, make, reason) => {
    const devicePath = make();
    const before = statSync(devicePath).isFile() ? readFileSync(devicePath) : null;
    const driver = createPrinterDriver(usbLpTransport(devicePath), GENERIC_58, QUICK);
    const printed = await driver.print(ticket);
    expect(printed).toMatchObject({ kind: 'not-printed', status: 'error' });
    expect(printed.kind === 'not-printed' && printed.reason).toMatch(new RegExp(`^bukan perangkat printer: ${devicePath.replaceAll(/[/.]/g, '\\$&')} `));
    expect(printed.kind === 'not-printed' && printed.reason).toMatch(reason);
    expect(await driver.status()).toBe('error');
    if (before) expect(readFileSync(devicePath)).toEqual(before);
  });

  it('writes to a character device (a printer that never answers: sent, unconfirmed)', async () => {
    const driver = createPrinterDriver(usbLpTransport('/dev/null'), GENERIC_58, QUICK);
    expect(await driver.print(ticket)).toEqual({ kind: 'sent-unconfirmed' });
  });

  it('is offline while the printer is unplugged (its udev link is gone)', async () => {
    const driver = createPrinterDriver(usbLpTransport(path.join(tempDir(), 'adm-printer')), GENERIC_58, QUICK);
    expect(await driver.status()).toBe('offline');
  });
});
