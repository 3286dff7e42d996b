/**
 * Serial and USB-CDC printers (and Windows' vendor virtual COM ports) through
 * `serialport`. Prefer stable paths such as /dev/serial/by-id/... over
 * /dev/ttyUSB0, which can change after a re-plug. The port factory is
 * injectable so tests can use serialport's mock binding (whose ports are not
 * files: those tests give their own `checkPath`).
 */
import { SerialPort } from 'serialport';
import type { SerialPortStream } from '@serialport/stream';
import { ensureCharacterDevice } from '../../character-device';
import { ReplyBuffer, type PrinterConnection, type PrinterTransport } from './connection';

export type SerialPortFactory = (options: { path: string; baudRate: number; autoOpen: false }) => SerialPortStream;

const realPort: SerialPortFactory = (options) => new SerialPort(options);

/** serialport opens the path itself, so it is checked first: a regular file there is refused, untouched. */
const checkPrinterPath = (path: string) => ensureCharacterDevice(path, 'printer');

export function serialTransport(
  path: string,
  baudRate = 9600,
  createPort: SerialPortFactory = realPort,
  checkPath: (path: string) => Promise<void> = checkPrinterPath,
): PrinterTransport {
  return {
    description: `serial ${path} @ ${baudRate}`,
    open: async () => {
      await checkPath(path);
      return openPort(path, baudRate, createPort);
    },
  };
}

function openPort(path: string, baudRate: number, createPort: SerialPortFactory): Promise<PrinterConnection> {
  return new Promise<PrinterConnection>((resolve, reject) => {
    const replies = new ReplyBuffer();
    const port = createPort({ path, baudRate, autoOpen: false });
    port.on('data', (chunk: Buffer) => replies.push(chunk));
    port.on('error', (error: Error) => replies.fail(error));
    port.open((error) => {
      if (error) return reject(error);
      resolve({
        write: (bytes) =>
          new Promise<void>((done, fail) => {
            port.write(Buffer.from(bytes), (writeError) => {
              if (writeError) return fail(writeError);
              port.drain((drainError) => (drainError ? fail(drainError) : done()));
            });
          }),
        read: (count, timeoutMs) => replies.read(count, timeoutMs),
        close: () =>
          new Promise<void>((done) => {
            if (!port.isOpen) return done();
            port.close(() => done());
          }),
      });
    });
  });
}
