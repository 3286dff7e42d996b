/**
 * The admin's Readers screen: the device readers' states, what was plugged
 * in, and a live log of what every reader did, so a technician can tap a
 * card or scan a receipt and tune the thresholds (on the same screen, through
 * the configuration schema like every setting) until the kiosk reads it.
 *
 * Keys typed in the admin window's test area go to the same burst detector as
 * the kiosk window's: the admin window does not capture keys otherwise, so a
 * technician's own keyboard still types into its fields.
 */
import { listInputDevices } from '../../devices/input/device-list';
import type { AdminReaders } from '../../shared/admin-contract';
import { ok } from '../../shared/result';
import type { Dispose, AdminContext } from '../feature';

/** What this feature is handed by the composition root. */
export type AdminReadersContext = Pick<AdminContext, 'call' | 'handleAdmin' | 'readerLog'>;

export const registerAdminReaders = (ctx: AdminReadersContext): Dispose => {
  ctx.handleAdmin('admin.readers', async ({ devices }) =>
    ok({ sources: ctx.readerLog.sources(), events: ctx.readerLog.events(), devices: devices ? await foundDevices() : null }),
  );

  ctx.handleAdmin('admin.readerKey', async ({ key, atMs }) => {
    const fed = await ctx.call('input.key', { key, atMs });
    return fed.ok ? ok(null) : fed;
  });

  return () => {};
};

async function foundDevices(): Promise<NonNullable<AdminReaders['devices']>> {
  const list = await listInputDevices();
  const found: NonNullable<AdminReaders['devices']>['found'] = [];
  const problems: string[] = [];
  if (list.pcsc.state === 'ready') for (const reader of list.pcsc.readers) found.push({ kind: 'pcsc', label: reader, value: null });
  else problems.push(list.pcsc.state === 'no-daemon' ? 'pcscd tidak berjalan: pembaca PC/SC tidak bisa dibaca' : `PC/SC: ${list.pcsc.message}`);
  if (Array.isArray(list.serial)) {
    for (const port of list.serial) found.push({ kind: 'serial', label: [port.path, port.manufacturer].filter(Boolean).join(' · '), value: port.path });
  } else problems.push(`serial: ${list.serial.error}`);
  if (Array.isArray(list.hid)) {
    for (const device of list.hid) {
      found.push({ kind: 'hid', label: `${device.ids} ${device.name}${device.hidPos ? ' (HID-POS)' : ''}`, value: device.ids });
    }
  } else problems.push(`HID: ${list.hid.error}`);
  return { found, problems };
}
