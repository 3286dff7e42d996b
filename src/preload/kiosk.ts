/**
 * The kiosk window's preload (bundled to one CommonJS file; runs with
 * `sandbox: true`). It exposes only the resident half's bridge, and the
 * request to open the admin window; it imports nothing of the admin half.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { shellChannel } from '../shared/contract-names';
import { createPreloadBridge } from './bridge';

contextBridge.exposeInMainWorld('adm', createPreloadBridge(ipcRenderer));
// Only a request to open the admin window, which asks for the PIN itself: no admin call is reachable from here.
contextBridge.exposeInMainWorld('admShell', Object.freeze({ openAdmin: () => ipcRenderer.send(shellChannel.openAdmin) }));
