import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeNotADevice, ensureCharacterDevice, NotADeviceError, openCharacterDevice } from '../../src/devices/character-device';
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
