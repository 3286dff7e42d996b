import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdminServer, SetServerUrlAnswer } from '../../../src/shared/admin-contract';
import { configPath } from '../../../src/main/config/store';
import { createKioskCore } from '../../../src/main/core';
import { DEMO_TARGET, serverTarget } from '../../../src/main/village/server-target';
import { startOpensidSim, type OpensidSim } from '../../../tools/opensid-sim/server';
import { coreWithSim } from '../../helpers/core-with-sim';
import { newRequest, pinOf } from '../../helpers/outbox-rig';
import { useTempDirs } from '../../helpers/temp-dir';
import { asPage, openAdminSession } from '../../helpers/admin-session';

const tempDir = useTempDirs();
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function adminKiosk() {
  const rig = await coreWithSim(tempDir());
  closers.push(rig.close);
  const { admin } = await openAdminSession(rig.core);
  return { ...rig, admin };
}

async function secondServer(): Promise<OpensidSim> {
  const sim = await startOpensidSim();
  closers.push(() => sim.close());
  return sim;
}

const valueOf = <T>(result: unknown) => (result as { ok: true; value: T }).value;

describe('admin server screen', () => {
  it('checks the server in use, and a typed URL before it is saved', async () => {
    const { admin, sim } = await adminKiosk();
    expect(valueOf<{ check: unknown }>(await admin('admin.serverCheck', { url: null })).check).toMatchObject({
      url: sim.url,
      reachable: true,
      licensed: true,
      village: expect.any(String),
      version: expect.stringMatching(/^v\d+/),
    });
    const other = await secondServer();
    expect(valueOf<{ check: unknown }>(await admin('admin.serverCheck', { url: other.url })).check).toMatchObject({ url: other.url, reachable: true });
    await other.close();
    expect(valueOf<{ check: unknown }>(await admin('admin.serverCheck', { url: other.url })).check).toMatchObject({ reachable: false, problem: expect.any(String) });
    expect(await admin('admin.serverCheck', { url: 'ftp://desa.example' })).toEqual({ ok: false, error: { code: 'validation', fields: { 'server.url': 'invalid' } } });
  });

  it('refreshes the village profile now and says when each kind of reference data was fetched', async () => {
    const { admin } = await adminKiosk();
    const before = valueOf<AdminServer>(await admin('admin.server'));
    expect(before.reference).toEqual({ profile: null, letters: null, articles: null });
    const refreshed = valueOf<{ refreshed: boolean; server: AdminServer }>(await admin('admin.refreshReference'));
    expect(refreshed.refreshed).toBe(true);
    expect(Date.parse(refreshed.server.reference.profile ?? '')).not.toBeNaN();
    expect(refreshed.server.reference.letters).toBeNull();
  });

  it('asks before a new URL leaves waiting requests behind; "keep" saves the URL and holds them for their server', async () => {
    const { core, admin, sim } = await adminKiosk();
    const oldTarget = serverTarget(sim.url);
    const made = [1, 2].map(() => core.outbox.enqueue(newRequest({ serverTarget: oldTarget }), pinOf()));
    const other = await secondServer();

    const asked = valueOf<SetServerUrlAnswer>(await admin('admin.setServerUrl', { url: other.url, pending: 'ask' }));
    expect(asked).toEqual({ outcome: 'decide', pending: [{ target: oldTarget, count: 2 }] });
    expect(core.config().server.url).toBe(sim.url); // nothing saved while asking

    const kept = valueOf<SetServerUrlAnswer>(await admin('admin.setServerUrl', { url: other.url, pending: 'keep' }));
    expect(kept).toMatchObject({ outcome: 'saved', retargeted: 0, restartNeeded: false, server: { url: other.url, pendingElsewhere: [{ target: oldTarget, count: 2 }] } });
    expect(JSON.parse(readFileSync(configPath(core.dataDir), 'utf8')).server.url).toBe(other.url);
    expect((await core.sync.runOnce()).synced).toBe(0);
    expect(other.requests()).toHaveLength(0);
    expect(sim.requests()).toHaveLength(0);
    for (const request of made) expect(core.outbox.get(request.id)).toMatchObject({ syncState: 'pending', serverTarget: oldTarget });
    const status = valueOf<{ notices: unknown[] }>(await admin('admin.status'));
    expect(status.notices).toContainEqual({ code: 'held-for-other-server', count: 2 });
  });

  it('"retarget" saves the URL and sends the waiting requests to the new server, once each; audited', async () => {
    const { core, admin, sim } = await adminKiosk();
    const oldTarget = serverTarget(sim.url);
    for (let i = 0; i < 3; i += 1) core.outbox.enqueue(newRequest({ serverTarget: oldTarget }), pinOf());
    const other = await secondServer();

    const saved = valueOf<SetServerUrlAnswer>(await admin('admin.setServerUrl', { url: other.url, pending: 'retarget' }));
    expect(saved).toMatchObject({ outcome: 'saved', retargeted: 3, server: { target: serverTarget(other.url), pendingElsewhere: [] } });
    expect((await core.sync.runOnce()).synced).toBe(3);
    expect(other.requests()).toHaveLength(3);
    expect(sim.requests()).toHaveLength(0);
    const audit = core.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'server.url'").get() as { actor: string; detail: string };
    expect(audit.actor).toBe('pin');
    expect(JSON.parse(audit.detail)).toEqual({ from: sim.url, to: other.url, retargeted: 3, keptForOtherServers: 0 });
  });

  it('saves at once when nothing waits for another server, and refuses a URL the configuration would refuse', async () => {
    const { core, admin } = await adminKiosk();
    const other = await secondServer();
    expect(valueOf<SetServerUrlAnswer>(await admin('admin.setServerUrl', { url: other.url, pending: 'ask' }))).toMatchObject({ outcome: 'saved' });
    expect(core.config().server.url).toBe(other.url);
    for (const url of ['desa.example', 'javascript:alert(1)', 'ftp://desa.example']) {
      expect(await admin('admin.setServerUrl', { url, pending: 'retarget' })).toEqual({ ok: false, error: { code: 'validation', fields: { 'server.url': 'invalid' } } });
    }
    expect(core.config().server.url).toBe(other.url);
  });

  it('in demo mode, saving a URL never moves the demo server\'s requests and needs a restart', async () => {
    const dataDir = tempDir();
    const demo = await secondServer();
    const core = createKioskCore({ dataDir, watchConfig: false, serverUrlOverride: demo.url });
    closers.push(() => core.close());
    core.outbox.enqueue(newRequest({ serverTarget: DEMO_TARGET }), pinOf());
    const opened = await core.invokeAdmin('admin.unlock', { pin: '123456' }, asPage());
    const session = valueOf<{ session: string }>(opened).session;
    const village = await secondServer();
    // Saving ends demo mode: asked first (host-core.test.ts follows it through the restart).
    expect(await core.invokeAdmin('admin.setServerUrl', { url: village.url, pending: 'retarget' }, asPage(session))).toMatchObject({ ok: false, error: { code: 'ends-demo' } });
    const saved = valueOf<SetServerUrlAnswer>(await core.invokeAdmin('admin.setServerUrl', { url: village.url, pending: 'retarget', endDemo: true }, asPage(session)));
    expect(saved).toMatchObject({ outcome: 'saved', retargeted: 0, restartNeeded: true, server: { demoMode: true, target: DEMO_TARGET } });
    expect(core.outbox.list()[0]).toMatchObject({ serverTarget: DEMO_TARGET });
    expect(JSON.parse(readFileSync(configPath(dataDir), 'utf8')).server.url).toBe(village.url);
  });

  it('is refused without an admin session', async () => {
    const { core } = await adminKiosk();
    for (const name of ['admin.server', 'admin.serverCheck', 'admin.refreshReference', 'admin.setServerUrl']) {
      expect(await core.invokeAdmin(name, { url: null, pending: 'ask' }, asPage())).toEqual({ ok: false, error: { code: 'admin-session-required' } });
    }
  });
});
