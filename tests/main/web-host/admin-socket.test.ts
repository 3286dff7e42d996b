/**
 * The admin half over the web host's real WebSocket, as any page that
 * reaches 127.0.0.1 would try it: a first PIN on a kiosk in service, PINs
 * sent all at once, a session token carried to another socket, and a page
 * that closes without "Keluar".
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createKioskCore, type KioskCore } from '../../../src/main/core';
import { startWebHost, type WebHost } from '../../../src/main/web-host/server';
import { configPath, saveConfig } from '../../../src/main/config/store';
import { defaultConfig } from '../../../src/main/config/schema';
import { setAdminPinOnPc } from '../../../src/main/admin/set-pin-on-pc';
import { serverTarget } from '../../../src/main/village/server-target';
import { readFileSync } from 'node:fs';
import { newRequest, pinOf } from '../../helpers/outbox-rig';
import { useTempDirs } from '../../helpers/temp-dir';
import { exchangeLaunchToken } from '../../helpers/web-host-cookie';

const tempDir = useTempDirs();
const running: Array<{ host: WebHost; core: KioskCore }> = [];
afterEach(async () => {
  for (const { host, core } of running.splice(0)) {
    await host.close();
    await core.close();
  }
});

const SERVER = 'http://127.0.0.1:9';

/** A kiosk in service: configured for a village server, with a request waiting for it. */
async function kioskInService(): Promise<{ host: WebHost; core: KioskCore; cookie: string }> {
  const dataDir = tempDir();
  const config = defaultConfig();
  config.server.url = SERVER;
  await saveConfig(dataDir, config);
  const core = createKioskCore({ dataDir, watchConfig: false });
  core.outbox.enqueue(newRequest({ serverTarget: serverTarget(SERVER) }), pinOf());
  const rendererDir = tempDir();
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>ADM</title>');
  const host = await startWebHost({ core, port: 0, rendererDir });
  running.push({ host, core });
  return { host, core, cookie: await sessionCookie(host) };
}

const sessionCookie = async (host: WebHost): Promise<string> => (await exchangeLaunchToken(host)).cookie;

type Answer = { ok: boolean; value?: { session?: string; adminOpen?: boolean }; error?: { code: string } };

/** One page's socket: calls by id, and the events pushed to it. */
async function page(host: WebHost, cookie: string) {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, { origin: `http://127.0.0.1:${host.port}`, headers: { Cookie: cookie } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const answers = new Map<number, Answer>();
  const events: Array<{ name: string; payload: unknown }> = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { kind: string; id: number; result: Answer; name: string; payload: unknown };
    if (message.kind === 'result') answers.set(message.id, message.result);
    else events.push({ name: message.name, payload: message.payload });
  });
  let nextId = 1;
  const send = (call: string, input: unknown, session?: string) => {
    const id = nextId++;
    ws.send(JSON.stringify({ id, call, input, ...(session === undefined ? {} : { session }) }));
    return id;
  };
  const ask = async (call: string, input: unknown, session?: string): Promise<Answer> => {
    const id = send(call, input, session);
    await expect.poll(() => answers.has(id)).toBe(true);
    return answers.get(id)!;
  };
  const closed = () =>
    new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.close();
    });
  return { ws, ask, send, answers, events, closed };
}

describe('admin over the web host socket', () => {
  it('takes no first PIN on a kiosk in service, so a page cannot then point the residents at another server', async () => {
    const { host, core, cookie } = await kioskInService();
    const configBefore = readFileSync(configPath(core.dataDir), 'utf8');
    const intruder = await page(host, cookie);
    const first = await intruder.ask('admin.setFirstPin', { pin: '482916' });
    expect(first).toEqual({ ok: false, error: { code: 'admin-pin-on-pc' } });
    expect(await intruder.ask('admin.setServerUrl', { url: 'http://127.0.0.1:1/', pending: 'retarget' }, first.value?.session)).toEqual({
      ok: false,
      error: { code: 'admin-session-required' },
    });
    expect(readFileSync(configPath(core.dataDir), 'utf8')).toBe(configBefore);
    expect(core.outbox.list()[0]).toMatchObject({ serverTarget: serverTarget(SERVER) });
  });

  it('meets 20 wrong PINs and then the right one, all sent at once, with the lock', async () => {
    const { host, core, cookie } = await kioskInService();
    await setAdminPinOnPc(core, '482916');
    const guesser = await page(host, cookie);
    const ids = [...Array.from({ length: 20 }, () => guesser.send('admin.unlock', { pin: '000000' })), guesser.send('admin.unlock', { pin: '482916' })];
    await expect.poll(() => ids.every((id) => guesser.answers.has(id)), { timeout: 15_000 }).toBe(true);
    const answers = ids.map((id) => guesser.answers.get(id)!);
    expect(answers.filter((a) => a.ok)).toHaveLength(0);
    expect(answers.at(-1)).toMatchObject({ ok: false, error: { code: 'admin-locked' } });
    expect(await guesser.ask('kiosk.getInfo', {})).toMatchObject({ ok: true, value: { adminOpen: false } });
  });

  it('keeps a session to the socket that opened it, and ends it when that socket closes without "Keluar"', async () => {
    const { host, core, cookie } = await kioskInService();
    await setAdminPinOnPc(core, '482916');
    const resident = await page(host, cookie);
    const admin = await page(host, cookie);
    const opened = await admin.ask('admin.unlock', { pin: '482916' });
    const session = opened.value!.session!;
    expect(await admin.ask('admin.status', {}, session)).toMatchObject({ ok: true });
    // The same token from another socket opens nothing.
    expect(await resident.ask('admin.status', {}, session)).toEqual({ ok: false, error: { code: 'admin-session-required' } });
    expect(await resident.ask('kiosk.getInfo', {})).toMatchObject({ value: { adminOpen: true } });

    await admin.closed();
    await expect.poll(() => resident.events.filter((e) => e.name === 'kiosk.adminChanged').at(-1)?.payload).toEqual({ open: false });
    expect(await resident.ask('kiosk.getInfo', {})).toMatchObject({ value: { adminOpen: false } });
    const again = await page(host, cookie);
    expect(await again.ask('admin.status', {}, session)).toEqual({ ok: false, error: { code: 'admin-session-required' } });
  });

  it('ends a session whose socket closed while admin was opening over it', async () => {
    const { host, core, cookie } = await kioskInService();
    await setAdminPinOnPc(core, '482916');
    const resident = await page(host, cookie);
    const admin = await page(host, cookie);
    admin.send('admin.unlock', { pin: '482916' });
    admin.ws.close();
    await expect.poll(() => core.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'admin.opened'").pluck().get()).toBe(1);
    await expect.poll(async () => (await resident.ask('kiosk.getInfo', {})).value?.adminOpen).toBe(false);
  });
});
