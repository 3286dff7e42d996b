/**
 * The real Electron shell (`src/main/electron/main.ts`) run against a mocked
 * `electron` module and a stand-in core: what it asks of Electron at start,
 * which keys it stops, how it recovers a crashed, hung or unloadable page and
 * a core that will not start, and that quitting waits for the core to drain.
 * (The Playwright `_electron` test covers a real binary where one exists.)
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostCore } from '../../../src/main/host-core';
import type { ShellControl } from '../../../src/main/feature';
import { ADMIN_URL, KIOSK_URL } from '../../../src/main/electron/policy';
import { PAGE_RECOVERY, STARTUP_RETRY, UNRESPONSIVE_GRACE_MS, backoffDelay } from '../../../src/main/electron/recovery';
import { RETRY_URL } from '../../../src/main/electron/shell-page';
import { adminIpcChannel } from '../../../src/shared/admin-contract-names';
import { callNames, ipcChannel } from '../../../src/shared/contract';
import { createFakeElectron, fire, type FakeElectron, type FakeWebContents } from './fake-electron';

const mocked = vi.hoisted(() => ({
  electron: null as unknown as FakeElectron,
  startHostCore: null as unknown as (options: { shell?: ShellControl }) => Promise<HostCore>,
}));
// Mock factories run once per file; each name reads the current test's fake when the shell uses it.
vi.mock('electron', () =>
  Object.fromEntries(
    ['app', 'BrowserWindow', 'ipcMain', 'Menu', 'protocol', 'session', 'powerSaveBlocker', 'safeStorage'].map((name) => [
      name,
      new Proxy(function () {}, {
        get: (_target, property) => {
          const real = mocked.electron.module[name as keyof FakeElectron['module']] as object;
          const value: unknown = Reflect.get(real, property);
          return typeof value === 'function' ? value.bind(real) : value;
        },
        construct: (_target, args) => Reflect.construct(mocked.electron.module[name as 'BrowserWindow'], args),
      }),
    ]),
  ),
);
vi.mock('../../../src/main/host-core', () => ({ startHostCore: (options: { shell?: ShellControl }) => mocked.startHostCore(options) }));
// The guards add process-wide listeners; the shell's calling them is all that matters here.
vi.mock('../../../src/main/process-guard', () => ({ installProcessGuards: () => {} }));

interface Shell {
  electron: FakeElectron;
  kiosk: FakeWebContents;
  logLines: Array<{ msg: string }>;
  invoked: Array<[string, unknown]>;
  /** Pages whose admin session the shell said had gone (the admin window closed). */
  holdersGone: string[];
  starts: { count: number; shell: ShellControl | null };
  /** Resolves the core's close (the sync worker's drain); until then quitting waits. */
  finishDrain(): void;
  closes: { count: number };
}

async function startShell(options: { failingStarts?: number; singleInstance?: boolean } = {}): Promise<Shell> {
  vi.resetModules();
  const electron = createFakeElectron();
  electron.app.singleInstance = options.singleInstance ?? true;
  mocked.electron = electron;
  const logLines: Array<{ msg: string }> = [];
  const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _e, done) => (logLines.push(JSON.parse(String(chunk))), done()) }));
  const invoked: Array<[string, unknown]> = [];
  const holdersGone: string[] = [];
  let finishDrain = () => {};
  const drained = new Promise<void>((resolve) => (finishDrain = resolve));
  const closes = { count: 0 };
  const starts = { count: 0, shell: null as ShellControl | null };
  let failures = options.failingStarts ?? 0;
  mocked.startHostCore = async (startOptions) => {
    starts.count++;
    if (failures-- > 0) throw new Error('unable to open database file');
    starts.shell = startOptions.shell ?? null;
    const core = {
      logger: { forSubsystem: (subsystem: string) => logger.child({ subsystem }) },
      onEvent: () => () => {},
      invoke: async (name: string, input: unknown) => (invoked.push([name, input]), { ok: true, value: {} }),
      invokeAdmin: async () => ({ ok: true, value: {} }),
      adminHolderGone: (holder: string) => void holdersGone.push(holder),
    };
    return {
      core,
      demo: null,
      async close() {
        closes.count++;
        await drained;
      },
    } as unknown as HostCore;
  };
  await import('../../../src/main/electron/main');
  await vi.advanceTimersByTimeAsync(0);
  const kiosk = electron.windows[0]?.webContents as FakeWebContents;
  return { electron, kiosk, logLines, invoked, holdersGone, starts, finishDrain, closes };
}

