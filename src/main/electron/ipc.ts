/**
 * The Electron IPC bridge, generated from the contract: one `ipcMain.handle`
 * per call, one `webContents.send` channel per event. Calls from anything but
 * our own frames get `forbidden`; inputs go to the core as `unknown`.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { callNames, ipcChannel } from '../../shared/contract';
import { adminCallNames, adminIpcChannel } from '../../shared/admin-contract-names';
import { fail } from '../../shared/result';
import type { KioskCore } from '../core';
import { isTrustedSender } from './policy';

export function registerIpc(ipcMain: IpcMain, core: KioskCore, target: () => WebContents | null): () => void {
  const log = core.logger.forSubsystem('ipc');
  for (const name of callNames) {
    ipcMain.handle(ipcChannel.call(name), (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event.senderFrame?.url)) {
        log.warn({ call: name }, 'IPC from a foreign frame refused');
        return fail('forbidden');
      }
      return core.invoke(name, input);
    });
  }
  const stopEvents = core.onEvent((name, payload) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(ipcChannel.event(name), payload);
  });
  return () => {
    stopEvents();
    for (const name of callNames) ipcMain.removeHandler(ipcChannel.call(name));
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
 * only from the window that opened it.
 */
export function registerAdminIpc(ipcMain: IpcMain, core: KioskCore, adminWindow: () => WebContents | null): () => void {
  const log = core.logger.forSubsystem('ipc');
  for (const name of adminCallNames) {
    ipcMain.handle(adminIpcChannel.call(name), async (event: IpcMainInvokeEvent, input: unknown, session: unknown) => {
      const admin = adminWindow();
      if (!admin || event.sender !== admin || !isTrustedSender(event.senderFrame?.url)) {
        log.warn({ call: name }, 'admin IPC from outside the admin window refused');
        return fail('forbidden');
      }
      const holder = adminWindowHolder(event.sender);
      const result = await core.invokeAdmin(name, input, { session: typeof session === 'string' ? session : undefined, holder });
      // The window closed while admin was opening in it: the session it got ends now.
      if (event.sender.isDestroyed()) core.adminHolderGone(holder);
      return result;
    });
  }
  return () => {
    for (const name of adminCallNames) ipcMain.removeHandler(adminIpcChannel.call(name));
  };
}
