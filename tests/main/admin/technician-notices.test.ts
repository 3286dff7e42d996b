import { afterEach, describe, expect, it } from 'vitest';
import { createKioskCore, type KioskCore } from '../../../src/main/core';
import { saveConfig } from '../../../src/main/config/store';
import { defaultConfig } from '../../../src/main/config/schema';
import { LOW_DISK_BYTES, technicianNotices, type NoticeContext, type NoticeFacts } from '../../../src/main/admin/technician-notices';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
let core: KioskCore | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

const well: NoticeFacts = { printerStatus: 'ready', server: { reachable: true, licensed: true }, unreadableSecrets: 0, diskFreeBytes: 10 * LOW_DISK_BYTES };

/** A kiosk in service with its server set and its own PIN: nothing needs a technician until a fact says so. */
async function kioskInService(busyPort: number | null = null): Promise<NoticeContext> {
  const dataDir = tempDir();
  const config = defaultConfig();
  config.server.url = 'http://127.0.0.1:9';
  await saveConfig(dataDir, config);
  core = createKioskCore({ dataDir, watchConfig: false });
  const running = core;
  return {
    config: { current: running.config },
    dataDir,
    demoMode: false,
    needsTechnician: running.needsTechnician,
    outbox: running.outbox,
    serverTarget: running.serverTarget,
    metricsPortBusy: () => busyPort,
    references: { profile: () => null },
    adminAuth: { pinSet: () => true },
  };
}

describe('what needs a technician', () => {
  it('is nothing on a kiosk in service whose facts are all well', async () => {
    expect(technicianNotices(await kioskInService(), well)).toEqual([]);
  });

  it('reads each fact the caller gives, most important first', async () => {
    const ctx = await kioskInService(9464);
    const notices = technicianNotices(ctx, {
      printerStatus: 'cover-open',
      server: { reachable: false, licensed: null },
      unreadableSecrets: 2,
      diskFreeBytes: LOW_DISK_BYTES - 1,
    });
    expect(notices).toEqual([
      { code: 'key-changed', count: 2 },
      { code: 'server-unreachable' },
      { code: 'printer-problem', status: 'cover-open' },
      { code: 'disk-low', freeMb: 199 },
      { code: 'metrics-port-busy', port: 9464 },
    ]);
  });

  it('says nothing of the server before it was asked, nor of a disk it cannot read; paper near end is no problem yet', async () => {
    const ctx = await kioskInService();
    expect(technicianNotices(ctx, { ...well, server: null, diskFreeBytes: null, printerStatus: 'paper-near-end' })).toEqual([]);
    expect(technicianNotices(ctx, { ...well, server: { reachable: true, licensed: false } })).toEqual([{ code: 'server-unlicensed' }]);
  });
});
