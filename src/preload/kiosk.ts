/**
 * The kiosk window's preload (bundled to one CommonJS file; runs with
 * `sandbox: true`). It exposes only the contract-derived bridge, and the
 * request to open the admin window.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { adminIpcChannel } from '../shared/admin-contract-names';
import { createPreloadBridge } from './bridge';

contextBridge.exposeInMainWorld('adm', createPreloadBridge(ipcRenderer));
// Only a request to open the admin window, which asks for the PIN itself: no admin call is reachable from here.
contextBridge.exposeInMainWorld('admShell', Object.freeze({ openAdmin: () => ipcRenderer.send(adminIpcChannel.open) }));
