/**
 * Serial (and USB-serial, Windows COM) barcode scanners through `serialport`:
 * each scan is one line ended by the scanner's delimiter (CR by default), so
 * no timing heuristics are needed. A scanner that is unplugged closes the
 * port: the source reports it and opens the port again until it is back.
 * serialport opens the port read-write itself, so the path is checked first
 * to be a character device (`character-device.ts`): a regular file named
 * there is refused and never opened by serialport.
 */
import { DelimiterParser, SerialPort } from 'serialport';
import type { SerialPortStream } from '@serialport/stream';
import { ensureCharacterDevice } from '../character-device';
import { createReopener } from './reopen';
import { changesOnly } from './status-changes';
import { classifyScan, type ScanEvent, type ScanSettings } from './scan-event';

export type SerialScannerStatus = { state: 'open'; path: string } | { state: 'closed'; path: string; reason: string };

export interface SerialScannerOptions {
  path: string;
  baudRate: number;
  /** What ends a scan: "\r" (most scanners), "\n" or "\r\n". */
  delimiter: string;
  scan: ScanSettings;
  retryMs?: number;
  /** Tests give serialport's mock port. */
  createPort?: (options: { path: string; baudRate: number; autoOpen: false }) => SerialPortStream;
  /** Refuses a path that is not a character device; tests on the mock binding (its ports are not files) give their own. */
  checkPath?: (path: string) => Promise<void>;
}

export function startSerialScanner(
  options: SerialScannerOptions,
  listener: { event(event: ScanEvent): void; status(status: SerialScannerStatus): void },
): () => void {
  const createPort = options.createPort ?? ((o) => new SerialPort(o));
  const reopener = createReopener(options.retryMs ?? 3000);
  const report = changesOnly<SerialScannerStatus>((status) => listener.status(status));
  let port: SerialPortStream | null = null;

  function again(reason: string): void {
    report({ state: 'closed', path: options.path, reason });
    port = null;
    reopener.schedule(open);
  }

  const checkPath = options.checkPath ?? ((path: string) => ensureCharacterDevice(path, 'scanner'));

  function open(): void {
    if (reopener.stopped) return;
    checkPath(options.path).then(openChecked, (error: Error) => again(error.message));
  }

  function openChecked(): void {
    if (reopener.stopped) return;
    const current = createPort({ path: options.path, baudRate: options.baudRate, autoOpen: false });
    port = current;
    const lines = current.pipe(new DelimiterParser({ delimiter: options.delimiter, includeDelimiter: false }));
    lines.on('data', (line: Buffer) => {
      const text = line.toString('utf8').replace(/[\r\n]+/g, '').trim();
      if (text) listener.event(classifyScan(text, options.scan));
    });
    current.on('close', () => again('the port closed (unplugged?)'));
    current.on('error', (error: Error) => report({ state: 'closed', path: options.path, reason: error.message }));
    current.open((error) => {
      if (error) {
        again(error.message);
        return;
      }
      report({ state: 'open', path: options.path });
    });
  }

  open();
  return () => {
    reopener.stop();
    if (port?.isOpen) port.close();
  };
}
