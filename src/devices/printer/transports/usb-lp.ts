/**
 * USB printer-class devices on Linux through the kernel's usblp driver
 * (/dev/usb/lpN, or the stable /dev/adm-printer symlink made by the udev rule
 * in resources/linux). Bidirectional printers return status bytes on read.
 * The device is opened per job and closed after: an unplugged printer comes
 * back under a new node, and a cached handle would be dead. Only a character
 * device is written to (`character-device.ts`): a path naming a regular file
 * is refused, the file untouched.
 */
import type { FileHandle } from 'node:fs/promises';
import { openCharacterDevice } from '../../character-device';
import type { PrinterConnection, PrinterTransport } from './connection';

export function usbLpTransport(path = '/dev/adm-printer'): PrinterTransport {
  return {
    description: `usb ${path}`,
    async open(): Promise<PrinterConnection> {
      const handle: FileHandle = await openCharacterDevice(path, 'printer');
      return {
        async write(bytes) {
          await handle.write(bytes);
        },
        async read(count, timeoutMs) {
          const buffer = Buffer.alloc(count);
          let filled = 0;
          const deadline = Date.now() + timeoutMs;
          // usblp reads return what the printer has sent so far (often nothing yet).
          while (filled < count && Date.now() < deadline) {
            const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), Math.max(1, deadline - Date.now())));
            const result = await Promise.race([handle.read(buffer, filled, count - filled, null), timeout]);
            if (result === null) break;
            filled += result.bytesRead;
            if (result.bytesRead === 0) await new Promise((resolve) => setTimeout(resolve, 20));
          }
          return filled === count ? buffer : null;
        },
        close: () => handle.close(),
      };
    },
  };
}
