/**
 * The preloads' bridge over Electron IPC, for either half: each call on its
 * half's derived channel (`ipcSend`), the resident half with `on` for events.
 * Only contract names are reachable; `ipcRenderer` itself is never exposed.
 * The kiosk preload builds from this file, so it names nothing of the admin
 * half (lint: eslint.config.js).
 */
import { callNames, ipcChannel, isEventName } from '../shared/contract-names';
import type { calls, events, KioskBridge } from '../shared/contract';
import { createBridgeCalls, createBridgeOn, type Send } from '../shared/bridge';
import type { Result } from '../shared/result';

/** The two `ipcRenderer` methods the bridge needs (so tests can pass a fake). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** A half's calls over IPC: its channel per name, the session (admin half) as a second argument. */
export function ipcSend<N extends string>(ipc: Pick<IpcRendererLike, 'invoke'>, channel: (name: N) => string): Send<N> {
  return (name, input, session) =>
    // Main answers every call with a Result (ipc.ts).
    (session === undefined ? ipc.invoke(channel(name), input) : ipc.invoke(channel(name), input, session)) as Promise<Result<unknown>>;
}

/** The kiosk window's `window.adm`. */
export function createPreloadBridge(ipc: IpcRendererLike): KioskBridge {
  return {
    calls: createBridgeCalls<typeof calls>(callNames, ipcSend(ipc, ipcChannel.call)),
    on: createBridgeOn<typeof events>((name, deliver) => {
      if (!isEventName(name)) throw new Error(`unknown event ${String(name)}`);
      const channel = ipcChannel.event(name);
      // The IPC event object stays in the preload.
      const wrapped = (_event: unknown, payload: unknown): void => deliver(payload);
      ipc.on(channel, wrapped);
      return () => {
        ipc.removeListener(channel, wrapped);
      };
    }),
  };
}
