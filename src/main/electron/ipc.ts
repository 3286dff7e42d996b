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

/**
 * The admin half, on its own channels: answered only for the admin window
 * (its webContents, on our own page), never for the kiosk window or a
 * foreign frame; the admin session token rides with each call.
 */
export function registerAdminIpc(ipcMain: IpcMain, core: KioskCore, adminWindow: () => WebContents | null): () => void {
  const log = core.logger.forSubsystem('ipc');
  for (const name of adminCallNames) {
    ipcMain.handle(adminIpcChannel.call(name), (event: IpcMainInvokeEvent, input: unknown, session: unknown) => {
      const admin = adminWindow();
      if (!admin || event.sender !== admin || !isTrustedSender(event.senderFrame?.url)) {
        log.warn({ call: name }, 'admin IPC from outside the admin window refused');
        return fail('forbidden');
      }
      return core.invokeAdmin(name, input, typeof session === 'string' ? session : undefined);
    });
  }
  return () => {
    for (const name of adminCallNames) ipcMain.removeHandler(adminIpcChannel.call(name));
  };
}
