import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  describeNotAPrinterPort,
  describeNotADevice,
  ensureCharacterDevice,
  linuxMajor,
  linuxMinor,
  NotADeviceError,
  openCharacterDevice,
  openPrinterPort,
  printerPortProblem,
} from '../../src/devices/character-device';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A data directory with its card-hint key, as a kiosk in service has it. */
function keyFile(): { file: string; bytes: Buffer; mtimeMs: number } {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'keys'));
  const file = path.join(dir, 'keys', 'card-hint.key');
  writeFileSync(file, Buffer.alloc(32, 7), { mode: 0o600 });
  return { file, bytes: readFileSync(file), mtimeMs: statSync(file).mtimeMs };
}

async function listeningSocket(): Promise<string> {
  const socket = path.join(tempDir(), 'printer.sock');
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return socket;
}

// What a careless or hostile `printer.devicePath` can name: never opened for a device's use, and left as it was.
const NOT_DEVICES: Array<[string, () => Promise<string> | string, string]> = [
  ['the kiosk\'s own key file', () => keyFile().file, 'berkas biasa'],
  ['a directory', () => tempDir(), 'folder'],
  ['a link to a regular file', () => linkTo(keyFile().file), 'tautan ke luar /dev'],
  ['a link to a directory', () => linkTo(tempDir()), 'tautan ke luar /dev'],
  ['a FIFO', () => fifo(), 'pipa (FIFO)'],
  ['a socket', () => listeningSocket(), 'soket'],
];

function linkTo(target: string): string {
  const link = path.join(tempDir(), 'adm-printer');
  symlinkSync(target, link);
  return link;
}

function fifo(): string {
  const file = path.join(tempDir(), 'lp0');
  execFileSync('mkfifo', [file]);
  return file;
}

