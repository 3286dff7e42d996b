import { existsSync, readFileSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminCallNames } from '../../../src/shared/admin-contract';
import { callNames } from '../../../src/shared/contract';
import { createKioskCore, type KioskCore } from '../../../src/main/core';
import { configPath, saveConfig } from '../../../src/main/config/store';
import { defaultConfig } from '../../../src/main/config/schema';
import { setAdminPinOnPc } from '../../../src/main/admin/set-pin-on-pc';
import { DEMO_TARGET, serverTarget } from '../../../src/main/village/server-target';
import { startHostCore } from '../../../src/main/host-core';
import { RESIDENTS } from '../../../tools/opensid-sim/seed';
import { coreWithSim } from '../../helpers/core-with-sim';
import { newRequest, pinOf } from '../../helpers/outbox-rig';
import { useTempDirs } from '../../helpers/temp-dir';
import { asPage, openAdminSession, TEST_PAGE } from '../../helpers/admin-session';

const tempDir = useTempDirs();
let close: () => Promise<void> = async () => {};
afterEach(async () => close());

async function kiosk(dataDir = tempDir()): Promise<KioskCore> {
  const config = defaultConfig();
  config.server.url = 'http://127.0.0.1:9'; // a configured kiosk (not demo mode); nothing listens there
  await saveConfig(dataDir, config);
  const core = createKioskCore({ dataDir, watchConfig: false });
  close = () => core.close();
  return core;
}

/** A kiosk never put into service: no configuration file, no request. */
function newKiosk(dataDir = tempDir()): KioskCore {
  const core = createKioskCore({ dataDir, watchConfig: false });
  close = () => core.close();
  return core;
}

const auditActions = (core: KioskCore) =>
  core.db.prepare("SELECT actor, action FROM audit_log WHERE action LIKE 'admin.%' ORDER BY id").all() as Array<{ actor: string; action: string }>;
const sessionOf = (result: Awaited<ReturnType<KioskCore['invokeAdmin']>>) => (result.ok ? (result.value as { session: string }).session : '');

