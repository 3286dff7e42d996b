/**
 * The kiosk window's preload (bundled to one CommonJS file; runs with
 * `sandbox: true`). It exposes only the contract-derived bridge.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadBridge } from './bridge';

contextBridge.exposeInMainWorld('adm', createPreloadBridge(ipcRenderer));
