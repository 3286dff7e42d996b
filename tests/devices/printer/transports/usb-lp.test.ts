import { execFileSync } from 'node:child_process';
import { constants, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPrinterDriver } from '../../../../src/devices/printer/driver';
import { GENERIC_58 } from '../../../../src/devices/printer/profiles';
import { encodeQueueTicket } from '../../../../src/devices/printer/templates';
import type { PrinterTransport } from '../../../../src/devices/printer/transports/connection';
import { pollingConnection, usbLpTransport } from '../../../../src/devices/printer/transports/usb-lp';
import { useTempDirs } from '../../../helpers/temp-dir';

const tempDir = useTempDirs();
const ticket = encodeQueueTicket(GENERIC_58, { villageName: 'Desa Sukamaju', queueNumber: 'A-003', createdAt: new Date(), timeZone: 'Asia/Jakarta' });
const QUICK = { statusMs: 50, completionMs: 50 };
const NON_BLOCKING = constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK;

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

const TERMINAL = /adalah port serial\/terminal: pilih sambungan 'serial'$/;
const OTHER_DEVICE = /adalah perangkat lain, bukan printer USB \(\/dev\/usb\/lp\*\) atau paralel \(\/dev\/lp\*\)$/;

// `printer.transport: usb` with a `devicePath` that is no printer: nothing is written there.
const NOT_PRINTERS: Array<[string, () => string, RegExp]> = [
  ['the kiosk\'s card-hint key', keyFile, /adalah berkas biasa$/],
  ['a directory', () => tempDir(), /adalah folder$/],
  ['a link to the key file', () => inTemp((link) => symlinkSync(keyFile(), link), 'adm-printer'), /adalah tautan ke luar \/dev$/],
  ['a FIFO', () => inTemp((file) => execFileSync('mkfifo', [file])), /adalah pipa \(FIFO\)$/],
  // A terminal, as /dev/ttyUSB0 (a serial printer) or /dev/console would be: its echo once read as "printed", its silence hung printing.
  ['a terminal (/dev/ptmx, a pty anyone may open)', () => '/dev/ptmx', TERMINAL],
  ['a link into /dev to a terminal', () => inTemp((link) => symlinkSync('/dev/ptmx', link), 'adm-printer'), TERMINAL],
  ['/dev/zero, whose zeros once read as "printed"', () => '/dev/zero', OTHER_DEVICE],
  ['/dev/null', () => '/dev/null', OTHER_DEVICE],
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

  it('is offline while the printer is unplugged (its udev link is gone)', async () => {
    const driver = createPrinterDriver(usbLpTransport(path.join(tempDir(), 'adm-printer')), GENERIC_58, QUICK);
    expect(await driver.status()).toBe('offline');
  });
});

/** The usb transport's connection over any device opened without blocking, as it opens a printer port. */
function deviceTransport(devicePath: string, timing = { pollMs: 5, writeStallMs: 30_000 }): PrinterTransport {
  return { description: devicePath, open: async () => pollingConnection(await open(devicePath, NON_BLOCKING), timing) };
}

describe('the usb transport\'s connection: no read or write can hang', () => {
  it('a device that never answers: each status read times out, and closing waits for nothing', async () => {
    // More rounds than libuv has pool threads: a read left pending would hold one each, and close would wait for it.
    for (let round = 0; round < 6; round++) {
      const connection = await deviceTransport('/dev/ptmx').open();
      expect(await connection.read(1, 20)).toBeNull();
      await connection.close();
    }
    expect((await readFile('/dev/null')).length).toBe(0); // the pool still answers file work
  });

  it('the driver over such a device: status unknown, the job sent, never "printed", and every job returns', async () => {
    const driver = createPrinterDriver(deviceTransport('/dev/ptmx'), GENERIC_58, QUICK);
    for (let job = 0; job < 6; job++) expect(await driver.print(ticket)).toEqual({ kind: 'sent-unconfirmed' });
    expect(await driver.status()).toBe('unknown');
  });

  it.each([
    ['/dev/zero (every reply a zero byte)', '/dev/zero'],
    ['/dev/null (nothing to read, ever)', '/dev/null'],
  ])('%s: never reported printed', async (_name, devicePath) => {
    const driver = createPrinterDriver(deviceTransport(devicePath), GENERIC_58, QUICK);
    expect(await driver.print(ticket)).toEqual({ kind: 'sent-unconfirmed' });
    expect(await driver.status()).toBe('unknown');
  });

  it('reads a reply that arrives while it waits', async () => {
    // A FIFO opened read-write is its own far end: what the "printer" writes, the connection reads.
    const fifo = inTemp((file) => execFileSync('mkfifo', [file]));
    const connection = await deviceTransport(fifo).open();
    const printer: FileHandle = await open(fifo, NON_BLOCKING);
    try {
      const reply = connection.read(2, 5_000);
      await printer.write(Uint8Array.of(0x12));
      await printer.write(Uint8Array.of(0x16));
      expect([...((await reply) ?? [])]).toEqual([0x12, 0x16]);
    } finally {
      await printer.close();
      await connection.close();
    }
  });

  it('a device that takes no more data: the write gives up after the stall time, and the job is interrupted, not hung', async () => {
    // Nobody reads this FIFO: its buffer (64 KiB) fills, and every further write would block.
    const fifo = inTemp((file) => execFileSync('mkfifo', [file]));
    const stalled = deviceTransport(fifo, { pollMs: 5, writeStallMs: 100 });
    const connection = await stalled.open();
    await expect(connection.write(Buffer.alloc(1024 * 1024))).rejects.toThrow(/^the printer took no data for 0.1 s$/);
    await connection.close();
    const driver = createPrinterDriver(stalled, { ...GENERIC_58, answersStatus: false }, QUICK);
    expect(await driver.print(Buffer.alloc(1024 * 1024, 0x41))).toMatchObject({ kind: 'interrupted', reason: 'the printer took no data for 0.1 s' });
  });
});
