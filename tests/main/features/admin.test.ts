import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminCallNames } from '../../../src/shared/admin-contract';
import { callNames } from '../../../src/shared/contract';
import { createKioskCore, type KioskCore } from '../../../src/main/core';
import { saveConfig } from '../../../src/main/config/store';
import { defaultConfig } from '../../../src/main/config/schema';
import { RESIDENTS } from '../../../tools/opensid-sim/seed';
import { coreWithSim } from '../../helpers/core-with-sim';
import { useTempDirs } from '../../helpers/temp-dir';

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

const auditActions = (core: KioskCore) =>
  core.db.prepare("SELECT actor, action FROM audit_log WHERE action LIKE 'admin.%' ORDER BY id").all() as Array<{ actor: string; action: string }>;

describe('admin entry', () => {
  it('asks for a first PIN outside demo mode, refuses an easy one, and then opens admin with it', async () => {
    const core = await kiosk();
    expect(await core.invokeAdmin('admin.state', {}, undefined)).toEqual({ ok: true, value: { pinSet: false, demoPin: null, lockedSeconds: 0, card: null } });
    expect(await core.invokeAdmin('admin.unlock', { pin: '123456' }, undefined)).toEqual({ ok: false, error: { code: 'admin-pin-not-set' } });
    expect(await core.invokeAdmin('admin.setFirstPin', { pin: '111111' }, undefined)).toEqual({ ok: false, error: { code: 'admin-pin-weak' } });
    const first = await core.invokeAdmin('admin.setFirstPin', { pin: '482916' }, undefined);
    expect(first).toMatchObject({ ok: true, value: { actor: 'pin', idleSeconds: 300 } });
    expect(await core.invokeAdmin('admin.setFirstPin', { pin: '590317' }, undefined)).toEqual({ ok: false, error: { code: 'admin-pin-already-set' } });
    // The PIN is in the database only as its scrypt hash.
    const stored = core.db.prepare('SELECT pin_hash FROM admin_credential').pluck().get() as string;
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain('482916');
  });

  it('refuses every admin call but the public ones without an admin session, and a made-up or closed one', async () => {
    const core = await kiosk();
    for (const name of adminCallNames.filter((n) => !['admin.state', 'admin.unlock', 'admin.setFirstPin'].includes(n))) {
      expect(await core.invokeAdmin(name, {}, undefined)).toEqual({ ok: false, error: { code: 'admin-session-required' } });
      expect(await core.invokeAdmin(name, {}, 'made-up-token')).toEqual({ ok: false, error: { code: 'admin-session-required' } });
    }
    const opened = await core.invokeAdmin('admin.setFirstPin', { pin: '482916' }, undefined);
    const session = opened.ok ? (opened.value as { session: string }).session : '';
    expect(await core.invokeAdmin('admin.status', {}, session)).toMatchObject({ ok: true });
    expect(await core.invokeAdmin('admin.lock', {}, session)).toEqual({ ok: true, value: null });
    expect(await core.invokeAdmin('admin.status', {}, session)).toEqual({ ok: false, error: { code: 'admin-session-required' } });
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
    await core.invokeAdmin('admin.setFirstPin', { pin: '482916' }, undefined);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await core.invokeAdmin('admin.unlock', { pin: '000000' }, undefined));
    expect(answers.slice(0, 4)).toEqual([4, 3, 2, 1].map((count) => ({ ok: false, error: { code: 'admin-wrong-pin', params: { count } } })));
    expect(answers[4]).toEqual({ ok: false, error: { code: 'admin-locked', params: { count: 30 } } });
    // The right PIN is refused while locked.
    expect(await core.invokeAdmin('admin.unlock', { pin: '482916' }, undefined)).toMatchObject({ ok: false, error: { code: 'admin-locked' } });

    await core.close();
    core = createKioskCore({ dataDir, watchConfig: false });
    close = () => core.close();
    expect(await core.invokeAdmin('admin.state', {}, undefined)).toMatchObject({ ok: true, value: { lockedSeconds: expect.any(Number) } });
    const state = await core.invokeAdmin('admin.state', {}, undefined);
    expect(state.ok && (state.value as { lockedSeconds: number }).lockedSeconds).toBeGreaterThan(25);
    const refused = auditActions(core).filter((row) => row.action === 'admin.refused');
    expect(refused).toHaveLength(6);
  });

  it('opens with the demo PIN only in demo mode, and only while no PIN of its own is set', async () => {
    const dataDir = tempDir();
    const core = createKioskCore({ dataDir, watchConfig: false, serverUrlOverride: 'http://127.0.0.1:9' });
    close = () => core.close();
    expect(await core.invokeAdmin('admin.state', {}, undefined)).toMatchObject({ ok: true, value: { demoPin: '123456', pinSet: false } });
    expect(await core.invokeAdmin('admin.unlock', { pin: '123456' }, undefined)).toMatchObject({ ok: true, value: { actor: 'pin' } });

    const configured = await kiosk();
    expect(await configured.invokeAdmin('admin.unlock', { pin: '123456' }, undefined)).toEqual({ ok: false, error: { code: 'admin-pin-not-set' } });
    await configured.close();
  });

  it('ends the resident session when admin opens, tells the resident screens, and reopens them when admin closes', async () => {
    const rig = await coreWithSim(tempDir());
    close = rig.close;
    const events = vi.fn();
    rig.core.onEvent((name, payload) => name === 'kiosk.adminChanged' && events(payload));
    const budi = RESIDENTS[0]!;
    expect(await rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin })).toMatchObject({ ok: true });
    const opened = await rig.core.invokeAdmin('admin.setFirstPin', { pin: '482916' }, undefined);
    const session = opened.ok ? (opened.value as { session: string }).session : '';
    await vi.waitFor(() => expect(events).toHaveBeenCalledWith({ open: true }));
    expect(await rig.core.invoke('letters.list', {})).toMatchObject({ ok: false, error: { code: 'session-required' } });
    expect(await rig.core.invoke('kiosk.getInfo', {})).toMatchObject({ ok: true, value: { adminOpen: true } });
    await rig.core.invokeAdmin('admin.lock', {}, session);
    expect(events).toHaveBeenLastCalledWith({ open: false });
    expect(await rig.core.invoke('kiosk.getInfo', {})).toMatchObject({ ok: true, value: { adminOpen: false } });
    expect(auditActions(rig.core)).toEqual([
      { actor: 'pin', action: 'admin.pin.set' },
      { actor: 'pin', action: 'admin.opened' },
      { actor: 'pin', action: 'admin.closed' },
    ]);
  });

  it('reports the kiosk status: server, outbox, printer, disk, version, and what needs a technician', async () => {
    const rig = await coreWithSim(tempDir());
    close = rig.close;
    const opened = await rig.core.invokeAdmin('admin.setFirstPin', { pin: '482916' }, undefined);
    const session = opened.ok ? (opened.value as { session: string }).session : '';
    const status = await rig.core.invokeAdmin('admin.status', {}, session);
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
    const down = await rig.core.invokeAdmin('admin.status', {}, session);
    expect(down).toMatchObject({ ok: true, value: { server: { reachable: false }, notices: [{ code: 'server-unreachable' }] } });
  });
});
