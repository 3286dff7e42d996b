/**
 * The demo decision both hosts make: the embedded demo server starts only
 * when nothing named config.json is in the data directory. A config.json the
 * kiosk cannot read (a folder, a link to nothing) needs a technician; it must
 * neither start demo mode nor stop the host from starting.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configPath } from '../../src/main/config/store';
import { startHostCore, type HostCore } from '../../src/main/host-core';
import { DEMO_ADMIN_PIN } from '../../src/main/admin/commissioning';
import { setAdminPinOnPc } from '../../src/main/admin/set-pin-on-pc';
import type { AdminStatus } from '../../src/shared/admin-contract';
import { RESIDENTS } from '../../tools/opensid-sim/seed';
import { startOpensidSim } from '../../tools/opensid-sim/server';
import { asPage, TEST_ADMIN_PIN } from '../helpers/admin-session';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const started: HostCore[] = [];
afterEach(async () => {
  for (const host of started.splice(0)) await host.close();
});

async function start(dataDir: string): Promise<HostCore> {
  const host = await startHostCore({ demo: true, env: { ADM_DATA_DIR: dataDir }, startBackground: false });
  started.push(host);
  return host;
}

/** The host closed and started again on the same data directory, as "Mulai ulang" or a reboot does. */
async function restart(host: HostCore): Promise<HostCore> {
  started.splice(started.indexOf(host), 1);
  await host.close();
  return start(host.core.dataDir);
}

/** Admin opened on a host's core with this PIN, and its calls. */
async function openAdmin(host: HostCore, pin: string) {
  const opened = await host.core.invokeAdmin('admin.unlock', { pin }, asPage());
  if (!opened.ok) throw new Error(`admin did not open: ${JSON.stringify(opened.error)}`);
  const session = (opened.value as { session: string }).session;
  return (name: string, input: unknown = {}) => host.core.invokeAdmin(name, input, asPage(session));
}

const noticeCodes = (status: Awaited<ReturnType<HostCore['core']['invokeAdmin']>>) => (status.ok ? (status.value as AdminStatus).notices.map((n) => n.code) : null);

describe('startHostCore: demo mode', () => {
  it.each([
    ['a link to nothing', (file: string, dir: string) => symlinkSync(path.join(dir, 'restored-later.json'), file), /config\.json is a link to .*, which does not exist/],
    ['a folder', (file: string) => mkdirSync(file), /config\.json is a folder, not a file/],
  ])('is not started when config.json is %s: the kiosk starts and needs a technician', async (_name, make, detail) => {
    const dataDir = tempDir();
    make(configPath(dataDir), dataDir);
    const host = await start(dataDir);
    expect(host.demo).toBeNull();
    expect(host.core.needsTechnician()).toMatch(detail);
    expect(host.core.village()).toBeNull();
  });

  it('is started when nothing is named config.json', async () => {
    const host = await start(tempDir());
    expect(host.demo).not.toBeNull();
    expect(host.core.needsTechnician()).toBeNull();
  });
});

