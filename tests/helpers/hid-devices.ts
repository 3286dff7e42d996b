/**
 * USB HID devices in memory, behind the same `HidBackend` node-hid gives the
 * source: attach, send reports, unplug (a read error, then gone from the list).
 */
import { EventEmitter } from 'node:events';
import type { HidBackend, HidDeviceInfo, HidHandle } from '../../src/devices/input/hid-source';

/** A report as a HID-POS scanner sends it: id 2, length, AIM id, data, padding, the more-follows flag. */
export function hidPosReport(data: string, options: { symbology?: string; more?: boolean; size?: number } = {}): Uint8Array {
  const size = options.size ?? 64;
  const bytes = new Uint8Array(size);
  const payload = Buffer.from(data);
  bytes[0] = 0x02;
  bytes[1] = payload.length;
  bytes.set(Buffer.from(options.symbology ?? ']Q1'), 2);
  bytes.set(payload, 5);
  bytes[size - 1] = options.more ? 1 : 0;
  return bytes;
}

class FakeHandle extends EventEmitter implements HidHandle {
  closed = false;
  close(): void {
    this.closed = true;
  }
}

export interface FakeHidBus extends HidBackend {
  attach(device: HidDeviceInfo): void;
  /** The device is pulled out: an open handle gets a read error, and it is no longer listed. */
  unplug(path: string): void;
  send(path: string, report: Uint8Array): void;
  /** Handles opened so far, per path (the source opens a device again after an unplug). */
  opened(path: string): number;
  isOpen(path: string): boolean;
}

export function createFakeHidBus(): FakeHidBus {
  const attached = new Map<string, HidDeviceInfo>();
  const handles = new Map<string, FakeHandle[]>();
  const current = (path: string) => handles.get(path)?.findLast((h) => !h.closed) ?? null;
  return {
    async devices() {
      return [...attached.values()].map((d) => ({ ...d }));
    },
    async open(path) {
      if (!attached.has(path)) throw new Error(`cannot open device with path ${path}`);
      const handle = new FakeHandle();
      handles.set(path, [...(handles.get(path) ?? []), handle]);
      return handle;
    },
    attach(device) {
      attached.set(device.path!, device);
    },
    unplug(path) {
      attached.delete(path);
      current(path)?.emit('error', new Error('could not read from HID device'));
    },
    send(path, report) {
      const handle = current(path);
      if (!handle) throw new Error(`no open handle for ${path}`);
      handle.emit('data', Buffer.from(report));
    },
    opened(path) {
      return handles.get(path)?.length ?? 0;
    },
    isOpen(path) {
      return current(path) !== null;
    },
  };
}
