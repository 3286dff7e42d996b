/**
 * What a technician can plug in for input, as the system sees it now: PC/SC
 * readers (through pcscd) and serial ports (USB-serial scanners). Keyboard-
 * wedge readers are keyboards to the system and are not listed: tap a card on
 * the attract screen to test one.
 */
import { SerialPort } from 'serialport';

export interface InputDeviceList {
  pcsc: { state: 'ready'; readers: string[] } | { state: 'no-daemon' } | { state: 'error'; message: string };
  serial: Array<{ path: string; manufacturer: string | null; vendorId: string | null; productId: string | null }> | { error: string };
}

export async function listInputDevices(): Promise<InputDeviceList> {
  return { pcsc: listPcscReaders(), serial: await listSerialPorts() };
}

function listPcscReaders(): InputDeviceList['pcsc'] {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Context } = require('smartcard') as { Context: new () => { listReaders(): Array<{ name: string }>; close(): void } };
    const context = new Context();
    try {
      return { state: 'ready', readers: context.listReaders().map((r) => r.name) };
    } finally {
      context.close();
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return /service not running|no service|SCARD_E_NO_SERVICE/i.test(message) ? { state: 'no-daemon' } : { state: 'error', message };
  }
}

async function listSerialPorts(): Promise<InputDeviceList['serial']> {
  try {
    const ports = await SerialPort.list();
    return ports.map((p) => ({ path: p.path, manufacturer: p.manufacturer ?? null, vendorId: p.vendorId ?? null, productId: p.productId ?? null }));
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
