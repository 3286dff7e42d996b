/**
 * The Electron shell: one locked-down kiosk window over the Electron-free
 * core, and the admin window over it when a technician opens admin.
 * Kept thin on purpose; every rule it applies lives in `policy.ts` and
 * `recovery.ts` with tests, and `tests/main/electron/main-wiring.test.ts`
 * runs this file against a mocked `electron` module.
 *
 * In the field nobody is there to press a key: a page that crashes, hangs or
 * fails to load is shown a message and reloaded with backoff (the app is
 * relaunched when that keeps failing), and a core that fails to start shows
 * a full-screen message and keeps retrying, never a blank desktop.
 */
import path from 'node:path';
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
// Imported under another name so that, in the bundle, the one `new BrowserWindow(...)` (policy.ts) keeps its
// name: Electronegativity recognises windows by it (npm run check:electron).
import { app, BrowserWindow as ElectronWindow, ipcMain, Menu, powerSaveBlocker, protocol, session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../csp';
import { resolveDataDir } from '../data-dir';
import { startHostCore, type HostCore } from '../host-core';
import { installProcessGuards } from '../process-guard';
import { safeStorageKeyProvider } from './secret-key';
import { adminWindowHolder, registerAdminIpc, registerIpc } from './ipc';
import { adminIpcChannel } from '../../shared/admin-contract-names';
import {
  ADMIN_URL,
  APP_SCHEME,
  KIOSK_URL,
  isBlockedShortcut,
  isNavigationAllowed,
  isOwnUrl,
  isPermissionGranted,
  isReaderKeyPress,
  openLockedWindow,
  parseShellFlags,
  resolveAppFile,
} from './policy';
import { STARTUP_RETRY, UNRESPONSIVE_GRACE_MS, backoffDelay, createPageRecovery, isPageLoadFailure } from './recovery';
import { RETRY_URL, pageFailedMessage, shellPageUrl, startupFailedMessage, type ShellMessage } from './shell-page';

/**
 * Under a supervisor that starts the kiosk again when it exits (the systemd
 * units and the cage loop in resources/linux set ADM_RESTART_BY_EXIT_CODE=1),
 * a restart is this exit status rather than `app.relaunch()`: a relaunched
 * copy would be outside the unit, or outlive the compositor it draws on.
 */
const RESTART_EXIT_CODE = 75;

/** The longest a quit waits for the core (a request in flight, a receipt printing) before the app exits anyway. */
const QUIT_WATCHDOG_MS = 60_000;

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
  // pdf.js's worker keeps its own name (pdf.worker.min.mjs); a module worker of any other type is refused.
  '.mjs': 'text/javascript',
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
  let window: ElectronWindow | null = null;
  let adminWindow: ElectronWindow | null = null;
  let host: HostCore | null = null;
  let displayBlocker: number | null = null;
  /** The retry waiting on a timer, if any; "Coba lagi sekarang" runs it at once. */
  let pendingRetry: { timer: NodeJS.Timeout; run(): void } | null = null;
  let quitting: Promise<void> | null = null;
  let readyToExit = false;
  let exitCode = 0;
  const restartApp = () => {
    if (process.env.ADM_RESTART_BY_EXIT_CODE === '1') exitCode = RESTART_EXIT_CODE;
    else app.relaunch();
    app.quit();
  };
  const recovery = createPageRecovery(Date.now);
  // Until the core (and its logger) is up, the shell's own lines go to stderr.
  const report = (message: string, detail?: unknown) =>
    host ? host.core.logger.forSubsystem('electron').error({ err: detail }, message) : console.error(`ADM: ${message}`, detail ?? '');

  const retryLater = (delayMs: number, run: () => void) => {
    cancelRetry();
    const timer = setTimeout(() => {
      pendingRetry = null;
      run();
    }, delayMs);
    pendingRetry = { timer, run };
  };
  const cancelRetry = () => {
    if (pendingRetry) clearTimeout(pendingRetry.timer);
    pendingRetry = null;
  };
  const showMessage = (message: ShellMessage) => {
    if (window && !window.isDestroyed()) void window.loadURL(shellPageUrl(message));
  };
  const loadKioskPage = () => {
    if (window && !window.isDestroyed()) void window.loadURL(KIOSK_URL);
  };

  /** The kiosk page crashed, hung or failed to load: a message, then a reload with backoff, or a relaunch. */
  const pageFailed = (reason: string) => {
    if (quitting) return;
    const step = recovery.failed();
    report(`kiosk page failed (${reason}); failure ${step.failures} in a row`);
    if (step.action === 'relaunch') {
      report('the kiosk page keeps failing: relaunching the app');
      restartApp();
      return;
    }
    showMessage(pageFailedMessage(reason, Math.ceil(step.delayMs / 1000)));
    retryLater(step.delayMs, loadKioskPage);
  };

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
    // A long press on the touchscreen would open Chromium's menu (Back, Reload, Inspect).
    contents.on('context-menu', (event) => event.preventDefault());
    // Pinch zoom stays at 100% on every page the window loads.
    contents.on('did-finish-load', () => void contents.setVisualZoomLevelLimits(1, 1));
    if (!flags.development) contents.on('devtools-opened', () => contents.closeDevTools());
  });

  function createKioskWindow(): ElectronWindow {
    const created = openLockedWindow(ElectronWindow, 'kiosk', path.join(__dirname, '..', 'preload', 'kiosk.cjs'), flags);
    created.once('ready-to-show', () => created.show());
    const contents = created.webContents;
    // Keyboard-wedge readers and scanners: keys go to the core's burst detector, never to the page.
    const started = performance.now();
    contents.on('before-input-event', (event, input) => {
      if (input.type !== 'keyDown' || flags.development) return;
      event.preventDefault(); // repeats too: no key reaches Chromium
      if (!isReaderKeyPress(input)) return;
      void host?.core.invoke('input.key', { key: input.key, atMs: performance.now() - started });
    });
    // The message pages' "Coba lagi sekarang".
    contents.on('will-navigate', (event, url) => {
      if (url !== RETRY_URL) return;
      event.preventDefault();
      const retry = pendingRetry;
      cancelRetry();
      retry?.run();
    });
    contents.on('render-process-gone', (_event, details) => {
      if (details.reason !== 'clean-exit') pageFailed(`renderer ${details.reason}, exit code ${details.exitCode}`);
    });
    contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedUrl, isMainFrame) => {
      // The shell's own message page never loops into itself.
      if (!isPageLoadFailure(errorCode, isMainFrame) || validatedUrl.startsWith('data:')) return;
      pageFailed(`${errorDescription} (${errorCode}) loading ${validatedUrl}`);
    });
    // A hung page gets a grace period; if it does not answer, its renderer is ended and the crash path reloads it.
    let unresponsive: NodeJS.Timeout | null = null;
    created.on('unresponsive', () => {
      if (unresponsive) return;
      unresponsive = setTimeout(() => {
        unresponsive = null;
        if (!created.isDestroyed()) contents.forcefullyCrashRenderer();
      }, UNRESPONSIVE_GRACE_MS);
    });
    created.on('responsive', () => {
      if (unresponsive) clearTimeout(unresponsive);
      unresponsive = null;
    });
    created.on('closed', () => {
      if (unresponsive) clearTimeout(unresponsive);
      window = null;
    });
    return created;
  }

  function openAdminWindow(): void {
    if (adminWindow) {
      adminWindow.focus();
      return;
    }
    const created = openLockedWindow(ElectronWindow, 'admin', path.join(__dirname, '..', 'preload', 'admin.cjs'), flags);
    adminWindow = created;
    created.once('ready-to-show', () => created.show());
    // The admin window takes a technician's keyboard, but never its reload, close, zoom or devtools keys.
    created.webContents.on('before-input-event', (keyEvent, input) => {
      if (!flags.development && isBlockedShortcut(input)) keyEvent.preventDefault();
    });
    // A crashed admin page closes; the technician opens admin again (the kiosk window is untouched).
    created.webContents.on('render-process-gone', () => {
      if (!created.isDestroyed()) created.destroy();
    });
    // Admin ends with its window, "Keluar" or not: the resident screens never wait for a window that is gone.
    const holder = adminWindowHolder(created.webContents);
    created.on('closed', () => {
      adminWindow = null;
      host?.core.adminHolderGone(holder);
    });
    void created.loadURL(ADMIN_URL);
  }

  /** Starts the core; until it starts, the kiosk window says so and the shell retries, slower each time. */
  async function startCore(attempt: number): Promise<void> {
    try {
      host = await startHostCore({
        demo: !process.argv.includes('--no-demo'),
        echoLogs: flags.development,
        keyProvider: safeStorageKeyProvider(resolveDataDir()),
        // Admin's "Mulai ulang aplikasi" (and the daily restart) and "Tutup aplikasi kios": quitting closes the core first (before-quit).
        shell: {
          restart: restartApp,
          exit: () => app.quit(),
        },
      });
    } catch (error) {
      if (quitting) return;
      const delayMs = backoffDelay(attempt, STARTUP_RETRY);
      report(`the kiosk core failed to start (attempt ${attempt}); retrying in ${Math.ceil(delayMs / 1000)} s`, error);
      showMessage(startupFailedMessage(error, Math.ceil(delayMs / 1000)));
      retryLater(delayMs, () => void startCore(attempt + 1));
      return;
    }
    const core = host.core;
    installProcessGuards(core.logger.forSubsystem('electron'));
    registerIpc(ipcMain, core, () => window?.webContents ?? null);
    registerAdminIpc(ipcMain, core, () => adminWindow?.webContents ?? null);
    // The hidden gesture or a technician card in the kiosk window: the admin window, which asks for the PIN.
    ipcMain.on(adminIpcChannel.open, (event) => {
      if (event.sender !== window?.webContents || !isOwnUrl(event.senderFrame?.url)) return;
      openAdminWindow();
    });
    loadKioskPage();
  }

  app.whenReady().then(async () => {
    // No menu, so none of its accelerators (Ctrl+W, Ctrl+R, zoom) exist.
    if (!flags.development) Menu.setApplicationMenu(null);
    session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(isPermissionGranted(permission)));
    session.defaultSession.setPermissionCheckHandler((_wc, permission) => isPermissionGranted(permission));
    // Served before the core starts, and without it: the renderer's files only.
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
    // A kiosk screen that goes dark looks broken; the OS's screen saver and sleep are kept off while it runs.
    displayBlocker = powerSaveBlocker.start('prevent-display-sleep');
    window = createKioskWindow();
    await startCore(1);
  });

  app.on('window-all-closed', () => app.quit());
  // Quitting waits for the core: the sync worker's request in flight and a receipt printing finish, the database closes.
  app.on('before-quit', (event) => {
    if (readyToExit) return;
    event.preventDefault();
    if (quitting) return;
    cancelRetry();
    if (displayBlocker !== null) powerSaveBlocker.stop(displayBlocker);
    let watchdog: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<void>((resolve) => {
      watchdog = setTimeout(() => {
        report(`the core did not close within ${QUIT_WATCHDOG_MS / 1000} s; exiting anyway (the outbox is safe on disk)`);
        resolve();
      }, QUIT_WATCHDOG_MS);
    });
    quitting = Promise.race([host?.close() ?? Promise.resolve(), gaveUp])
      .catch((error: unknown) => report('closing the core failed', error))
      .finally(() => {
        clearTimeout(watchdog);
        readyToExit = true;
        app.exit(exitCode);
      });
  });
}