describe('admin entry', () => {
  it('asks a kiosk never put into service for a first PIN on the screen, refuses an easy one, and then opens admin with it', async () => {
    const core = newKiosk();
    expect(await core.invokeAdmin('admin.state', {}, asPage())).toEqual({
      ok: true,
      value: { pinSet: false, firstPinHere: true, demoPin: null, lockedSeconds: 0, card: null },
    });
    expect(core.adminPinMissing()).toBe(false);
    expect(await core.invokeAdmin('admin.unlock', { pin: '123456' }, asPage())).toEqual({ ok: false, error: { code: 'admin-pin-not-set' } });
    expect(await core.invokeAdmin('admin.setFirstPin', { pin: '111111' }, asPage())).toEqual({ ok: false, error: { code: 'admin-pin-weak' } });
    const first = await core.invokeAdmin('admin.setFirstPin', { pin: '482916' }, asPage());
    expect(first).toMatchObject({ ok: true, value: { actor: 'pin', idleSeconds: 300, timeZone: 'Asia/Jakarta' } });
    expect(await core.invokeAdmin('admin.setFirstPin', { pin: '590317' }, asPage())).toEqual({ ok: false, error: { code: 'admin-pin-already-set' } });
    // The PIN is in the database only as its scrypt hash.
    const stored = core.db.prepare('SELECT pin_hash FROM admin_credential').pluck().get() as string;
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain('482916');
  });

  it('refuses every admin call but the public ones without an admin session, and a made-up or closed one', async () => {
    const core = await kiosk();
    for (const name of adminCallNames.filter((n) => !['admin.state', 'admin.unlock', 'admin.setFirstPin'].includes(n))) {
      expect(await core.invokeAdmin(name, {}, asPage())).toEqual({ ok: false, error: { code: 'admin-session-required' } });
      expect(await core.invokeAdmin(name, {}, asPage('made-up-token'))).toEqual({ ok: false, error: { code: 'admin-session-required' } });
    }
    const { session } = await openAdminSession(core);
    expect(await core.invokeAdmin('admin.status', {}, asPage(session))).toMatchObject({ ok: true });
    expect(await core.invokeAdmin('admin.lock', {}, asPage(session))).toEqual({ ok: true, value: null });
    expect(await core.invokeAdmin('admin.status', {}, asPage(session))).toEqual({ ok: false, error: { code: 'admin-session-required' } });
  });

  it('keeps the admin half out of the resident contract: the resident entry cannot name an admin call', async () => {
    const core = await kiosk();
    for (const name of adminCallNames) {
      expect((callNames as readonly string[]).includes(name)).toBe(false);
      expect(await core.invoke(name, {})).toEqual({ ok: false, error: { code: 'unknown-call' } });
    }
  });

  it('locks the keypad after five wrong PINs with a growing wait, across a restart, and audits every attempt', async () => {
    const dataDir = tempDir();
    let core = await kiosk(dataDir);
    await setAdminPinOnPc(core, '482916');
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await core.invokeAdmin('admin.unlock', { pin: '000000' }, asPage()));
    expect(answers.slice(0, 4)).toEqual([4, 3, 2, 1].map((count) => ({ ok: false, error: { code: 'admin-wrong-pin', params: { count } } })));
    expect(answers[4]).toEqual({ ok: false, error: { code: 'admin-locked', params: { count: 30 } } });
    // The right PIN is refused while locked.
    expect(await core.invokeAdmin('admin.unlock', { pin: '482916' }, asPage())).toMatchObject({ ok: false, error: { code: 'admin-locked' } });

    await core.close();
    core = createKioskCore({ dataDir, watchConfig: false });
    close = () => core.close();
    expect(await core.invokeAdmin('admin.state', {}, asPage())).toMatchObject({ ok: true, value: { lockedSeconds: expect.any(Number) } });
    const state = await core.invokeAdmin('admin.state', {}, asPage());
    expect(state.ok && (state.value as { lockedSeconds: number }).lockedSeconds).toBeGreaterThan(25);
    const refused = auditActions(core).filter((row) => row.action === 'admin.refused');
    expect(refused).toHaveLength(6);
  });

  it('opens with the demo PIN only in demo mode, and only while no PIN of its own is set', async () => {
    const dataDir = tempDir();
    const core = createKioskCore({ dataDir, watchConfig: false, serverUrlOverride: 'http://127.0.0.1:9' });
    close = () => core.close();
    expect(await core.invokeAdmin('admin.state', {}, asPage())).toMatchObject({ ok: true, value: { demoPin: '123456', pinSet: false } });
    expect(await core.invokeAdmin('admin.unlock', { pin: '123456' }, asPage())).toMatchObject({ ok: true, value: { actor: 'pin' } });

    const configured = await kiosk();
    expect(await configured.invokeAdmin('admin.unlock', { pin: '123456' }, asPage())).toEqual({ ok: false, error: { code: 'admin-pin-on-pc' } });
    await configured.close();
  });

  it('ends the resident session when admin opens, tells the resident screens, and reopens them when admin closes', async () => {
    const rig = await coreWithSim(tempDir());
    close = rig.close;
    const events = vi.fn();
    rig.core.onEvent((name, payload) => name === 'kiosk.adminChanged' && events(payload));
    const budi = RESIDENTS[0]!;
    expect(await rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin })).toMatchObject({ ok: true });
    const { session } = await openAdminSession(rig.core);
    await vi.waitFor(() => expect(events).toHaveBeenCalledWith({ open: true }));
    expect(await rig.core.invoke('letters.list', {})).toMatchObject({ ok: false, error: { code: 'session-required' } });
    expect(await rig.core.invoke('kiosk.getInfo', {})).toMatchObject({ ok: true, value: { adminOpen: true } });
    await rig.core.invokeAdmin('admin.lock', {}, asPage(session));
    expect(events).toHaveBeenLastCalledWith({ open: false });
    expect(await rig.core.invoke('kiosk.getInfo', {})).toMatchObject({ ok: true, value: { adminOpen: false } });
    expect(auditActions(rig.core)).toEqual([
      { actor: expect.stringMatching(/^pc:/), action: 'admin.pin.set' },
      { actor: 'pin', action: 'admin.opened' },
      { actor: 'pin', action: 'admin.closed' },
    ]);
  });

  it('reports the kiosk status: server, outbox, printer, disk, version, and what needs a technician', async () => {
    const rig = await coreWithSim(tempDir());
    close = rig.close;
    const { admin } = await openAdminSession(rig.core);
    const status = await admin('admin.status');
    expect(status).toMatchObject({
      ok: true,
      value: {
        appVersion: expect.stringMatching(/^\d+\.\d+\.\d+/),
        kioskName: 'ADM-01',
        server: { url: rig.sim.url, reachable: true, version: 'v2608.0.0', village: 'Sukamaju', licensed: true, problem: null },
        outbox: { pending: 0, synced: 0, parked: 0, rejected: 0 },
        printer: { transport: expect.stringMatching(/^virtual/) },
        notices: [],
      },
    });
    const value = status.ok ? (status.value as { disk: { freeBytes: number } | null }) : null;
    expect(value?.disk?.freeBytes).toBeGreaterThan(0);

    await rig.sim.setDown(true);
    const down = await admin('admin.status');
    expect(down).toMatchObject({ ok: true, value: { server: { reachable: false }, notices: [{ code: 'server-unreachable' }] } });
  });

  it('never says all is well on a kiosk with no village server, nor on a demo kiosk, and puts the most important notice first', async () => {
    const dataDir = tempDir();
    await saveConfig(dataDir, defaultConfig());
    const unset = createKioskCore({ dataDir, watchConfig: false });
    close = () => unset.close();
    const { admin } = await openAdminSession(unset);
    expect(await admin('admin.status')).toMatchObject({ ok: true, value: { demoMode: false, server: { url: null }, notices: [{ code: 'server-not-set' }] } });
    unset.outbox.enqueue(newRequest({ serverTarget: serverTarget('http://127.0.0.1:9') }), pinOf());
    unset.outbox.park(unset.outbox.list()[0]!.id, 'test');
    const noticesOf = async () => {
      const status = await admin('admin.status');
      return status.ok ? (status.value as { notices: Array<{ code: string }> }).notices.map((n) => n.code) : [];
    };
    // Found after the parked request, said before it: residents cannot sign in at all.
    expect(await noticesOf()).toEqual(['server-not-set', 'parked-requests']);
    await unset.close();

    // A demo kiosk with a PIN of its own: still demo mode, and that is said.
    const demo = createKioskCore({ dataDir: tempDir(), watchConfig: false, serverUrlOverride: 'http://127.0.0.1:9' });
    close = () => demo.close();
    const demoAdmin = (await openAdminSession(demo)).admin;
    const status = await demoAdmin('admin.status');
    expect(status).toMatchObject({ ok: true, value: { demoMode: true } });
    expect(status.ok && (status.value as { notices: Array<{ code: string }> }).notices.map((n) => n.code)).toEqual(['demo-mode', 'server-unreachable']);
  });
});

