/**
 * The Electron IPC bridge, generated from the contract: one `ipcMain.handle`
 * per call, one `webContents.send` channel per event. Both halves are
 * registered by `registerCalls`; what differs is a parameter: the channels,
 * which sender may call (the kiosk's frames for the resident half, only the
 * admin window for the admin half), and what the core is handed. Refused
 * senders get `forbidden`; inputs go to the core as `unknown`.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { callNames, ipcChannel } from '../../shared/contract';
import { adminCallNames, adminIpcChannel } from '../../shared/admin-contract-names';
import { fail, type Result } from '../../shared/result';
import type { KioskCore } from '../core';
import { isTrustedSender } from './policy';

/** One half of the contract on IPC. */
interface IpcHalf<N extends string> {
  names: readonly N[];
  channel(name: N): string;
  /** Whether this sender may make the half's calls; refused calls are logged with `refusedMessage`. */
  senderAllowed(event: IpcMainInvokeEvent): boolean;
  refusedMessage: string;
  /** Hands an allowed call to the core; `extra` is what the preload sent after the input (the admin session). */
  answer(name: N, input: unknown, extra: unknown[], event: IpcMainInvokeEvent): Promise<Result<unknown>>;
}

/** Registers one handler per call of the half; returns what removes them. */
function registerCalls<N extends string>(ipcMain: IpcMain, core: KioskCore, half: IpcHalf<N>): () => void {
  const log = core.logger.forSubsystem('ipc');
  for (const name of half.names) {
    ipcMain.handle(half.channel(name), (event: IpcMainInvokeEvent, input: unknown, ...extra: unknown[]) => {
      if (!half.senderAllowed(event)) {
        log.warn({ call: name }, half.refusedMessage);
        return fail('forbidden');
      }
      return half.answer(name, input, extra, event);
    });
  }
  return () => {
    for (const name of half.names) ipcMain.removeHandler(half.channel(name));
  };
}

/** The resident half, for the kiosk's own frames, and the core's events pushed to the kiosk window. */
export function registerIpc(ipcMain: IpcMain, core: KioskCore, target: () => WebContents | null): () => void {
  const stopCalls = registerCalls(ipcMain, core, {
    names: callNames,
    channel: ipcChannel.call,
    senderAllowed: (event) => isTrustedSender(event.senderFrame?.url),
    refusedMessage: 'IPC from a foreign frame refused',
    answer: (name, input) => core.invoke(name, input),
  });
  const stopEvents = core.onEvent((name, payload) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(ipcChannel.event(name), payload);
  });
  return () => {
    stopEvents();
    stopCalls();
  };
}

/** The admin window as the holder of its admin session: the session ends when this window closes. */
export function adminWindowHolder(contents: Pick<WebContents, 'id'>): string {
  return `window:${contents.id}`;
}

/**
 * The admin half, on its own channels: answered only for the admin window
 * (its webContents, on our own page), never for the kiosk window or a
 * foreign frame; the admin session token rides with each call, and is good
 * only from the window that opened it. It has no events.
 */
export function registerAdminIpc(ipcMain: IpcMain, core: KioskCore, adminWindow: () => WebContents | null): () => void {
  return registerCalls(ipcMain, core, {
    names: adminCallNames,
    channel: adminIpcChannel.call,
    senderAllowed: (event) => {
      const admin = adminWindow();
      return admin !== null && event.sender === admin && isTrustedSender(event.senderFrame?.url);
    },
    refusedMessage: 'admin IPC from outside the admin window refused',
    async answer(name, input, [session], event) {
      const holder = adminWindowHolder(event.sender);
      const result = await core.invokeAdmin(name, input, { session: typeof session === 'string' ? session : undefined, holder });
      // The window closed while admin was opening in it: the session it got ends now.
      if (event.sender.isDestroyed()) core.adminHolderGone(holder);
      return result;
    },
  });
}