const decoded = (url: string | undefined) => decodeURIComponent(url ?? '');
const key = (k: string, mods: Partial<{ control: boolean; shift: boolean; alt: boolean; meta: boolean }> = {}) => ({
  type: 'keyDown',
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  isAutoRepeat: false,
  ...mods,
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the Electron shell at start', () => {
  it('removes the application menu, keeps the display awake, and shows the kiosk page once the core is up', async () => {
    const shell = await startShell();
    expect(shell.electron.menu.calls).toEqual([null]);
    expect([...shell.electron.powerSaveBlocker.started.values()]).toEqual(['prevent-display-sleep']);
    expect(shell.electron.windows).toHaveLength(1);
    expect(shell.kiosk.loaded).toEqual([KIOSK_URL]);
    expect(shell.electron.protocol.handlers.has('app')).toBe(true);
    // Every call of the contract is answered over IPC.
    for (const name of callNames) expect(shell.electron.ipcMain.handlers.has(ipcChannel.call(name))).toBe(true);
  });

  it('grants no permission and opens no window', async () => {
    const shell = await startShell();
    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      shell.electron.permissions.request!(null, permission, (answer) => granted.push(answer));
      granted.push(shell.electron.permissions.check!(null, permission));
    }
    expect(granted.every((answer) => answer === false)).toBe(true);
    expect(shell.kiosk.windowOpenHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(fire(shell.kiosk, 'will-navigate', 'https://example.com/').defaultPrevented).toBe(true);
    expect(fire(shell.kiosk, 'will-navigate', KIOSK_URL).defaultPrevented).toBe(false);
  });

  it('turns the context menu off and pins pinch zoom at 100% on every page', async () => {
    const shell = await startShell();
    expect(fire(shell.kiosk, 'context-menu', { x: 10, y: 10 }).defaultPrevented).toBe(true);
    fire(shell.kiosk, 'did-finish-load');
    expect(shell.kiosk.visualZoomLimits).toEqual([[1, 1]]);
  });

  it('a second copy of the app quits at once and opens nothing', async () => {
    const shell = await startShell({ singleInstance: false });
    expect(shell.electron.app.quitRequests).toBe(1);
    expect(shell.electron.windows).toHaveLength(0);
  });
});

describe('keys', () => {
  it('the kiosk window gives every key to the burst detector and none to Chromium', async () => {
    const shell = await startShell();
    for (const input of [key('r', { control: true }), key('F5'), key('1'), key('Enter')]) {
      expect(fire(shell.kiosk, 'before-input-event', input).defaultPrevented).toBe(true);
    }
    expect(shell.invoked.map(([name, input]) => [name, (input as { key: string }).key])).toEqual([
      ['input.key', 'r'],
      ['input.key', 'F5'],
      ['input.key', '1'],
      ['input.key', 'Enter'],
    ]);
    // A key release is not a key.
    expect(fire(shell.kiosk, 'before-input-event', { ...key('1'), type: 'keyUp' }).defaultPrevented).toBe(false);
  });

  it('a key held down (auto-repeat) and then Enter is not a reader burst: repeats are stopped but never reach the core', async () => {
    const shell = await startShell();
    const held = [key('7'), ...Array.from({ length: 20 }, () => ({ ...key('7'), isAutoRepeat: true })), key('Enter')];
    for (const input of held) expect(fire(shell.kiosk, 'before-input-event', input).defaultPrevented).toBe(true);
    expect(shell.invoked.map(([name, input]) => [name, (input as { key: string }).key])).toEqual([
      ['input.key', '7'],
      ['input.key', 'Enter'],
    ]);
  });

  it('the admin window stops each blocked accelerator and lets typing through', async () => {
    const shell = await startShell();
    fire(shell.electron.ipcMain, adminIpcChannel.open);
    // Only the kiosk window's own page may open admin.
    expect(shell.electron.windows).toHaveLength(1);
    shell.electron.ipcMain.emit(adminIpcChannel.open, { sender: shell.kiosk, senderFrame: { url: KIOSK_URL } });
    expect(shell.electron.windows).toHaveLength(2);
    const admin = shell.electron.windows[1]!.webContents;
    expect(admin.loaded).toEqual([ADMIN_URL]);
    const blocked = [
      key('r', { control: true }),
      key('R', { control: true, shift: true }),
      key('F5'),
      key('w', { control: true }),
      key('q', { control: true }),
      key('F4', { alt: true }),
      key('=', { control: true }),
      key('-', { control: true }),
      key('0', { control: true }),
      key('p', { control: true }),
      key('n', { control: true }),
      key('t', { control: true }),
      key('F12'),
      key('I', { control: true, shift: true }),
      key('F11'),
      key('ArrowLeft', { alt: true }),
    ];
    for (const input of blocked) expect(fire(admin, 'before-input-event', input).defaultPrevented, JSON.stringify(input)).toBe(true);
    for (const input of [key('a'), key('1'), key('Enter'), key('Tab'), key('Backspace'), key('c', { control: true }), key('v', { control: true })]) {
      expect(fire(admin, 'before-input-event', input).defaultPrevented, JSON.stringify(input)).toBe(false);
    }
  });

  it('ends the admin session with its window, "Keluar" or not (a crashed admin page closes its window)', async () => {
    const shell = await startShell();
    shell.electron.ipcMain.emit(adminIpcChannel.open, { sender: shell.kiosk, senderFrame: { url: KIOSK_URL } });
    const adminWindow = shell.electron.windows[1]!;
    expect(shell.holdersGone).toEqual([]);
    fire(adminWindow.webContents, 'render-process-gone', { reason: 'crashed' });
    expect(shell.holdersGone).toEqual([`window:${adminWindow.webContents.id}`]);
  });
});

