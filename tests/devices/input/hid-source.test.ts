import { describe, expect, it } from 'vitest';
import { pickHidDevice, startHidSource, uidFromReport, type HidSourceSettings, type HidStatus } from '../../../src/devices/input/hid-source';
import type { ScanEvent } from '../../../src/devices/input/scan-event';
import { createFakeHidBus, hidPosReport } from '../../helpers/hid-devices';

const SCANNER = { path: '/dev/hidraw3', vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c, usage: 0x02, product: 'Xenon 1900' };
const KEYBOARD_SIDE = { path: '/dev/hidraw2', vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x01, usage: 0x06, product: 'Xenon 1900' };
const CARD_READER = { path: '/dev/hidraw5', vendorId: 0xffff, productId: 0x0035, usagePage: 0xff00, usage: 0x01, product: 'RFID Reader' };
const POS: HidSourceSettings = { mode: 'pos', vendorId: null, productId: null, uidOffset: 1, uidLength: 4 };
const CARD: HidSourceSettings = { mode: 'card', vendorId: 0xffff, productId: 0x0035, uidOffset: 1, uidLength: 4 };
const SCAN = { reversedUid: false, cardPrefix: '' };

function run(settings: HidSourceSettings, bus = createFakeHidBus(), scan = SCAN) {
  const events: ScanEvent[] = [];
  const statuses: HidStatus[] = [];
  const stop = startHidSource(settings, scan, { event: (e) => events.push(e), status: (s) => statuses.push(s) }, { backend: bus, retryMs: 10 });
  return { bus, events, statuses, stop };
}

describe('picking the configured HID device', () => {
  it('finds a HID-POS scanner by its usage page, not the keyboard interface of the same device', () => {
    expect(pickHidDevice([KEYBOARD_SIDE, SCANNER, CARD_READER], POS)?.path).toBe('/dev/hidraw3');
    expect(pickHidDevice([KEYBOARD_SIDE, CARD_READER], POS)).toBeNull();
    expect(pickHidDevice([SCANNER], { ...POS, vendorId: 0x05e0 })).toBeNull();
  });

  it('takes a raw-HID card reader only by both of its ids', () => {
    expect(pickHidDevice([SCANNER, CARD_READER], CARD)?.path).toBe('/dev/hidraw5');
    expect(pickHidDevice([SCANNER, CARD_READER], { ...CARD, productId: null })).toBeNull();
  });

  it('reads the UID where the reader puts it, reversed when the reader is set so; an all-zero report is no card', () => {
    const report = Uint8Array.from([0x01, 0xaa, 0xbb, 0xcc, 0xdd, 0, 0, 0]);
    expect(uidFromReport(report, CARD, false)).toBe('AABBCCDD');
    expect(uidFromReport(report, CARD, true)).toBe('DDCCBBAA');
    expect(uidFromReport(Uint8Array.from([0x01, 0, 0, 0, 0, 0]), CARD, false)).toBeNull();
    expect(uidFromReport(Uint8Array.from([0x01, 0xaa]), CARD, false)).toBeNull();
  });
});

describe('the node-hid device loop (in-memory HID bus)', () => {
  it('reads scans from a HID-POS scanner, with their symbology, across reports', async () => {
    const bus = createFakeHidBus();
    bus.attach(KEYBOARD_SIDE);
    bus.attach(SCANNER);
    const { events, statuses, stop } = run(POS, bus);
    try {
      await expect.poll(() => statuses.at(-1)).toEqual({ state: 'open', device: 'Xenon 1900 0c2e:0b61' });
      bus.send(SCANNER.path, hidPosReport('ADM01-2612', { more: true }));
      bus.send(SCANNER.path, hidPosReport('02-MRW8E'));
      bus.send(SCANNER.path, hidPosReport('2864434397', { symbology: ']E0' }));
      expect(events).toEqual([
        { kind: 'code', text: 'ADM01-261202-MRW8E', symbology: ']Q1' },
        { kind: 'card', uid: 'AABBCCDD' },
      ]);
    } finally {
      stop();
    }
  });

  it('an unplug is a read error: the device is closed, looked for again, and read again when it is back', async () => {
    const bus = createFakeHidBus();
    bus.attach(SCANNER);
    const { events, statuses, stop } = run(POS, bus);
    try {
      await expect.poll(() => bus.isOpen(SCANNER.path)).toBe(true);
      bus.unplug(SCANNER.path);
      expect(statuses).toContainEqual({ state: 'closed', device: 'Xenon 1900 0c2e:0b61', reason: 'could not read from HID device' });
      await expect.poll(() => statuses.at(-1)).toEqual({ state: 'absent', wanted: 'HID-POS scanner' });
      expect(bus.isOpen(SCANNER.path)).toBe(false);

      bus.attach(SCANNER);
      await expect.poll(() => bus.opened(SCANNER.path)).toBe(2);
      await expect.poll(() => statuses.at(-1)?.state).toBe('open');
      bus.send(SCANNER.path, hidPosReport('ADM01-261202-MRW8E'));
      expect(events).toEqual([{ kind: 'code', text: 'ADM01-261202-MRW8E', symbology: ']Q1' }]);
    } finally {
      stop();
    }
    expect(bus.isOpen(SCANNER.path)).toBe(false);
  });

  it('a raw-HID card reader gives one card event per tap, though it repeats the UID while the card lies on it', async () => {
    const bus = createFakeHidBus();
    bus.attach(CARD_READER);
    const { events, statuses, stop } = run(CARD, bus);
    try {
      await expect.poll(() => statuses.at(-1)?.state).toBe('open');
      const card = Uint8Array.from([0x01, 0x04, 0xa1, 0xb2, 0xc3, 0, 0, 0]);
      bus.send(CARD_READER.path, card);
      bus.send(CARD_READER.path, card);
      bus.send(CARD_READER.path, card);
      expect(events).toEqual([{ kind: 'card', uid: '04A1B2C3' }]);
      bus.send(CARD_READER.path, new Uint8Array(8)); // lifted
      bus.send(CARD_READER.path, card); // tapped again
      expect(events).toHaveLength(2);
    } finally {
      stop();
    }
  });

  it('a device that is not there is a status, looked for until it comes', async () => {
    const bus = createFakeHidBus();
    const { statuses, stop } = run(CARD, bus);
    try {
      await expect.poll(() => statuses.at(-1)).toEqual({ state: 'absent', wanted: 'HID card reader ffff:0035' });
      bus.attach(CARD_READER);
      await expect.poll(() => statuses.at(-1)?.state).toBe('open');
    } finally {
      stop();
    }
  });

  it('a device that cannot be opened (permissions) is an error status, tried again', async () => {
    const bus = createFakeHidBus();
    bus.attach(CARD_READER);
    let refusals = 2;
    const open = bus.open.bind(bus);
    bus.open = async (path) => {
      if (refusals-- > 0) throw new Error('cannot open device with path /dev/hidraw5');
      return open(path);
    };
    const { statuses, stop } = run(CARD, bus);
    try {
      await expect.poll(() => statuses.at(-1)?.state).toBe('open');
      expect(statuses[0]).toEqual({ state: 'error', message: 'cannot open device with path /dev/hidraw5' });
    } finally {
      stop();
    }
  });

  it('the real node-hid binding loads and lists devices on this machine', async () => {
    const { nodeHidBackend } = await import('../../../src/devices/input/hid-source');
    const devices = await nodeHidBackend().devices();
    expect(Array.isArray(devices)).toBe(true);
    for (const device of devices) expect(typeof device.vendorId).toBe('number');
  });
});
