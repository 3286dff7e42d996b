import { describe, expect, it } from 'vitest';
import {
  KIOSK_URL,
  isNavigationAllowed,
  isPermissionGranted,
  isTrustedSender,
  openLockedWindow,
  parseShellFlags,
} from '../../../src/main/electron/policy';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/csp';
import type { BrowserWindowConstructorOptions } from 'electron';

/** The options a window was opened with, through a recorder in place of Electron's BrowserWindow. */
function optionsOf(role: 'kiosk' | 'admin', preload: string, flags: { development: boolean }): BrowserWindowConstructorOptions {
  class Recorder {
    constructor(readonly options: BrowserWindowConstructorOptions) {}
  }
  return openLockedWindow(Recorder, role, preload, flags).options;
}

describe('kiosk window lockdown', () => {
  const production = optionsOf('kiosk', '/app/preload/kiosk.cjs', { development: false });

  it('runs the renderer sandboxed, isolated and without Node', () => {
    expect(production.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/preload/kiosk.cjs',
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('opens the admin window with the same lockdown, its own preload, over the kiosk window', () => {
    const admin = optionsOf('admin', '/app/preload/admin.cjs', { development: false });
    expect(admin).toEqual({ ...production, alwaysOnTop: true, webPreferences: { ...production.webPreferences, preload: '/app/preload/admin.cjs' } });
    expect(production.alwaysOnTop).toBe(false);
  });

  it('is a frameless kiosk window with devtools off', () => {
    expect(production).toMatchObject({ kiosk: true, frame: false, fullscreen: true });
    expect(production.webPreferences?.devTools).toBe(false);
  });

  it('allows devtools only behind the --dev flag', () => {
    expect(parseShellFlags(['electron', '.'])).toEqual({ development: false });
    expect(parseShellFlags(['electron', '.', '--dev'])).toEqual({ development: true });
    const dev = optionsOf('kiosk', '/p.cjs', { development: true });
    expect(dev.webPreferences?.devTools).toBe(true);
    expect(dev.webPreferences?.sandbox).toBe(true);
  });

  it('never navigates away from app://kiosk', () => {
    expect(isNavigationAllowed(KIOSK_URL)).toBe(true);
    expect(isNavigationAllowed('app://kiosk/other.html')).toBe(true);
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://evil/index.html', 'javascript:alert(1)', 'not a url']) {
      expect(isNavigationAllowed(url), url).toBe(false);
    }
  });

  it('answers IPC only from our own frames', () => {
    expect(isTrustedSender('app://kiosk/index.html')).toBe(true);
    expect(isTrustedSender('https://kiosk/index.html')).toBe(false);
    expect(isTrustedSender('app://kiosk.evil/index.html')).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender('')).toBe(false);
  });

  it('denies every permission', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(isPermissionGranted(permission)).toBe(false);
    }
  });

  it('has a CSP that only runs our own scripts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('lets workers start only from our own files (the letter preview\'s pdf.js), and nothing else', () => {
    const directives = CONTENT_SECURITY_POLICY.split('; ');
    expect(directives).toContain("worker-src 'self'");
    // No blob: or data: workers, no wasm: pdf.js runs without eval and without its wasm decoders.
    expect(directives.find((d) => d.startsWith('worker-src'))).toBe("worker-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/blob:/);
  });
});
