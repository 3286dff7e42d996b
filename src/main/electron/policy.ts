/**
 * The kiosk window's lockdown rules, as pure data and functions so each rule
 * is tested without an Electron binary. `main.ts` only applies them.
 *
 * The renderer is untrusted: it runs sandboxed with context isolation and no
 * Node, may not navigate or open windows, gets no permissions, and its IPC is
 * answered only when it comes from our own `app://kiosk` frames.
 */
import path from 'node:path';
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

/** What `openLockedWindow` needs of Electron's BrowserWindow (a test passes a recorder). */
export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Opens the kiosk window, or the admin window over it (always on top, its own
 * preload). The options are written out here, in the `new BrowserWindow(...)`
 * call itself, so that Electronegativity (`npm run check:electron`) reads the
 * very object Electron gets: the scanner cannot follow options built elsewhere.
 */
export function openLockedWindow<W>(BrowserWindow: WindowConstructor<W>, role: 'kiosk' | 'admin', preloadPath: string, flags: ShellFlags): W {
  return new BrowserWindow({
    kiosk: !flags.development,
    fullscreen: !flags.development,
    alwaysOnTop: role === 'admin' && !flags.development,
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
      // A middle click on a link would open it in a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  });
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

/**
 * Which renderer file an `app://kiosk/...` URL names, or why none: a path
 * that is not valid percent-encoding is a bad request (400); one that leaves
 * the renderer folder, by `..`, an encoded `%2e%2e`, a backslash or a
 * symlink, is refused (403). `realpath` resolves symlinks (null: no such
 * file, 404); `main.ts` passes `fs.realpathSync` wrapped.
 */
export type AppFileAnswer = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404 };

export function resolveAppFile(url: string, rendererDir: string, realpath: (file: string) => string | null): AppFileAnswer {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { ok: false, status: 403 };
  const relative = pathname.replace(/^\/+/, '') || 'index.html';
  const root = realpath(rendererDir) ?? rendererDir;
  const wanted = path.resolve(root, relative);
  if (!isInside(wanted, root)) return { ok: false, status: 403 };
  const real = realpath(wanted);
  if (real === null) return { ok: false, status: 404 };
  return isInside(real, root) ? { ok: true, file: real } : { ok: false, status: 403 };
}

function isInside(file: string, root: string): boolean {
  return file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/** A key as Electron's `before-input-event` gives it. */
export interface ShellKey {
  type: string;
  key: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

/**
 * Whether a key event in the kiosk window is a key press for the reader's
 * burst detector: a press, not a release, and not an auto-repeat. A key held
 * down repeats about 30 times a second, as fast as a reader types, so a held
 * key and then Enter would pass for a card or a receipt (the web host's page
 * capture drops repeats for the same reason, `renderer/key-capture.ts`).
 */
export function isReaderKeyPress(input: { type: string; isAutoRepeat: boolean }): boolean {
  return input.type === 'keyDown' && !input.isAutoRepeat;
}

/**
 * Keys the kiosk window never lets through to Chromium: reload, devtools,
 * zoom, close, quit, print, new window, fullscreen and history. A kiosk has no
 * keyboard, but a technician's (or a prankster's) plugged in must not end or
 * unlock it. Everything else goes to the reader's burst detector as usual.
 */
export function isBlockedShortcut(input: ShellKey): boolean {
  const key = input.key.toLowerCase();
  const command = input.control || input.meta;
  if (['f5', 'f11', 'f12', 'browserback', 'browserforward', 'browserrefresh'].includes(key)) return true;
  if (input.alt && ['f4', 'arrowleft', 'arrowright', 'home'].includes(key)) return true;
  if (command && ['r', 'w', 'q', 'p', 'n', 't', 'o', 's', 'u', 'f', 'g', 'h', 'j', 'l', '+', '=', '-', '_', '0', 'tab'].includes(key)) return true;
  if (command && input.shift && ['i', 'j', 'c', 'delete'].includes(key)) return true;
  return false;
}
