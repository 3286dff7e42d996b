/**
 * The admin screens' only way to the core. In Electron the admin window's own
 * preload has put `window.admAdmin`; in the web host the admin page opens its
 * own WebSocket. Either bridge carries the admin session itself.
 */
import { createAdminBridge } from '../../shared/admin-bridge';
import type { AdminBridge } from '../../shared/admin-contract';
import { createSocketClient, webSocketUrl } from '../ws-bridge';

declare global {
  interface Window {
    admAdmin?: AdminBridge;
  }
}

export function createAdminApi(): AdminBridge {
  if (window.admAdmin) return window.admAdmin;
  const socket = createSocketClient(webSocketUrl(window.location));
  return createAdminBridge((name, input, session) => socket.invoke(name, input, session));
}
