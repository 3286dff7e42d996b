/**
 * The Electron shell: one locked-down kiosk window over the Electron-free
 * core, and the admin window over it when a technician opens admin.
 * Kept thin on purpose; every rule it applies lives in `policy.ts` with tests.
 */
import path from 'node:path';
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { app, BrowserWindow, ipcMain, Menu, protocol, session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../csp';
import { resolveDataDir } from '../data-dir';
import { startHostCore, type HostCore } from '../host-core';
import { installProcessGuards } from '../process-guard';
import { safeStorageKeyProvider } from './secret-key';
import { registerAdminIpc, registerIpc } from './ipc';
import { adminIpcChannel } from '../../shared/admin-contract-names';
import {
  ADMIN_URL,
  APP_SCHEME,
  KIOSK_URL,
  adminWindowOptions,
  isBlockedShortcut,
  isNavigationAllowed,
  isOwnUrl,
  isPermissionGranted,
  kioskWindowOptions,
  parseShellFlags,
  resolveAppFile,
} from './policy';

function realpathOrNull(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}

const flags = parseShellFlags(process.argv);
const rendererDir = path.join(__dirname, '..', 'renderer');
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.wav': 'audio/wav',
};

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let adminWindow: BrowserWindow | null = null;
  let host: HostCore | null = null;

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  // Applies to every webContents, including any a bug might create.
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isNavigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isNavigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    if (!flags.development) contents.on('devtools-opened', () => contents.closeDevTools());
  });

  app.whenReady().then(async () => {
    host = await startHostCore({
      demo: !process.argv.includes('--no-demo'),
      echoLogs: flags.development,
      keyProvider: safeStorageKeyProvider(resolveDataDir()),
      // Admin's "Mulai ulang aplikasi" and "Tutup aplikasi kios": quitting closes the core first (before-quit).
      shell: {
        restart: () => {
          app.relaunch();
          app.quit();
        },
        exit: () => app.quit(),
      },
    });
    const core = host.core;
    installProcessGuards(core.logger.forSubsystem('electron'));
    // No menu, so none of its accelerators (Ctrl+W, Ctrl+R, zoom) exist.
    if (!flags.development) Menu.setApplicationMenu(null);
    session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) =>
      callback(isPermissionGranted(permission)),
    );
    session.defaultSession.setPermissionCheckHandler((_wc, permission) => isPermissionGranted(permission));

    protocol.handle(APP_SCHEME, async (request) => {
      if (!isOwnUrl(request.url)) return new Response('Akses ditolak.', { status: 403 });
      const answer = resolveAppFile(request.url, rendererDir, realpathOrNull);
      if (!answer.ok) return new Response(answer.status === 404 ? 'Tidak ditemukan' : 'Akses ditolak.', { status: answer.status });
      try {
        const body = await readFile(answer.file);
        return new Response(body, {
          headers: {
            'Content-Type': MIME[path.extname(answer.file)] ?? 'application/octet-stream',
            'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          },
        });
      } catch {
        return new Response('Tidak ditemukan', { status: 404 });
      }
    });

    registerIpc(ipcMain, core, () => window?.webContents ?? null);
    registerAdminIpc(ipcMain, core, () => adminWindow?.webContents ?? null);
    // The hidden gesture or a technician card in the kiosk window: the admin window, which asks for the PIN.
    ipcMain.on(adminIpcChannel.open, (event) => {
      if (event.sender !== window?.webContents || !isOwnUrl(event.senderFrame?.url)) return;
      if (adminWindow) {
        adminWindow.focus();
        return;
      }
      adminWindow = new BrowserWindow(adminWindowOptions(path.join(__dirname, '..', 'preload', 'admin.cjs'), flags));
      adminWindow.once('ready-to-show', () => adminWindow?.show());
      // The admin window takes a technician's keyboard, but never its reload, close, zoom or devtools keys.
      adminWindow.webContents.on('before-input-event', (keyEvent, input) => {
        if (!flags.development && isBlockedShortcut(input)) keyEvent.preventDefault();
      });
      adminWindow.on('closed', () => (adminWindow = null));
      void adminWindow.loadURL(ADMIN_URL);
    });

    window = new BrowserWindow(kioskWindowOptions(path.join(__dirname, '..', 'preload', 'kiosk.cjs'), flags));
    window.once('ready-to-show', () => window?.show());
    // Keyboard-wedge readers and scanners: keys go to the core's burst detector, never to the page.
    const started = performance.now();
    window.webContents.on('before-input-event', (event, input) => {
      if (input.type !== 'keyDown' || flags.development) return;
      event.preventDefault();
      void core.invoke('input.key', { key: input.key, atMs: performance.now() - started });
    });
    await window.loadURL(KIOSK_URL);
  });

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    void host?.close();
  });
}
