/**
 * The kiosk window's lockdown rules, as pure data and functions so each rule
 * is tested without an Electron binary. `main.ts` only applies them.
 *
 * The renderer is untrusted: it runs sandboxed with context isolation and no
 * Node, may not navigate or open windows, gets no permissions, and its IPC is
 * answered only when it comes from our own `app://kiosk` frames.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const KIOSK_URL = `${APP_ORIGIN}/index.html`;
export const ADMIN_URL = `${APP_ORIGIN}/admin.html`;

export interface ShellFlags {
  /** `--dev`: devtools allowed, window not in kiosk mode. Never on a deployed kiosk. */
  development: boolean;
}

export function parseShellFlags(argv: readonly string[]): ShellFlags {
  return { development: argv.includes('--dev') };
}

export function kioskWindowOptions(preloadPath: string, flags: ShellFlags): BrowserWindowConstructorOptions {
  return {
    kiosk: !flags.development,
    fullscreen: !flags.development,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#0b3d2e',
    show: false,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: flags.development,
      navigateOnDragDrop: false,
    },
  };
}

/** The admin window: the kiosk window's lockdown, over it, with the admin preload. */
export function adminWindowOptions(preloadPath: string, flags: ShellFlags): BrowserWindowConstructorOptions {
  const kiosk = kioskWindowOptions(preloadPath, flags);
  return { ...kiosk, modal: false, alwaysOnTop: !flags.development, webPreferences: { ...kiosk.webPreferences, preload: preloadPath } };
}

/** Our pages only: the kiosk may never leave `app://kiosk`. */
export function isOwnUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Navigation inside our own origin is a reload; anything else is refused. */
export function isNavigationAllowed(url: string): boolean {
  return isOwnUrl(url);
}

/** IPC is answered only for our own frames (never a foreign iframe or page). */
export function isTrustedSender(frameUrl: string | undefined | null): boolean {
  return isOwnUrl(frameUrl);
}

/** No camera, microphone, notifications, geolocation, ... for the renderer. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}
