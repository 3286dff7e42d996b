import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { startSerialScanner, type SerialScannerStatus } from '../../../src/devices/input/serial-scanner';
import type { ScanEvent } from '../../../src/devices/input/scan-event';

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
});
