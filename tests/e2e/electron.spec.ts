/**
 * The real Electron shell, when its runtime is installed (a developer machine
 * with internet access, or a kiosk build machine). Without the runtime these
 * tests are skipped with a message; the same UI is covered in Chromium by the
 * other e2e specs, and every lockdown rule has a unit test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron } from '@playwright/test';
import { callNames } from '../../src/shared/contract-names';
import { expect, test } from './fixtures';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';

const binary = findElectronBinary();

test.describe('Electron shell', () => {
  test.skip(binary === null, 'Electron runtime not installed (node_modules/electron/dist missing): shell tests skipped');

  test('opens the locked-down kiosk window with the contract bridge only', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'adm-electron-'));
    const app = await electron.launch({
      executablePath: binary!,
      args: ['.', '--no-sandbox'],
      env: { ...process.env, ADM_DATA_DIR: dataDir },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByText('Sentuh layar untuk mulai')).toBeVisible();
      // Runs in the page; the test project has no DOM typings, hence globalThis.
      const exposed = await page.evaluate(() => {
        const page = globalThis as unknown as { adm: { calls: object }; require?: unknown; process?: unknown };
        return { calls: Object.keys(page.adm.calls).sort(), require: typeof page.require, process: typeof page.process };
      });
      // Exactly the resident half of the contract: no admin call, nothing else.
      expect(exposed).toEqual({ calls: [...callNames].sort(), require: 'undefined', process: 'undefined' });
      await page.evaluate(() => {
        (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
      });
      await expect(page.getByText('Sentuh layar untuk mulai')).toBeVisible();
      expect(page.url()).toBe('app://kiosk/index.html');
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('has no application menu, and a crashed kiosk page comes back by itself', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'adm-electron-'));
    const app = await electron.launch({ executablePath: binary!, args: ['.', '--no-sandbox'], env: { ...process.env, ADM_DATA_DIR: dataDir } });
    const kioskUrl = () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getURL());
    try {
      const page = await app.firstWindow();
      await expect(page.getByText('Sentuh layar untuk mulai')).toBeVisible();
      expect(await app.evaluate(({ Menu }) => Menu.getApplicationMenu())).toBeNull();
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer());
      // The shell's own message first, then the kiosk page again after the first backoff (1 s).
      await expect.poll(kioskUrl, { timeout: 10_000, intervals: [50] }).toMatch(/^data:text\/html/);
      await expect.poll(kioskUrl, { timeout: 15_000 }).toBe('app://kiosk/index.html');
      await expect(app.windows()[0]!.getByText('Sentuh layar untuk mulai')).toBeVisible();
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
