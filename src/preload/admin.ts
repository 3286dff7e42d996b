/**
 * The admin window's preload (bundled to one CommonJS file; runs with
 * `sandbox: true`). It exposes only the admin half of the contract; the
 * kiosk window's preload cannot reach it, and main answers these channels
 * only for the admin window.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { adminIpcChannel } from '../shared/admin-contract-names';
import { createAdminBridge } from '../shared/admin-bridge';
import { ipcSend } from './bridge';

contextBridge.exposeInMainWorld('admAdmin', createAdminBridge(ipcSend(ipcRenderer, adminIpcChannel.call)));
