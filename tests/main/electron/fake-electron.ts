/**
 * A stand-in for the `electron` module, for running the real shell
 * (`src/main/electron/main.ts`) without an Electron binary: the same names,
 * objects that record what the shell asked of them, and events a test fires
 * the way Electron would (with an event whose `preventDefault` is observed).
 */
import { EventEmitter } from 'node:events';

export interface FiredEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  sender?: unknown;
  senderFrame?: { url: string };
}

/** Emits `name` with a fresh event object first, as Electron does; returns it so a test sees whether it was prevented. */
export function fire(emitter: EventEmitter, name: string, ...args: unknown[]): FiredEvent {
  const event: FiredEvent = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  emitter.emit(name, event, ...args);
  return event;
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  /** Electron numbers each webContents. */
  readonly id = nextContentsId++;
  readonly loaded: string[] = [];
  readonly visualZoomLimits: Array<[number, number]> = [];
  crashedByShell = 0;
  destroyed = false;
  windowOpenHandler: ((details: unknown) => { action: string }) | null = null;
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: unknown) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  setVisualZoomLevelLimits(min: number, max: number): Promise<void> {
    this.visualZoomLimits.push([min, max]);
    return Promise.resolve();
  }
  forcefullyCrashRenderer(): void {
    this.crashedByShell++;
  }
  closeDevTools(): void {}
  send(): void {}
  /** The page the window shows now. */
  get current(): string | undefined {
    return this.loaded.at(-1);
  }
}

export class FakeApp extends EventEmitter {
  singleInstance = true;
  quitRequests = 0;
  relaunches = 0;
  readonly exits: number[] = [];
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  /** Like Electron: `before-quit` first; a listener may prevent the quit. */
  quit(): void {
    this.quitRequests++;
    fire(this, 'before-quit');
  }
  exit(code = 0): void {
    this.exits.push(code);
  }
  relaunch(): void {
    this.relaunches++;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  shown = false;
  destroyed = false;
  constructor(
    readonly options: Record<string, unknown>,
    registry: { app: FakeApp; windows: FakeBrowserWindow[] },
  ) {
    super();
    registry.windows.push(this);
    // Electron announces every new webContents before the window is handed back.
    registry.app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {}
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

export class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, (...args: unknown[]) => unknown>();
  handle(channel: string, handler: (...args: unknown[]) => unknown): void {
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

type PermissionRequest = (wc: unknown, permission: string, callback: (granted: boolean) => void) => void;
type PermissionCheck = (wc: unknown, permission: string) => boolean;

export interface FakeElectron {
  module: {
    app: FakeApp;
    BrowserWindow: new (options: Record<string, unknown>) => FakeBrowserWindow;
    ipcMain: FakeIpcMain;
    Menu: { setApplicationMenu(menu: unknown): void };
    protocol: { registerSchemesAsPrivileged(schemes: unknown[]): void; handle(scheme: string, handler: (request: { url: string }) => Promise<Response>): void };
    session: { defaultSession: { setPermissionRequestHandler(handler: PermissionRequest): void; setPermissionCheckHandler(handler: PermissionCheck): void } };
    powerSaveBlocker: { start(type: string): number; stop(id: number): void; isStarted(id: number): boolean };
    safeStorage: { isEncryptionAvailable(): boolean };
  };
  app: FakeApp;
  windows: FakeBrowserWindow[];
  ipcMain: FakeIpcMain;
  menu: { calls: unknown[] };
  protocol: { handlers: Map<string, (request: { url: string }) => Promise<Response>> };
  permissions: { request: PermissionRequest | null; check: PermissionCheck | null };
  /** Blocker id -> type, for the blockers started and not stopped. */
  powerSaveBlocker: { started: Map<number, string> };
}

export function createFakeElectron(): FakeElectron {
  const app = new FakeApp();
  const windows: FakeBrowserWindow[] = [];
  const registry = { app, windows };
  const ipcMain = new FakeIpcMain();
  const menuCalls: unknown[] = [];
  const protocolHandlers = new Map<string, (request: { url: string }) => Promise<Response>>();
  const permissions: FakeElectron['permissions'] = { request: null, check: null };
  const blockers = new Map<number, string>();
  let nextBlocker = 1;
  return {
    module: {
      app,
      BrowserWindow: class extends FakeBrowserWindow {
        constructor(options: Record<string, unknown>) {
          super(options, registry);
        }
      },
      ipcMain,
      Menu: { setApplicationMenu: (menu) => void menuCalls.push(menu) },
      protocol: { registerSchemesAsPrivileged: () => {}, handle: (scheme, handler) => void protocolHandlers.set(scheme, handler) },
      session: {
        defaultSession: {
          setPermissionRequestHandler: (handler) => void (permissions.request = handler),
          setPermissionCheckHandler: (handler) => void (permissions.check = handler),
        },
      },
      powerSaveBlocker: {
        start: (type) => {
          blockers.set(nextBlocker, type);
          return nextBlocker++;
        },
        stop: (id) => void blockers.delete(id),
        isStarted: (id) => blockers.has(id),
      },
      safeStorage: { isEncryptionAvailable: () => false },
    },
    app,
    windows,
    ipcMain,
    menu: { calls: menuCalls },
    protocol: { handlers: protocolHandlers },
    permissions,
    powerSaveBlocker: { started: blockers },
  };
}