describe('who may set the first admin PIN', () => {
  /** Kiosks that have been put into service: a configuration file, a stored request, or both. */
  const inService: Array<[string, { config: boolean; request: 'pending' | 'synced' | null }]> = [
    ['a configuration file only', { config: true, request: null }],
    ['a waiting request only', { config: false, request: 'pending' }],
    ['a request already sent (its personal data purged or not)', { config: false, request: 'synced' }],
    ['both', { config: true, request: 'pending' }],
  ];

  it.each(inService)('a kiosk with %s takes no first PIN from any page; the PC sets it, and admin opens with that', async (_name, setup) => {
    const dataDir = tempDir();
    if (setup.config) {
      const config = defaultConfig();
      config.server.url = 'http://127.0.0.1:9';
      await saveConfig(dataDir, config);
    }
    let core = newKiosk(dataDir);
    if (setup.request) {
      const made = core.outbox.enqueue(newRequest({ serverTarget: serverTarget('http://127.0.0.1:9') }), pinOf());
      if (setup.request === 'synced') core.outbox.markSynced(made.id, 77, 0);
      await core.close();
      core = newKiosk(dataDir);
    }
    expect(core.adminPinMissing()).toBe(true);
    expect(await core.invokeAdmin('admin.state', {}, asPage())).toMatchObject({ ok: true, value: { pinSet: false, firstPinHere: false } });
    expect(await core.invokeAdmin('admin.setFirstPin', { pin: '482916' }, asPage())).toEqual({ ok: false, error: { code: 'admin-pin-on-pc' } });
    expect(await core.invokeAdmin('admin.unlock', { pin: '482916' }, asPage())).toEqual({ ok: false, error: { code: 'admin-pin-on-pc' } });
    expect(core.db.prepare('SELECT COUNT(*) FROM admin_credential').pluck().get()).toBe(0);
    expect(core.db.prepare("SELECT detail FROM audit_log WHERE action = 'admin.refused'").pluck().all()).toEqual([JSON.stringify({ reason: 'first-pin-on-pc' })]);

    expect(await setAdminPinOnPc(core, '482916')).toEqual({ ok: true, replaced: false });
    expect(core.adminPinMissing()).toBe(false);
    expect(await core.invokeAdmin('admin.unlock', { pin: '482916' }, asPage())).toMatchObject({ ok: true, value: { actor: 'pin' } });
  });

  it('says in the log, at every start, that a kiosk in service has no admin PIN', async () => {
    const dataDir = tempDir();
    const core = await kiosk(dataDir);
    await core.close();
    const log = readFileSync(`${dataDir}/logs/adm.log`, 'utf8');
    expect(log).toContain('PERLU PETUGAS');
    expect(log).toContain('adm admin set-pin');
  });

  it('cannot be taken over through the screen: no first PIN, so no new server for the next residents', async () => {
    const rig = await coreWithSim(tempDir());
    close = rig.close;
    const made = rig.core.outbox.enqueue(newRequest({ serverTarget: serverTarget(rig.sim.url) }), pinOf());
    const configBefore = readFileSync(configPath(rig.core.dataDir), 'utf8');
    const first = await rig.core.invokeAdmin('admin.setFirstPin', { pin: '482916' }, asPage());
    expect(first).toEqual({ ok: false, error: { code: 'admin-pin-on-pc' } });
    const moved = await rig.core.invokeAdmin('admin.setServerUrl', { url: 'http://127.0.0.1:1/', pending: 'retarget' }, asPage(sessionOf(first)));
    expect(moved).toEqual({ ok: false, error: { code: 'admin-session-required' } });
    expect(readFileSync(configPath(rig.core.dataDir), 'utf8')).toBe(configBefore);
    expect(rig.core.outbox.byReference(made.reference)).toMatchObject({ serverTarget: serverTarget(rig.sim.url) });
  });

  it('lets two first PINs offered at once on a new kiosk set one, never both', async () => {
    const core = newKiosk();
    const answers = await Promise.all([
      core.invokeAdmin('admin.setFirstPin', { pin: '482916' }, asPage(undefined, 'ws:1')),
      core.invokeAdmin('admin.setFirstPin', { pin: '590317' }, asPage(undefined, 'ws:2')),
    ]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok)).toEqual([{ ok: false, error: { code: 'admin-pin-already-set' } }]);
    const winner = answers[0]!.ok ? '482916' : '590317';
    expect(await core.invokeAdmin('admin.unlock', { pin: winner }, asPage())).toMatchObject({ ok: true });
  });
});

