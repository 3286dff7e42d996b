/**
 * USB HID readers through `node-hid`: HID-POS barcode scanners (usage page
 * 0x8C; their reports go through `hid-pos.ts`) and raw-HID card readers (a
 * vendor-defined report that carries the UID at a fixed place). The source
 * finds the configured device among the attached ones, reads its reports,
 * and when the device goes away (an unplug shows up as a read error) closes
 * it and looks for it again until it is back.
 *
 * Keyboard-wedge devices are keyboards to the system and are not read here:
 * the page's key capture and the burst detector handle them.
 */
import type * as NodeHid from 'node-hid';
import { createHidPosAssembler, HID_POS_USAGE_PAGE } from './hid-pos';
import { createReopener } from './reopen';
import { changesOnly } from './status-changes';
import { classifyScan, type ScanEvent, type ScanSettings } from './scan-event';

export interface HidDeviceInfo {
  path?: string | undefined;
  vendorId: number;
  productId: number;
  usagePage?: number | undefined;
  usage?: number | undefined;
  manufacturer?: string | undefined;
  product?: string | undefined;
}

/** An open device: reports arrive as `data`; an unplug or a broken device as `error`. */
export interface HidHandle {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(): unknown;
  close(): Promise<void> | void;
}

/** What the source needs of `node-hid` (tests give an in-memory one). */
export interface HidBackend {
  devices(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidHandle>;
}

export interface HidSourceSettings {
  /** `pos`: a HID-POS scanner; `card`: a raw-HID card reader. */
  mode: 'pos' | 'card';
  /** Which device: by USB ids (either may be left open for a HID-POS scanner, found by its usage page). */
  vendorId: number | null;
  productId: number | null;
  /** Raw-HID card readers: where the UID starts in the report (after the report id, if the device sends one) and its length. */
  uidOffset: number;
  uidLength: number;
}

export type HidStatus =
  | { state: 'open'; device: string }
  | { state: 'absent'; wanted: string }
  | { state: 'closed'; device: string; reason: string }
  | { state: 'error'; message: string };

export interface HidListener {
  event(event: ScanEvent): void;
  status(status: HidStatus): void;
}

const RETRY_MS = 3000;
/** A raw-HID reader repeats the UID while the card lies on it: one tap is one event. */
const SAME_CARD_MS = 2000;

/** The device the settings describe, among those attached (the first match). */
export function pickHidDevice(devices: readonly HidDeviceInfo[], settings: HidSourceSettings): HidDeviceInfo | null {
  return (
    devices.find((d) => {
      if (!d.path) return false;
      if (settings.vendorId !== null && d.vendorId !== settings.vendorId) return false;
      if (settings.productId !== null && d.productId !== settings.productId) return false;
      if (settings.mode === 'pos') return d.usagePage === HID_POS_USAGE_PAGE;
      // A card reader is named by its ids: without both, any HID device could be taken for it.
      return settings.vendorId !== null && settings.productId !== null;
    }) ?? null
  );
}

/** "0c2e:0b61" as lsusb prints it, for logs and the technician CLI. */
export function usbIds(device: Pick<HidDeviceInfo, 'vendorId' | 'productId'>): string {
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return `${hex(device.vendorId)}:${hex(device.productId)}`;
}

/** The UID in one raw-HID report, canonical hex, or null when the report carries none (all zero: no card). */
export function uidFromReport(report: Uint8Array, settings: Pick<HidSourceSettings, 'uidOffset' | 'uidLength'>, reversed: boolean): string | null {
  const end = settings.uidOffset + settings.uidLength;
  if (report.length < end) return null;
  const bytes = [...report.subarray(settings.uidOffset, end)];
  if (bytes.every((b) => b === 0)) return null;
  if (reversed) bytes.reverse();
  return bytes.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
}

export function nodeHidBackend(): HidBackend {
  // Loaded when the source starts: a kiosk without HID readers never needs the native module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const hid = require('node-hid') as typeof NodeHid;
  return {
    devices: () => hid.devicesAsync(),
    open: (path) => hid.HIDAsync.open(path),
  };
}

export function startHidSource(
  settings: HidSourceSettings,
  scan: ScanSettings,
  listener: HidListener,
  options: { backend?: HidBackend; retryMs?: number } = {},
): () => void {
  const reopener = createReopener(options.retryMs ?? RETRY_MS);
  let handle: HidHandle | null = null;
  const report = changesOnly<HidStatus>((status) => listener.status(status));
  const wanted =
    settings.mode === 'pos'
      ? `HID-POS scanner${settings.vendorId !== null ? ` ${usbIds({ vendorId: settings.vendorId, productId: settings.productId ?? 0 })}` : ''}`
      : `HID card reader ${usbIds({ vendorId: settings.vendorId ?? 0, productId: settings.productId ?? 0 })}`;

  let backend: HidBackend;
  try {
    backend = options.backend ?? nodeHidBackend();
  } catch (error) {
    report({ state: 'error', message: `node-hid cannot be loaded: ${error instanceof Error ? error.message : String(error)}` });
    return () => {};
  }

  function close(current: HidHandle): void {
    current.removeAllListeners();
    current.on('error', () => {}); // a late error from a device being closed is expected
    try {
      void Promise.resolve(current.close()).catch(() => {});
    } catch {
      // already gone with the device
    }
  }

  function lost(current: HidHandle, device: string, reason: string): void {
    if (handle !== current) return;
    handle = null;
    close(current);
    report({ state: 'closed', device, reason });
    reopener.schedule(() => void open());
  }

  function reader(): (data: Buffer) => void {
    if (settings.mode === 'pos') {
      const assembler = createHidPosAssembler();
      return (data) => {
        const scanned = assembler.push(data);
        if (!scanned) return;
        const event = classifyScan(scanned.text, scan);
        listener.event(event.kind === 'code' && scanned.symbology ? { ...event, symbology: scanned.symbology } : event);
      };
    }
    let lastUid: string | null = null;
    let lastAt = 0;
    return (data) => {
      const uid = uidFromReport(data, settings, scan.reversedUid);
      const now = Date.now();
      if (uid === null) {
        lastUid = null; // the card was lifted: the next tap counts even if it is the same card
        return;
      }
      if (uid === lastUid && now - lastAt < SAME_CARD_MS) {
        lastAt = now;
        return;
      }
      lastUid = uid;
      lastAt = now;
      listener.event({ kind: 'card', uid });
    };
  }

  async function open(): Promise<void> {
    if (reopener.stopped) return;
    try {
      const found = pickHidDevice(await backend.devices(), settings);
      if (!found?.path) {
        report({ state: 'absent', wanted });
        reopener.schedule(() => void open());
        return;
      }
      const current = await backend.open(found.path);
      const device = `${found.product ?? 'HID'} ${usbIds(found)}`;
      if (reopener.stopped) {
        close(current);
        return;
      }
      handle = current;
      current.on('data', reader());
      current.on('error', (error) => lost(current, device, error.message));
      report({ state: 'open', device });
    } catch (error) {
      report({ state: 'error', message: error instanceof Error ? error.message : String(error) });
      reopener.schedule(() => void open());
    }
  }

  void open();
  return () => {
    reopener.stop();
    if (handle) close(handle);
    handle = null;
  };
}
