/**
 * Builds the object the preload exposes as `window.adm`, from the contract:
 * one function per call and `on` for events. Only contract names are reachable;
 * `ipcRenderer` itself is never exposed.
 */
import { callNames, ipcChannel, isEventName, type CallName } from '../shared/contract-names';
import type { KioskBridge } from '../shared/contract';

/** The two `ipcRenderer` methods the bridge needs (so tests can pass a fake). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createPreloadBridge(ipc: IpcRendererLike): KioskBridge {
  const calls = Object.fromEntries(
    callNames.map((name: CallName) => [name, (input: unknown) => ipc.invoke(ipcChannel.call(name), input)]),
  ) as unknown as KioskBridge['calls'];
  return {
    calls: Object.freeze(calls),
    on(name, listener) {
      if (!isEventName(name)) throw new Error(`unknown event ${String(name)}`);
      const channel = ipcChannel.event(name);
      const wrapped = (_event: unknown, payload: unknown): void => listener(payload as never);
      ipc.on(channel, wrapped);
      return () => {
        ipc.removeListener(channel, wrapped);
      };
    },
  };
}
