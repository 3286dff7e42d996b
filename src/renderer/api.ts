/**
 * The renderer's only way to the kiosk core. In Electron the preload has put
 * the bridge on `window.adm`; in the web host we open the WebSocket bridge.
 * Components call `api.calls['kiosk.getInfo']({})` and never see a channel.
 */
import type { KioskBridge } from '../shared/contract';
import { createWebSocketBridge, webSocketUrl } from './ws-bridge';

declare global {
  interface Window {
    adm?: KioskBridge;
  }
}

export function createApi(): KioskBridge {
  return window.adm ?? createWebSocketBridge(webSocketUrl(window.location));
}
