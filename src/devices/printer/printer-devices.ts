/**
 * Where a printer can be plugged in, as the system sees it now: USB printer
 * class devices (`/dev/usb/lp*`, and the udev symlink `/dev/adm-printer` our
 * rules make) and serial ports. A network printer is found by its address.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { SerialPort } from 'serialport';

export interface PrinterDevices {
  usb: string[];
  serial: string[];
}

export async function listPrinterDevices(options: { devDir?: string } = {}): Promise<PrinterDevices> {
  const dev = options.devDir ?? '/dev';
  const usb: string[] = [];
  if (existsSync(path.join(dev, 'adm-printer'))) usb.push(path.join(dev, 'adm-printer'));
  try {
    for (const name of readdirSync(path.join(dev, 'usb')).sort()) if (/^lp\d+$/.test(name)) usb.push(path.join(dev, 'usb', name));
  } catch {
    // no USB printer class devices at all
  }
  let serial: string[] = [];
  try {
    serial = (await SerialPort.list()).map((port) => port.path).sort();
  } catch {
    // no serial support (no udev): only what a technician types
  }
  return { usb, serial };
}