describe('the admin PIN lock against attempts sent at once', () => {
  it('checks 21 unlocks sent together one at a time: 20 wrong ones lock the keypad before the right one is looked at', async () => {
    const core = await kiosk();
    await setAdminPinOnPc(core, '482916');
    const attempts = [...Array.from({ length: 20 }, () => '000000'), '482916'];
    const answers = await Promise.all(attempts.map((pin) => core.invokeAdmin('admin.unlock', { pin }, asPage())));
    expect(answers.slice(0, 4)).toEqual([4, 3, 2, 1].map((count) => ({ ok: false, error: { code: 'admin-wrong-pin', params: { count } } })));
    expect(answers.slice(4).every((a) => !a.ok && a.error.code === 'admin-locked')).toBe(true);
    expect(await core.invoke('kiosk.getInfo', {})).toMatchObject({ ok: true, value: { adminOpen: false } });
  });
});

describe('an admin session belongs to the page that opened it', () => {
  it('is refused from another page, and ends (resident screens back, audited) when its page goes away', async () => {
    const core = await kiosk();
    const events = vi.fn();
    core.onEvent((name, payload) => name === 'kiosk.adminChanged' && events(payload));
    const { session, admin } = await openAdminSession(core, '482916', 'ws:1');
    expect(await admin('admin.status')).toMatchObject({ ok: true });
    expect(await core.invokeAdmin('admin.status', {}, asPage(session, 'ws:2'))).toEqual({ ok: false, error: { code: 'admin-session-required' } });
    expect(await core.invokeAdmin('admin.status', {}, asPage(session, TEST_PAGE))).toEqual({ ok: false, error: { code: 'admin-session-required' } });

    core.adminHolderGone('ws:2'); // another page closing changes nothing
    expect(await admin('admin.status')).toMatchObject({ ok: true });
    core.adminHolderGone('ws:1');
    expect(events).toHaveBeenLastCalledWith({ open: false });
    expect(await core.invoke('kiosk.getInfo', {})).toMatchObject({ ok: true, value: { adminOpen: false } });
    expect(await admin('admin.status')).toEqual({ ok: false, error: { code: 'admin-session-required' } });
    const closed = core.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'admin.closed'").all();
    expect(closed).toEqual([{ actor: 'pin', detail: JSON.stringify({ reason: 'page-closed' }) }]);
  });
});

