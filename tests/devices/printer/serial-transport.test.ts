import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPrinterDriver } from '../../../src/devices/printer/driver';
import { GENERIC_58 } from '../../../src/devices/printer/profiles';
import { encodeQueueTicket } from '../../../src/devices/printer/templates';
import { serialTransport, type SerialPortFactory } from '../../../src/devices/printer/transports/serial';
import { useTempDirs } from '../../helpers/temp-dir';
import { interpretEscPos, texts } from './print-assertions';

const tempDir = useTempDirs();

const PATH = '/dev/serial/by-id/usb-POS58-if00';
/** The mock binding's ports are not files: the device check is the real one only in the tests below that name files. */
const mockPortIsADevice = async () => {};
// serialport's own copy of @serialport/binding-mock, the one SerialPortMock opens ports with.
const MockBinding = SerialPortMock.binding;
afterEach(() => MockBinding.reset());

/** A mock serial printer: answers DLE EOT n with `status[n]` and GS r 1 with 0x00. */
function printerOnMockPort(status: Record<number, number> | null): { factory: SerialPortFactory; received: () => Buffer } {
  MockBinding.createPort(PATH, { record: true });
  let port: SerialPortMock | null = null;
  const factory: SerialPortFactory = (options) => {
    port = new SerialPortMock(options);
    port.on('open', () => {
      const binding = port!.port!;
      const write = binding.write.bind(binding);
      binding.write = async (buffer: Buffer) => {
        await write(buffer);
        if (!status) return;
        if (buffer.length === 3 && buffer[0] === 0x10 && buffer[1] === 0x04) binding.emitData(Buffer.of(status[buffer[2]!]!));
        if (buffer.subarray(-3).equals(Buffer.of(0x1d, 0x72, 0x01))) binding.emitData(Buffer.of(0x00));
      };
    });
    return port;
  };
  return { factory, received: () => (port?.port as unknown as { recording: Buffer }).recording };
}

describe('serial transport (serialport mock binding)', () => {
  const ticket = encodeQueueTicket(GENERIC_58, { villageName: 'Desa Sukamaju', queueNumber: 'A-003', createdAt: new Date(), timeZone: 'Asia/Jakarta' });

  it('queries status, prints, and is confirmed', async () => {
    const mock = printerOnMockPort({ 1: 0x12, 2: 0x12, 4: 0x12 });
    const driver = createPrinterDriver(serialTransport(PATH, 9600, mock.factory, mockPortIsADevice), GENERIC_58, { statusMs: 300, completionMs: 300 });
    expect(await driver.print(ticket)).toEqual({ kind: 'printed', status: 'ready' });
    const received = mock.received();
    const job = interpretEscPos(received);
    expect(job.statusRequests).toEqual([1, 2, 4]);
    expect(texts(job)).toContain('A-003');
    expect(job.completionMarker).toBe(true);
  });

  it('reports paper out from the status bytes', async () => {
    const mock = printerOnMockPort({ 1: 0x1a, 2: 0x32, 4: 0x72 });
    const driver = createPrinterDriver(serialTransport(PATH, 9600, mock.factory, mockPortIsADevice), GENERIC_58, { statusMs: 300, completionMs: 300 });
    expect(await driver.status()).toBe('paper-out');
  });

  it('says unknown when the printer never answers', async () => {
    const mock = printerOnMockPort(null);
    const driver = createPrinterDriver(serialTransport(PATH, 9600, mock.factory, mockPortIsADevice), GENERIC_58, { statusMs: 200, completionMs: 200 });
    expect(await driver.status()).toBe('unknown');
    expect(await driver.print(ticket)).toEqual({ kind: 'sent-unconfirmed' });
  });

  it('is offline when the port does not exist (unplugged)', async () => {
    const driver = createPrinterDriver(serialTransport('/dev/serial/by-id/missing', 9600, (o) => new SerialPortMock(o)), GENERIC_58);
    expect(await driver.status()).toBe('offline');
  });

  it.each([
    ['the kiosk\'s card-hint key', 'berkas biasa', () => {
      const dir = tempDir();
      mkdirSync(path.join(dir, 'keys'));
      const file = path.join(dir, 'keys', 'card-hint.key');
      writeFileSync(file, Buffer.alloc(32, 7));
      return file;
    }],
    ['a directory', 'folder', () => tempDir()],
  ])('refuses %s before serialport opens it: status error, the file untouched', async (_name, words, make) => {
    const devicePath = make();
    const factory = vi.fn<SerialPortFactory>((options) => new SerialPortMock(options));
    const before = devicePath.endsWith('.key') ? readFileSync(devicePath) : null;
    const driver = createPrinterDriver(serialTransport(devicePath, 9600, factory), GENERIC_58, { statusMs: 50, completionMs: 50 });
    expect(await driver.print(ticket)).toEqual({ kind: 'not-printed', status: 'error', reason: `bukan perangkat printer: ${devicePath} adalah ${words}` });
    expect(await driver.status()).toBe('error');
    expect(factory).not.toHaveBeenCalled();
    if (before) expect(readFileSync(devicePath)).toEqual(before);
  });
});
