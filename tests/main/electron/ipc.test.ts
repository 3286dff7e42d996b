import { afterEach, describe, expect, it } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { registerIpc } from '../../../src/main/electron/ipc';
import { createKioskCore, type KioskCore } from '../../../src/main/core';
import { callNames, ipcChannel } from '../../../src/shared/contract';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const cores: KioskCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

type Handler = (event: IpcMainInvokeEvent, input: unknown) => unknown;

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
});