describe('a kiosk in service whose config.json went missing', () => {
  /** A kiosk that served a resident (a request for a real village server), then lost its configuration file. */
  async function servedKioskWithoutConfig(): Promise<string> {
    const dataDir = tempDir();
    const core = await kiosk(dataDir);
    core.outbox.enqueue(newRequest({ serverTarget: serverTarget('http://127.0.0.1:9') }), pinOf());
    await core.close();
    rmSync(configPath(dataDir));
    return dataDir;
  }

  it('never starts demo mode in a host, and needs a technician instead of running on defaults', async () => {
    const dataDir = await servedKioskWithoutConfig();
    const host = await startHostCore({ demo: true, env: { ADM_DATA_DIR: dataDir } });
    close = () => host.close();
    expect(host.demo).toBeNull();
    expect(host.core.needsTechnician()).toMatch(/the file is gone from a kiosk that has served residents/);
    expect(await host.core.invoke('session.identify', { nik: RESIDENTS[0]!.nik, pin: RESIDENTS[0]!.pin })).toEqual({ ok: false, error: { code: 'needs-technician' } });
    await host.close();
    close = async () => {};
    expect(readFileSync(`${dataDir}/logs/adm.log`, 'utf8')).toMatch(/PERLU PETUGAS: config.json tidak dapat dibaca: the file is gone/);
  });

  it('takes no demo PIN and no first PIN, even in a core started as a demo kiosk', async () => {
    const dataDir = await servedKioskWithoutConfig();
    const core = createKioskCore({ dataDir, watchConfig: false, serverUrlOverride: 'http://127.0.0.1:9' });
    close = () => core.close();
    expect(await core.invokeAdmin('admin.state', {}, asPage())).toMatchObject({ ok: true, value: { pinSet: false, firstPinHere: false, demoPin: null } });
    expect(await core.invokeAdmin('admin.unlock', { pin: '123456' }, asPage())).toEqual({ ok: false, error: { code: 'admin-pin-on-pc' } });
    expect(await core.invokeAdmin('admin.setFirstPin', { pin: '482916' }, asPage())).toEqual({ ok: false, error: { code: 'admin-pin-on-pc' } });
    expect(core.adminPinMissing()).toBe(true);
  });

  it('refuses every admin save until the file is back: a new file would hold the one change and lose the rest', async () => {
    const dataDir = await servedKioskWithoutConfig();
    const core = createKioskCore({ dataDir, watchConfig: false });
    close = () => core.close();
    const { admin } = await openAdminSession(core);
    expect(await admin('admin.settings')).toMatchObject({ ok: true, value: { unreadableFile: { reason: 'missing' } } });
    expect(await admin('admin.saveSettings', { values: { 'kiosk.idleSeconds': 90 } })).toMatchObject({ ok: false, error: { code: 'config-unreadable' } });
    expect(await admin('admin.setServerUrl', { url: 'http://127.0.0.1:8/', pending: 'retarget' })).toMatchObject({ ok: false, error: { code: 'config-unreadable' } });
    expect(existsSync(configPath(dataDir))).toBe(false);
    expect(core.needsTechnician()).not.toBeNull();
  });

  it('a demo kiosk that took demo requests is still a demo kiosk: the demo PIN opens it, nothing needs a technician', async () => {
    const dataDir = tempDir();
    const core = createKioskCore({ dataDir, watchConfig: false, serverUrlOverride: 'http://127.0.0.1:9' });
    close = () => core.close();
    core.outbox.enqueue(newRequest({ serverTarget: DEMO_TARGET }), pinOf());
    expect(core.needsTechnician()).toBeNull();
    expect(core.adminPinMissing()).toBe(false);
    expect(await core.invokeAdmin('admin.unlock', { pin: '123456' }, asPage())).toMatchObject({ ok: true });
  });
});
