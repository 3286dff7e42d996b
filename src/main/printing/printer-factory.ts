/**
 * The one place that turns the `printer` configuration into a driver: the
 * transport (virtual, TCP, USB, serial), the profile, and the commissioning
 * choice for QR codes.
 */
import path from 'node:path';
import { createPrinterDriver, type PrinterDriver } from '../../devices/printer/driver';
import { findProfile, GENERIC_58, type PrinterProfile } from '../../devices/printer/profiles';
import type { PrinterTransport } from '../../devices/printer/transports/connection';
import { serialTransport } from '../../devices/printer/transports/serial';
import { tcpTransport } from '../../devices/printer/transports/tcp';
import { usbLpTransport } from '../../devices/printer/transports/usb-lp';
import { virtualTransport } from '../../devices/printer/transports/virtual';
import type { KioskConfig } from '../config/schema';

export interface ConfiguredPrinter {
  driver: PrinterDriver;
  profile: PrinterProfile;
  transport: PrinterTransport;
  /** Where the virtual printer writes, when it is the virtual one. */
  virtualFolder: string | null;
}

export function createConfiguredPrinter(config: KioskConfig['printer'], dataDir: string): ConfiguredPrinter {
  const base = findProfile(config.profile) ?? GENERIC_58;
  const profile: PrinterProfile = config.qr === 'profile' ? base : { ...base, qr: config.qr };
  const virtualFolder = path.resolve(dataDir, config.virtualFolder);
  let transport: PrinterTransport;
  switch (config.transport) {
    case 'tcp':
      transport = tcpTransport(config.host ?? '127.0.0.1', config.port);
      break;
    case 'usb':
      transport = usbLpTransport(config.devicePath);
      break;
    case 'serial':
      transport = serialTransport(config.devicePath, config.baudRate);
      break;
    case 'virtual':
      transport = virtualTransport(virtualFolder, profile.columns, profile.widthDots);
      break;
  }
  return {
    driver: createPrinterDriver(transport, profile),
    profile,
    transport,
    virtualFolder: config.transport === 'virtual' ? virtualFolder : null,
  };
}
