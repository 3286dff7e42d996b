import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSerialScanner, type SerialScannerStatus } from '../../../src/devices/input/serial-scanner';
import type { ScanEvent } from '../../../src/devices/input/scan-event';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

const PATH = '/dev/serial/by-id/usb-Scanner-if00';
const MockBinding = SerialPortMock.binding;
afterEach(() => MockBinding.reset());

describe('serial barcode scanner (serialport mock binding)', () => {
  it('turns each delimited line into a scan event, whatever the chunks, and reopens after an unplug', async () => {
    MockBinding.createPort(PATH, {});
    let port: SerialPortMock | null = null;
    const events: ScanEvent[] = [];
    const statuses: SerialScannerStatus[] = [];
    const stop = startSerialScanner(
      {
        path: PATH,
        baudRate: 9600,
        delimiter: '\r',
        scan: { reversedUid: false, cardPrefix: '' },
        retryMs: 20,
        createPort: (options) => (port = new SerialPortMock(options)),
        checkPath: async () => {}, // the mock binding's port is not a file
      },
      { event: (e) => events.push(e), status: (s) => statuses.push(s) },
    );
    try {
      await expect.poll(() => statuses.at(-1)?.state).toBe('open');
      port!.port!.emitData(Buffer.from('ADM01-2612'));
      port!.port!.emitData(Buffer.from('02-MRW8E\r2864434397\r'));
      await expect.poll(() => events.length).toBe(2);
      expect(events).toEqual([
        { kind: 'code', text: 'ADM01-261202-MRW8E' },
        { kind: 'card', uid: 'AABBCCDD' },
      ]);

      const first = port!;
      first.close(); // unplugged
      await expect.poll(() => statuses.some((s) => s.state === 'closed')).toBe(true);
      await expect.poll(() => port !== first && port?.isOpen === true).toBe(true);
      port!.port!.emitData(Buffer.from('ADM01-261202-ABCDE\r'));
      await expect.poll(() => events.length).toBe(3);
    } finally {
      stop();
    }
  });

  it('never hands a path that is not a character device to serialport, and says why', async () => {
    const file = path.join(tempDir(), 'card-hint.key');
    writeFileSync(file, 'kunci');
    const createPort = vi.fn((options: { path: string; baudRate: number; autoOpen: false }) => new SerialPortMock(options));
    const statuses: SerialScannerStatus[] = [];
    const stop = startSerialScanner(
      { path: file, baudRate: 9600, delimiter: '\r', scan: { reversedUid: false, cardPrefix: '' }, retryMs: 20, createPort },
      { event: () => {}, status: (s) => statuses.push(s) },
    );
    try {
      await expect.poll(() => statuses.length).toBeGreaterThan(0);
      expect(statuses[0]).toEqual({ state: 'closed', path: file, reason: `bukan perangkat pemindai: ${file} adalah berkas biasa` });
      expect(createPort).not.toHaveBeenCalled();
      expect(readFileSync(file, 'utf8')).toBe('kunci');
    } finally {
      stop();
    }
  });
});