describe('recovery', () => {
  it('a crashed kiosk page is shown a message and reloaded, later each time, then the app is relaunched', async () => {
    const shell = await startShell();
    for (let failure = 1; failure < PAGE_RECOVERY.relaunchAfter; failure++) {
      fire(shell.kiosk, 'render-process-gone', { reason: 'crashed', exitCode: 139 });
      expect(decoded(shell.kiosk.current)).toContain('Layar kios sedang dimuat ulang');
      const delay = backoffDelay(failure, PAGE_RECOVERY);
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(shell.kiosk.current).not.toBe(KIOSK_URL);
      await vi.advanceTimersByTimeAsync(1);
      expect(shell.kiosk.current).toBe(KIOSK_URL);
    }
    expect(shell.electron.app.relaunches).toBe(0);
    fire(shell.kiosk, 'render-process-gone', { reason: 'oom', exitCode: 1 });
    expect(shell.electron.app.relaunches).toBe(1);
    expect(shell.electron.app.quitRequests).toBe(1);
    expect(shell.logLines.map((line) => line.msg)).toContain('the kiosk page keeps failing: relaunching the app');
  });

  it('a renderer that exited cleanly is not a crash', async () => {
    const shell = await startShell();
    fire(shell.kiosk, 'render-process-gone', { reason: 'clean-exit', exitCode: 0 });
    expect(shell.kiosk.loaded).toEqual([KIOSK_URL]);
  });

  it('a hung page is given a grace period, then its renderer is ended (and the crash path reloads it)', async () => {
    const shell = await startShell();
    const window = shell.electron.windows[0]!;
    window.emit('unresponsive');
    window.emit('responsive');
    await vi.advanceTimersByTimeAsync(UNRESPONSIVE_GRACE_MS);
    expect(shell.kiosk.crashedByShell).toBe(0);
    window.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(UNRESPONSIVE_GRACE_MS);
    expect(shell.kiosk.crashedByShell).toBe(1);
  });

  it('a page that fails to load shows the local error screen; "Coba lagi sekarang" retries at once', async () => {
    const shell = await startShell();
    // A subframe, or a load the shell replaced itself (ERR_ABORTED), is not the kiosk failing.
    fire(shell.kiosk, 'did-fail-load', -3, 'ERR_ABORTED', KIOSK_URL, true);
    fire(shell.kiosk, 'did-fail-load', -6, 'ERR_FILE_NOT_FOUND', KIOSK_URL, false);
    expect(shell.kiosk.loaded).toEqual([KIOSK_URL]);

    fire(shell.kiosk, 'did-fail-load', -6, 'ERR_FILE_NOT_FOUND', KIOSK_URL, true);
    const page = decoded(shell.kiosk.current);
    expect(page).toMatch(/^data:text\/html/);
    expect(page).toContain('Layar kios sedang dimuat ulang');
    expect(page).toContain('ERR_FILE_NOT_FOUND (-6)');
    expect(page).toContain(`href="${RETRY_URL}"`);
    // The error page itself failing never loops.
    fire(shell.kiosk, 'did-fail-load', -2, 'ERR_FAILED', shell.kiosk.current, true);
    expect(decoded(shell.kiosk.current)).toBe(page);

    expect(fire(shell.kiosk, 'will-navigate', RETRY_URL).defaultPrevented).toBe(true);
    expect(shell.kiosk.current).toBe(KIOSK_URL);
    // The scheduled retry was the one that ran: nothing loads again later.
    const loads = shell.kiosk.loaded.length;
    await vi.advanceTimersByTimeAsync(PAGE_RECOVERY.maxDelayMs);
    expect(shell.kiosk.loaded).toHaveLength(loads);
  });

  it('a core that fails to start shows a full-screen message and keeps retrying until it starts', async () => {
    const shell = await startShell({ failingStarts: 3 });
    expect(shell.starts.count).toBe(1);
    const page = decoded(shell.kiosk.current);
    expect(page).toContain('Kios belum bisa dimulai');
    expect(page).toContain('unable to open database file');
    expect(page).toContain(`dalam ${backoffDelay(1, STARTUP_RETRY) / 1000} detik`);
    expect(shell.electron.ipcMain.handlers.size).toBe(0);

    await vi.advanceTimersByTimeAsync(backoffDelay(1, STARTUP_RETRY));
    expect(shell.starts.count).toBe(2);
    expect(decoded(shell.kiosk.current)).toContain(`dalam ${backoffDelay(2, STARTUP_RETRY) / 1000} detik`);
    // The technician's "Coba lagi sekarang" does not wait for the timer.
    fire(shell.kiosk, 'will-navigate', RETRY_URL);
    await vi.advanceTimersByTimeAsync(0);
    expect(shell.starts.count).toBe(3);
    await vi.advanceTimersByTimeAsync(backoffDelay(3, STARTUP_RETRY));
    expect(shell.starts.count).toBe(4);
    expect(shell.kiosk.current).toBe(KIOSK_URL);
    expect(callNames.every((name) => shell.electron.ipcMain.handlers.has(ipcChannel.call(name)))).toBe(true);
  });
});

