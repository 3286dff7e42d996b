import { describe, expect, it, vi } from 'vitest';
import { createPreloadBridge, type IpcRendererLike } from '../../src/preload/bridge';
import { callNames, ipcChannel } from '../../src/shared/contract';

function fakeIpcRenderer() {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc: IpcRendererLike & { emit(channel: string, payload: unknown): void } = {
    invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
    emit: (channel, payload) => listeners.get(channel)?.forEach((l) => l({ sender: 'x' }, payload)),
  };
  return ipc;
}

describe('preload bridge', () => {
  it('exposes exactly the contract calls, each on its derived channel', async () => {
    const ipc = fakeIpcRenderer();
    const bridge = createPreloadBridge(ipc);
    expect(Object.keys(bridge.calls).sort()).toEqual([...callNames].sort());
    await bridge.calls['session.end']({ reason: 'idle' });
    expect(ipc.invoke).toHaveBeenCalledWith(ipcChannel.call('session.end'), { reason: 'idle' });
  });

  it('cannot be extended by the page', () => {
    const bridge = createPreloadBridge(fakeIpcRenderer());
    expect(Object.isFrozen(bridge.calls)).toBe(true);
  });

  it('delivers events without the IPC event object, and unsubscribes', () => {
    const ipc = fakeIpcRenderer();
    const bridge = createPreloadBridge(ipc);
    const listener = vi.fn();
    const stop = bridge.on('kiosk.infoChanged', listener);
    ipc.emit(ipcChannel.event('kiosk.infoChanged'), { kioskName: 'ADM-02' });
    expect(listener).toHaveBeenCalledWith({ kioskName: 'ADM-02' });
    stop();
    ipc.emit(ipcChannel.event('kiosk.infoChanged'), { kioskName: 'ADM-03' });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('refuses events that are not in the contract', () => {
    const bridge = createPreloadBridge(fakeIpcRenderer());
    expect(() => bridge.on('some.channel' as never, () => {})).toThrow(/unknown event/);
  });
});
