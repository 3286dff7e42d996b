/**
 * USB printer-class devices on Linux through the kernel's usblp driver
 * (/dev/usb/lpN, or the stable /dev/adm-printer symlink made by the udev rule
 * in resources/linux), and parallel ports (/dev/lpN). Bidirectional printers
 * return status bytes on read. The device is opened per job and closed after:
 * an unplugged printer comes back under a new node, and a cached handle would
 * be dead. Only a printer port is written to (`character-device.ts`): a
 * regular file is refused untouched, a terminal or any other device refused
 * with what it is.
 *
 * No call may hang. A blocking read of a device that never answers never
 * returns, and it holds one of libuv's four pool threads; Node's FileHandle
 * also waits for it before closing, so one silent printer once stopped
 * printing, shutdown and restart for good. So the device is opened with
 * O_NONBLOCK and asked again every few milliseconds (Node has no poll(2) for
 * a plain file descriptor). usblp honours O_NONBLOCK (drivers/usb/class/
 * usblp.c): a read answers EAGAIN until the printer has sent something, a
 * write takes what it can and answers EAGAIN while its previous block is
 * still going out, and a write of zero bytes answers EAGAIN until that block
 * is done. Closing cancels a block still in flight, so `write` resolves only
 * once the device has taken every byte, as a blocking write would. usblp
 * opens one handle at a time, so status cannot be read on a second one.
 */
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { openPrinterPort, READ_WRITE } from '../../character-device';
import type { PrinterConnection, PrinterTransport } from './connection';

const NON_BLOCKING = constants.O_NONBLOCK ?? 0;

export interface PollTiming {
  /** How often a device with nothing to read, or no room to write, is asked again. */
  pollMs: number;
  /**
   * A printer that takes no byte of a job for this long has stopped (a jam,
   * paper out in the middle): the job is given up, not waited on forever.
   */
  writeStallMs: number;
}

const TIMING: PollTiming = { pollMs: 10, writeStallMs: 30_000 };

export function usbLpTransport(path = '/dev/adm-printer'): PrinterTransport {
  return {
    description: `usb ${path}`,
    async open(): Promise<PrinterConnection> {
      return pollingConnection(await openPrinterPort(path, READ_WRITE | NON_BLOCKING));
    },
  };
}

/** A connection over a device file opened with O_NONBLOCK: every read and write returns within its time. */
export function pollingConnection(handle: FileHandle, timing: PollTiming = TIMING): PrinterConnection {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(1, ms)));
  // A one-byte buffer: FileHandle.write skips the system call for an empty buffer, not for a zero length.
  const probe = Buffer.alloc(1);

  /**
   * Every byte, then a zero-length write until the last block has gone out;
   * throws when the device takes nothing for `writeStallMs`.
   */
  async function writeAll(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    let progressAt = Date.now();
    for (;;) {
      const length = bytes.length - offset;
      let taken: number | null; // null: the device would block
      try {
        taken = (await (length === 0 ? handle.write(probe, 0, 0) : handle.write(bytes, offset, length))).bytesWritten;
      } catch (error) {
        if (!wouldBlock(error)) throw error;
        taken = null;
      }
      if (length === 0 && taken !== null) return;
      if (taken) {
        offset += taken;
        progressAt = Date.now();
        continue;
      }
      if (Date.now() - progressAt >= timing.writeStallMs) {
        throw new Error(`the printer took no data for ${timing.writeStallMs / 1000} s`);
      }
      await pause(timing.pollMs);
    }
  }

  return {
    write: writeAll,
    async read(count, timeoutMs) {
      const buffer = Buffer.alloc(count);
      let filled = 0;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        try {
          // 0 bytes: nothing yet (a zero-length packet from the printer, or the end of a file-like device).
          filled += (await handle.read(buffer, filled, count - filled, null)).bytesRead;
          if (filled === count) return buffer;
        } catch (error) {
          // EINVAL: usblp's answer for a printer that cannot send (not bidirectional): no reply, ever.
          if (isCode(error, 'EINVAL')) return null;
          if (!wouldBlock(error)) throw error;
        }
        const left = deadline - Date.now();
        if (left <= 0) return null;
        await pause(Math.min(timing.pollMs, left));
      }
    },
    close: () => handle.close(),
  };
}

function wouldBlock(error: unknown): boolean {
  return isCode(error, 'EAGAIN') || isCode(error, 'EWOULDBLOCK');
}

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === code;
}
