import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdminPrinter } from '../../../src/shared/admin-contract';
import { writeVirtualState } from '../../../src/devices/printer/transports/virtual';
import { listPrinterDevices } from '../../../src/devices/printer/printer-devices';
import { LETTERS, RESIDENTS } from '../../../tools/opensid-sim/seed';
import { coreWithSim } from '../../helpers/core-with-sim';
import { useTempDirs } from '../../helpers/temp-dir';
import { asPage, openAdminSession } from '../../helpers/admin-session';

const tempDir = useTempDirs();
let close: () => Promise<void> = async () => {};
afterEach(async () => close());
const budi = RESIDENTS[0]!;
const penduduk = LETTERS.find((l) => l.kode === 'S-02')!;

async function adminKiosk() {
  const dir = tempDir();
  const rig = await coreWithSim(dir);
  close = rig.close;
  const { session } = await openAdminSession(rig.core);
  const admin = async <T>(name: string, input: unknown = {}) => {
    const result = await rig.core.invokeAdmin(name, input, asPage(session));
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value as T;
  };
  return { ...rig, folder: path.join(dir, 'printer-output'), admin };
}

describe('admin printer', () => {
  it('prints a test slip and draws its preview from the bytes sent, at the profile width; audited', async () => {
    const { core, admin } = await adminKiosk();
    expect((await admin<AdminPrinter>('admin.printer')).lastSlip).toBeNull();
    const { result, printer } = await admin<{ result: { outcome: string }; printer: AdminPrinter }>('admin.printTestSlip');
    expect(result.outcome).toBe('printed');
    expect(printer.lastSlip).toMatchObject({ kind: 'test-slip', previewDataUrl: expect.stringMatching(/^data:image\/png;base64,/) });
    const png = Buffer.from(printer.lastSlip!.previewDataUrl!.split(',')[1]!, 'base64');
    expect(png.readUInt32BE(16)).toBe(384); // IHDR width: 58 mm
    expect(printer.profiles.map((p) => p.id)).toContain('generic-80');
    const audit = core.db.prepare("SELECT actor, action FROM audit_log WHERE action LIKE 'printer.%'").all();
    expect(audit).toEqual([{ actor: 'pin', action: 'printer.testSlip' }]);
  });

  it('lists receipts whose last print failed, never one printed since, and prints one again', async () => {
    const { core, admin, folder } = await adminKiosk();
    await core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
    await core.invoke('letters.list', {});
    writeVirtualState(folder, 'paper-out');
    const submitted = await core.invoke('requests.submit', { letterId: penduduk.id, answers: { keperluan: 'Melamar kerja' }, requirements: {}, phone: '081234567801', note: null });
    const reference = submitted.ok ? (submitted.value as { reference: string }).reference : '';
    await core.printing.whenIdle();
    const failed = (await admin<AdminPrinter>('admin.printer')).failedReceipts;
    expect(failed).toEqual([{ reference, failedAt: expect.any(String), failure: 'printer reports paper-out' }]);

    writeVirtualState(folder, 'ready');
    const again = await admin<{ result: { outcome: string }; printer: AdminPrinter }>('admin.reprint', { reference });
    expect(again.result.outcome).toBe('printed');
    expect(again.printer.failedReceipts).toEqual([]);
    // A receipt carries a name: it is never kept for the preview.
    expect(again.printer.lastSlip).toBeNull();
  });
});

describe('printer devices', () => {
  it('lists USB printer devices and the udev symlink', async () => {
    const dev = tempDir();
    mkdirSync(path.join(dev, 'usb'));
    for (const name of ['lp1', 'lp0', 'hiddev0']) writeFileSync(path.join(dev, 'usb', name), '');
    writeFileSync(path.join(dev, 'adm-printer'), '');
    const devices = await listPrinterDevices({ devDir: dev });
    expect(devices.usb).toEqual([path.join(dev, 'adm-printer'), path.join(dev, 'usb', 'lp0'), path.join(dev, 'usb', 'lp1')]);
    expect(Array.isArray(devices.serial)).toBe(true);
  });
});
