/**
 * What a technician can plug in for input, as the system sees it now: PC/SC
 * readers (through pcscd), serial ports (USB-serial scanners) and USB HID
 * devices with their ids and usage pages (0x8C: a HID-POS scanner). Keyboard-
 * wedge readers are keyboards to the system and are not listed: tap a card on
 * the attract screen to test one (they may show up among the HID devices).
 */
import { SerialPort } from 'serialport';
import { HID_POS_USAGE_PAGE } from './hid-pos';
import { nodeHidBackend, usbIds, type HidBackend } from './hid-source';

export interface InputDeviceList {
  pcsc: { state: 'ready'; readers: string[] } | { state: 'no-daemon' } | { state: 'error'; message: string };
  serial: Array<{ path: string; manufacturer: string | null; vendorId: string | null; productId: string | null }> | { error: string };
  hid: Array<{ ids: string; usagePage: number; usage: number; hidPos: boolean; name: string; path: string }> | { error: string };
}

export async function listInputDevices(options: { hidBackend?: HidBackend } = {}): Promise<InputDeviceList> {
  return { pcsc: listPcscReaders(), serial: await listSerialPorts(), hid: await listHidDevices(options.hidBackend) };
}

async function listHidDevices(backend?: HidBackend): Promise<InputDeviceList['hid']> {
  try {
    const devices = await (backend ?? nodeHidBackend()).devices();
    return devices.map((d) => ({
      ids: usbIds(d),
      usagePage: d.usagePage ?? 0,
      usage: d.usage ?? 0,
      hidPos: d.usagePage === HID_POS_USAGE_PAGE,
      name: [d.manufacturer, d.product].filter(Boolean).join(' ') || '(no name)',
      path: d.path ?? '',
    }));
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
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
