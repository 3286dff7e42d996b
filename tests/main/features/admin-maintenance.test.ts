import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdminStatus } from '../../../src/shared/admin-contract';
import { createKioskCore, type KioskCoreOptions } from '../../../src/main/core';
import { saveConfig } from '../../../src/main/config/store';
import { defaultConfig } from '../../../src/main/config/schema';
import { newRequest, pinOf } from '../../helpers/outbox-rig';
import { useTempDirs } from '../../helpers/temp-dir';
import { openAdminSession } from '../../helpers/admin-session';

const tempDir = useTempDirs();
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function adminKiosk(dataDir = tempDir(), options: Omit<KioskCoreOptions, 'dataDir'> = {}, usbRoots: string[] = []) {
  const config = defaultConfig();
  config.admin.usbRoots = usbRoots;
  await saveConfig(dataDir, config);
  const core = createKioskCore({ dataDir, watchConfig: false, ...options });
  closers.push(() => core.close());
  const { admin } = await openAdminSession(core);
  return { core, admin };
}

describe('admin: restart and quit', () => {
  it('asks the host to restart or quit after answering, audited, and closes admin first', async () => {
    const shell = { restart: vi.fn(), exit: vi.fn() };
    const { core, admin } = await adminKiosk(tempDir(), { shell });
    expect(await admin('admin.shell', { action: 'restart' })).toEqual({ ok: true, value: null });
    expect(shell.restart).not.toHaveBeenCalled(); // the answer goes out first
    await vi.waitFor(() => expect(shell.restart).toHaveBeenCalledTimes(1));
    expect(shell.exit).not.toHaveBeenCalled();
    expect(await admin('admin.status')).toEqual({ ok: false, error: { code: 'admin-session-required' } });
    const actions = core.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'app.%'").pluck().all();
    expect(actions).toEqual(['app.restart']);
  });

  it('says so where nothing can restart the app (the command line)', async () => {
    const { admin } = await adminKiosk();
    expect(await admin('admin.shell', { action: 'exit' })).toEqual({ ok: false, error: { code: 'not-supported' } });
  });
});

describe('admin: taking the logs', () => {
  it('downloads the logs with the audit log; writes only into a drive it offered', async () => {
    const { core, admin } = await adminKiosk();
    const download = (await admin('admin.logExport', { folder: null })) as { ok: true; value: { written: null; fileName: string; text: string } };
    expect(download.value.fileName).toMatch(/^ADM-ADM-01-\d{8}-\d{6}\.log$/);
    expect(download.value.text).toContain('kiosk core starting');
    expect(download.value.text).toContain('admin.pin.set');
    expect(await admin('admin.logExport', { folder: tempDir() })).toEqual({ ok: false, error: { code: 'not-allowed' } });
    expect(core.db.prepare("SELECT detail FROM audit_log WHERE action = 'logs.exported'").pluck().all()).toEqual([JSON.stringify({ to: 'download' })]);
  });

  it('lists nothing when no stick is mounted under the mount folders', async () => {
    const roots = tempDir();
    mkdirSync(path.join(roots, 'budi', 'NOT-A-MOUNT'), { recursive: true });
    const { admin } = await adminKiosk(tempDir(), {}, [roots]);
    expect(await admin('admin.logFolders')).toEqual({ ok: true, value: { folders: [] } });
    expect(readdirSync(path.join(roots, 'budi', 'NOT-A-MOUNT'))).toEqual([]);
  });
});

describe('admin status: a changed key', () => {
  it('counts the waiting requests whose sealed PIN the kiosk\'s key no longer opens', async () => {
    const dataDir = tempDir();
    const first = randomBytes(32);
    const before = await adminKiosk(dataDir, { keyProvider: () => first });
    before.core.outbox.enqueue(newRequest(), pinOf());
    before.core.outbox.enqueue(newRequest(), pinOf());
    let status = ((await before.admin('admin.status')) as { ok: true; value: AdminStatus }).value;
    expect(status.notices.filter((notice) => notice.code === 'key-changed')).toEqual([]);
    await closers.pop()!();

    const after = await adminKiosk(dataDir, { keyProvider: () => randomBytes(32) });
    status = ((await after.admin('admin.status')) as { ok: true; value: AdminStatus }).value;
    expect(status.notices).toContainEqual({ code: 'key-changed', count: 2 });
  });
});