describe('character devices only', () => {
  it.each(NOT_DEVICES)('refuses %s, saying what it is', async (_name, make, words) => {
    const devicePath = await make();
    const refusal = new RegExp(`^bukan perangkat printer: ${devicePath.replaceAll(/[/.]/g, '\\$&')} adalah ${words.replace(/[()]/g, '\\$&')}$`);
    await expect(openCharacterDevice(devicePath, 'printer')).rejects.toThrow(refusal);
    await expect(openCharacterDevice(devicePath, 'printer')).rejects.toBeInstanceOf(NotADeviceError);
    await expect(ensureCharacterDevice(devicePath, 'printer')).rejects.toThrow(refusal);
  });

  it('leaves a regular file exactly as it was, through a link too', async () => {
    const key = keyFile();
    await expect(openCharacterDevice(key.file, 'printer')).rejects.toThrow(NotADeviceError);
    await expect(openCharacterDevice(linkTo(key.file), 'printer')).rejects.toThrow(NotADeviceError);
    expect(readFileSync(key.file)).toEqual(key.bytes);
    expect(statSync(key.file).mtimeMs).toBe(key.mtimeMs);
  });

  it.each([['/dev/null'], ['/dev/zero']])('opens a character device: %s', async (device) => {
    const handle = await openCharacterDevice(device, 'printer');
    await handle.write(Buffer.from('\x1b@'));
    await handle.close();
    await ensureCharacterDevice(device, 'scanner');
  });

  it('follows a link into /dev, as the udev rules make /dev/adm-printer', async () => {
    const handle = await openCharacterDevice(linkTo('/dev/null'), 'printer');
    await handle.close();
  });

  it('a path that is not there is a printer away, not a wrong setting', async () => {
    const missing = path.join(tempDir(), 'lp9');
    await expect(openCharacterDevice(missing, 'printer')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(describeNotADevice(missing)).toBeNull();
  });

  it('names the role in the refusal', async () => {
    await expect(ensureCharacterDevice(keyFile().file, 'scanner')).rejects.toThrow(/^bukan perangkat pemindai: .* adalah berkas biasa$/);
  });

  it('tells the admin settings what a path is without opening it', async () => {
    expect(describeNotADevice(keyFile().file)).toBe('a regular file');
    expect(describeNotADevice(tempDir())).toBe('a directory');
    expect(describeNotADevice(fifo())).toBe('a FIFO');
    expect(describeNotADevice('/dev/null')).toBeNull();
  });
});

/** A Linux device number as glibc's makedev builds it. */
const makedev = (major: number, minor: number) => (major & 0xfff) * 2 ** 8 + (major - (major & 0xfff)) * 2 ** 32 + (minor & 0xff) + (minor - (minor & 0xff)) * 2 ** 12;

describe('printer ports (the usb transport)', () => {
  it.each([
    ['/dev/usb/lp0 (usblp)', { terminal: false, rdev: makedev(180, 0), platform: 'linux' }, null],
    ['/dev/usb/lp15', { terminal: false, rdev: makedev(180, 15), platform: 'linux' }, null],
    ['/dev/lp0 (parallel port)', { terminal: false, rdev: makedev(6, 0), platform: 'linux' }, null],
    ['/dev/ttyUSB0 (a serial adapter)', { terminal: true, rdev: makedev(188, 0), platform: 'linux' }, 'a terminal'],
    ['/dev/ttyACM0 (a USB-CDC printer)', { terminal: true, rdev: makedev(166, 0), platform: 'linux' }, 'a terminal'],
    ['/dev/pts/3 (a pty)', { terminal: true, rdev: makedev(136, 3), platform: 'linux' }, 'a terminal'],
    ['/dev/console', { terminal: true, rdev: makedev(5, 1), platform: 'linux' }, 'a terminal'],
    ['/dev/null', { terminal: false, rdev: makedev(1, 3), platform: 'linux' }, 'not a printer port'],
    ['/dev/zero', { terminal: false, rdev: makedev(1, 5), platform: 'linux' }, 'not a printer port'],
    ['/dev/hidraw0', { terminal: false, rdev: makedev(240, 0), platform: 'linux' }, 'not a printer port'],
    ['a device numbered above 4095', { terminal: false, rdev: makedev(180 + 4096, 0), platform: 'linux' }, 'not a printer port'],
    ['a USB-class device that is no printer (hiddev, minor 96)', { terminal: false, rdev: makedev(180, 96), platform: 'linux' }, 'not a printer port'],
    ['a USB-class device with a large minor', { terminal: false, rdev: makedev(180, 300), platform: 'linux' }, 'not a printer port'],
    ['a macOS serial port', { terminal: true, rdev: 0x11000003, platform: 'darwin' }, 'a terminal'],
    ['another macOS character device (no usblp there: left to the printer)', { terminal: false, rdev: 0x3000002, platform: 'darwin' }, null],
  ] as const)('%s', (_name, device, problem) => {
    expect(printerPortProblem(device)).toBe(problem);
  });

  it('reads the major number as glibc does', () => {
    expect(linuxMajor(statSync('/dev/null').rdev)).toBe(1);
    expect(linuxMajor(statSync('/dev/ptmx').rdev)).toBe(5);
    expect(linuxMajor(makedev(4097, 1))).toBe(4097);
    expect(linuxMinor(statSync('/dev/null').rdev)).toBe(3);
    expect(linuxMinor(makedev(180, 300))).toBe(300);
  });

  it.each([
    ['/dev/ptmx', "bukan perangkat printer: /dev/ptmx adalah port serial/terminal: pilih sambungan 'serial'"],
    ['/dev/null', 'bukan perangkat printer: /dev/null adalah perangkat lain, bukan printer USB (/dev/usb/lp*) atau paralel (/dev/lp*)'],
  ])('refuses %s as a printer port, saying what it is', async (devicePath, refusal) => {
    await expect(openPrinterPort(devicePath)).rejects.toThrow(new NotADeviceError(devicePath, devicePath === '/dev/ptmx' ? 'a terminal' : 'not a printer port', 'printer'));
    await expect(openPrinterPort(devicePath)).rejects.toThrow(refusal);
  });
});

describe('a printer port named in the settings, before anything opens it', () => {
  it.each([
    ['/dev/ptmx', 'linux', 'a terminal'],
    ['/dev/null', 'linux', 'not a printer port'],
    ['/dev/usb/lp9-not-plugged', 'linux', null],
    ['/etc/hostname', 'linux', null],
    ['/dev/ptmx', 'win32', null],
  ] as const)('%s on %s: %s', (devicePath, platform, expected) => {
    expect(describeNotAPrinterPort(devicePath, platform)).toBe(expected);
  });
});
