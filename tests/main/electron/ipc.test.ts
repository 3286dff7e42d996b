import { afterEach, describe, expect, it } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { registerAdminIpc, registerIpc } from '../../../src/main/electron/ipc';
import { adminCallNames, adminIpcChannel } from '../../../src/shared/admin-contract-names';
import { createKioskCore, type KioskCore } from '../../../src/main/core';
import { callNames, ipcChannel } from '../../../src/shared/contract';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const cores: KioskCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

type Handler = (event: IpcMainInvokeEvent, input: unknown, session?: unknown) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  } as unknown as IpcMain;
  return { ipcMain, handlers };
}

function from(url: string): IpcMainInvokeEvent {
  return { senderFrame: { url } } as unknown as IpcMainInvokeEvent;
}

describe('Electron IPC bridge', () => {
  it('registers exactly one handler per contract call and removes them all', () => {
    const core = createKioskCore({ dataDir: tempDir() });
    cores.push(core);
    const { ipcMain, handlers } = fakeIpcMain();
    const dispose = registerIpc(ipcMain, core, () => null);
    expect([...handlers.keys()].sort()).toEqual(callNames.map(ipcChannel.call).sort());
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('answers our own frame and refuses a foreign one', async () => {
    const core = createKioskCore({ dataDir: tempDir() });
    cores.push(core);
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpc(ipcMain, core, () => null);
    const getInfo = handlers.get(ipcChannel.call('kiosk.getInfo'))!;
    expect(await getInfo(from('app://kiosk/index.html'), {})).toMatchObject({ ok: true });
    expect(await getInfo(from('https://evil.example/'), {})).toEqual({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('pushes core events to the kiosk window on the derived channel', async () => {
    const core = createKioskCore({ dataDir: tempDir() });
    cores.push(core);
    const sent: unknown[][] = [];
    const contents = { isDestroyed: () => false, send: (...args: unknown[]) => sent.push(args) } as unknown as WebContents;
    registerIpc(fakeIpcMain().ipcMain, core, () => contents);
    const { saveConfig } = await import('../../../src/main/config/store');
    const { defaultConfig } = await import('../../../src/main/config/schema');
    const config = defaultConfig();
    config.kiosk.name = 'ADM-09';
    await saveConfig(core.dataDir, config);
    await expect.poll(() => sent.length, { timeout: 3000 }).toBeGreaterThan(0);
    expect(sent[0]?.[0]).toBe(ipcChannel.event('kiosk.infoChanged'));
    expect(sent[0]?.[1]).toMatchObject({ kioskName: 'ADM-09' });
  });

  it('answers the admin half only for the admin window, never the kiosk window or a foreign frame', async () => {
    const core = createKioskCore({ dataDir: tempDir() });
    cores.push(core);
    const { ipcMain, handlers } = fakeIpcMain();
    let adminGone = false;
    const adminContents = { id: 7, isDestroyed: () => adminGone } as unknown as WebContents;
    const kioskContents = { id: 1, isDestroyed: () => false } as unknown as WebContents;
    const dispose = registerAdminIpc(ipcMain, core, () => adminContents);
    expect([...handlers.keys()].sort()).toEqual(adminCallNames.map(adminIpcChannel.call).sort());
    const state = handlers.get(adminIpcChannel.call('admin.state'))!;
    const sent = (sender: WebContents, url: string) => ({ sender, senderFrame: { url } }) as unknown as IpcMainInvokeEvent;
    expect(await state(sent(adminContents, 'app://kiosk/admin.html'), {})).toMatchObject({ ok: true, value: { pinSet: false } });
    expect(await state(sent(kioskContents, 'app://kiosk/index.html'), {})).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(await state(sent(adminContents, 'https://evil.example/'), {})).toEqual({ ok: false, error: { code: 'forbidden' } });
    // The session rides as the second argument.
    const status = handlers.get(adminIpcChannel.call('admin.status'))!;
    expect(await status(sent(adminContents, 'app://kiosk/admin.html'), {}, 'guessed')).toEqual({ ok: false, error: { code: 'admin-session-required' } });

    // A session is the admin window's: the core is told which window asks, and a window closed while admin opened ends it.
    const { setAdminPinOnPc } = await import('../../../src/main/admin/set-pin-on-pc');
    await setAdminPinOnPc(core, '482916');
    const unlock = handlers.get(adminIpcChannel.call('admin.unlock'))!;
    const opened = (await unlock(sent(adminContents, 'app://kiosk/admin.html'), { pin: '482916' })) as { value: { session: string } };
    expect(await status(sent(adminContents, 'app://kiosk/admin.html'), {}, opened.value.session)).toMatchObject({ ok: true });
    expect(await core.invokeAdmin('admin.status', {}, { session: opened.value.session, holder: 'window:8' })).toEqual({
      ok: false,
      error: { code: 'admin-session-required' },
    });
    adminGone = true;
    await unlock(sent(adminContents, 'app://kiosk/admin.html'), { pin: '482916' });
    expect(await core.invoke('kiosk.getInfo', {})).toMatchObject({ ok: true, value: { adminOpen: false } });
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('keeps admin channels off the resident bridge', () => {
    const core = createKioskCore({ dataDir: tempDir() });
    cores.push(core);
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpc(ipcMain, core, () => null);
    for (const name of adminCallNames) expect(handlers.has(adminIpcChannel.call(name))).toBe(false);
  });
});