describe('quitting', () => {
  it('waits for the core to drain before the app exits, once however often quit is asked', async () => {
    const shell = await startShell();
    const { app } = shell.electron;
    app.quit();
    app.quit();
    await vi.advanceTimersByTimeAsync(1000);
    expect(shell.closes.count).toBe(1);
    expect(app.exits).toEqual([]);
    // The display may sleep again once the kiosk is going.
    expect(shell.electron.powerSaveBlocker.started.size).toBe(0);

    shell.finishDrain();
    await vi.advanceTimersByTimeAsync(0);
    expect(app.exits).toEqual([0]);
    // Exiting is final: a later before-quit is not held back.
    expect(fire(app, 'before-quit').defaultPrevented).toBe(false);
  });

  it('admin restart relaunches and quits through the same drain', async () => {
    const shell = await startShell();
    shell.starts.shell!.restart();
    expect(shell.electron.app.relaunches).toBe(1);
    expect(shell.closes.count).toBe(1);
    shell.finishDrain();
    await vi.advanceTimersByTimeAsync(0);
    expect(shell.electron.app.exits).toEqual([0]);
  });

  it('under a supervisor (ADM_RESTART_BY_EXIT_CODE=1) a restart is exit status 75 after the drain, not a relaunch', async () => {
    vi.stubEnv('ADM_RESTART_BY_EXIT_CODE', '1');
    try {
      const shell = await startShell();
      shell.starts.shell!.restart();
      shell.finishDrain();
      await vi.advanceTimersByTimeAsync(0);
      expect(shell.electron.app.relaunches).toBe(0);
      expect(shell.electron.app.exits).toEqual([75]);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('a core that never finishes closing is given up on after the watchdog, and the app exits', async () => {
    const shell = await startShell();
    shell.electron.app.quit();
    await vi.advanceTimersByTimeAsync(59_999);
    expect(shell.electron.app.exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(shell.electron.app.exits).toEqual([0]);
  });
});