describe('the first save on a demo kiosk', () => {
  it('is refused until confirmed, saying what follows; confirmed, the demo PIN stops at once and the next start has no demo server and no village server', async () => {
    const host = await start(tempDir());
    const dataDir = host.core.dataDir;
    const admin = await openAdmin(host, DEMO_ADMIN_PIN);

    expect(await admin('admin.saveSettings', { values: { 'kiosk.name': 'ADM-Balai' } })).toEqual({
      ok: false,
      error: { code: 'ends-demo', params: { adminPin: 'set-on-pc', server: 'none' } },
    });
    expect(existsSync(configPath(dataDir))).toBe(false);
    expect(noticeCodes(await admin('admin.status'))).toEqual(['demo-mode', 'admin-pin-demo']);

    expect(await admin('admin.saveSettings', { values: { 'kiosk.name': 'ADM-Balai' }, endDemo: true })).toMatchObject({ ok: true });
    expect(JSON.parse(readFileSync(configPath(dataDir), 'utf8'))).toEqual({ kiosk: { name: 'ADM-Balai' } });
    // What the screen said: from this save the demo PIN opens nothing, and a PIN comes from the kiosk PC only.
    expect(await host.core.invokeAdmin('admin.state', {}, asPage(undefined, 'ws:other'))).toMatchObject({ ok: true, value: { demoPin: null, firstPinHere: false } });
    expect(noticeCodes(await admin('admin.status'))).toEqual(['admin-pin-missing', 'demo-ends-at-restart']);
    // A second save ends nothing more: no second question.
    expect(await admin('admin.saveSettings', { values: { 'kiosk.idleSeconds': 90 } })).toMatchObject({ ok: true });
    const audit = host.core.db.prepare("SELECT action, detail FROM audit_log WHERE action = 'demo.ended'").all();
    expect(audit).toHaveLength(1);

    const again = await restart(host);
    expect(again.demo).toBeNull();
    expect(again.core.village()).toBeNull();
    expect(again.core.config().kiosk).toMatchObject({ name: 'ADM-Balai', idleSeconds: 90 });
    expect(await again.core.invoke('session.identify', { nik: RESIDENTS[0]!.nik, pin: RESIDENTS[0]!.pin })).toEqual({ ok: false, error: { code: 'server-not-configured' } });
    expect(again.core.adminPinMissing()).toBe(true);
    expect(await again.core.invokeAdmin('admin.unlock', { pin: DEMO_ADMIN_PIN }, asPage())).toEqual({ ok: false, error: { code: 'admin-pin-on-pc' } });

    expect(await setAdminPinOnPc(again.core, TEST_ADMIN_PIN)).toMatchObject({ ok: true });
    const afterPin = await openAdmin(again, TEST_ADMIN_PIN);
    const status = await afterPin('admin.status');
    expect(status).toMatchObject({ ok: true, value: { demoMode: false, server: { url: null } } });
    expect(noticeCodes(status)).toEqual(['server-not-set']);
  });

  it('keeps the kiosk\'s own PIN, set in Keamanan first, and says so', async () => {
    const host = await start(tempDir());
    const admin = await openAdmin(host, DEMO_ADMIN_PIN);
    expect(await admin('admin.changePin', { current: DEMO_ADMIN_PIN, next: TEST_ADMIN_PIN })).toMatchObject({ ok: true });
    expect(await admin('admin.saveSettings', { values: { 'kiosk.idleSeconds': 90 } })).toMatchObject({
      ok: false,
      error: { code: 'ends-demo', params: { adminPin: 'own', server: 'none' } },
    });
    expect(await admin('admin.saveSettings', { values: { 'kiosk.idleSeconds': 90 }, endDemo: true })).toMatchObject({ ok: true });
    expect(noticeCodes(await admin('admin.status'))).toEqual(['demo-ends-at-restart']);

    const again = await restart(host);
    expect(again.demo).toBeNull();
    expect(again.core.adminPinMissing()).toBe(false);
    expect(await again.core.invokeAdmin('admin.unlock', { pin: TEST_ADMIN_PIN }, asPage())).toMatchObject({ ok: true });
  });

  it('from the Server screen: asks first too, and the next start sends to the saved village server instead of the demo one', async () => {
    const village = await startOpensidSim();
    try {
      const host = await start(tempDir());
      const admin = await openAdmin(host, DEMO_ADMIN_PIN);
      expect(await admin('admin.setServerUrl', { url: village.url, pending: 'ask' })).toEqual({
        ok: false,
        error: { code: 'ends-demo', params: { adminPin: 'set-on-pc', server: 'set' } },
      });
      expect(existsSync(configPath(host.core.dataDir))).toBe(false);
      expect(await admin('admin.setServerUrl', { url: village.url, pending: 'ask', endDemo: true })).toMatchObject({ ok: true, value: { outcome: 'saved', restartNeeded: true } });
      expect(noticeCodes(await admin('admin.status'))).toEqual(['admin-pin-missing', 'demo-ends-at-restart']);

      const again = await restart(host);
      expect(again.demo).toBeNull();
      expect(again.core.config().server.url).toBe(village.url);
      expect(again.core.village()).not.toBeNull();
    } finally {
      for (const host of started.splice(0)) await host.close();
      await village.close();
    }
  });
});
