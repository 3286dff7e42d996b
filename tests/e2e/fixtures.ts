/**
 * A kiosk per test: a fresh data directory (optionally with a config.json),
 * the built web host started on a free port, its printed URL, and a clean
 * shutdown. Tests wait on the host's ready line, never on sleeps.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { startOpensidSim, type OpensidSim } from '../../tools/opensid-sim/server';
import { READY_LINE_PREFIX } from '../../src/main/web-host/ready-line';
import { SHORT_TIMINGS_ENV } from '../../src/main/config/schema';

export interface KioskHost {
  url: string;
  origin: string;
  port: number;
  token: string;
  dataDir: string;
}


/**
 * `config: null` starts with no config.json at all (the only case for demo mode).
 * With `dataDir` the host uses that folder (a restart) and leaves it for the caller.
 * `env` is added to the host's environment (e.g. CUPS_SERVER for a test's own cupsd).
 */
export async function startKioskHost(
  config: unknown = {},
  options: { demo?: boolean; dataDir?: string; env?: Record<string, string> } = {},
): Promise<{ host: KioskHost; stop(): Promise<void> }> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'adm-e2e-'));
  if (config !== null) writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify(withoutMetrics(config)));
  const args = ['dist/main/web-host.cjs', '--port', '0', ...(options.demo ? [] : ['--no-demo'])];
  const child: ChildProcess = spawn(process.execPath, args, {
    // Idle, session and sync timers of seconds, so a spec does not wait minutes for them.
    env: { ...process.env, ...options.env, ADM_DATA_DIR: dataDir, [SHORT_TIMINGS_ENV]: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${out}${err}`)), 15_000);
    child.stdout?.on('data', (chunk) => {
      out += String(chunk);
      const line = out.split('\n').find((l) => l.startsWith(READY_LINE_PREFIX));
      if (line) {
        clearTimeout(timer);
        resolve(line.slice(READY_LINE_PREFIX.length).trim());
      }
    });
    child.stderr?.on('data', (chunk) => (err += String(chunk)));
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${out}${err}`)));
  });
  const parsed = new URL(url);
  const host: KioskHost = {
    url,
    origin: parsed.origin,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
  };
  return {
    host,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Kiosks of parallel tests would all want the default metrics port (one PC has one kiosk; here there are many):
 * none serves /metrics unless its spec asks, so no Status screen says the port is taken by the kiosk beside it.
 */
function withoutMetrics(config: unknown): unknown {
  if (typeof config !== 'object' || config === null || Array.isArray(config) || 'metrics' in config) return config;
  return { ...config, metrics: { port: 0 } };
}

export const test = base.extend<{ kioskConfig: unknown; kioskDemo: boolean; kiosk: KioskHost }>({
  kioskConfig: [{ village: { name: 'Desa Sukamaju' } }, { option: true }],
  /** Without a configured server, start the embedded demo village server (as `npm start` does). */
  kioskDemo: [false, { option: true }],
  kiosk: async ({ kioskConfig, kioskDemo }, use) => {
    const { host, stop } = await startKioskHost(kioskConfig, { demo: kioskDemo });
    await use(host);
    await stop();
  },
});

import { expect } from '@playwright/test';
export { expect };

/** Digits on the kiosk's on-screen keypad, one tap each. */
export async function tapDigits(page: Page, digits: string): Promise<void> {
  for (const digit of digits) await page.getByRole('button', { name: digit, exact: true }).click();
}

/** The admin PIN the admin e2e specs give a kiosk. */
export const ADMIN_PIN = '482916';

/**
 * The admin PIN of a kiosk in service, set as a technician sets it: with the
 * bundled `adm admin set-pin` on the kiosk PC, the PIN piped on standard input.
 */
export function setAdminPinOnPc(kiosk: KioskHost, pin = ADMIN_PIN): void {
  admOnPc(kiosk, ['admin', 'set-pin'], `${pin}\n`);
}

/** A technician's `adm` command on the kiosk PC, on this kiosk's data; what it printed. Throws when it fails. */
export function admOnPc(kiosk: KioskHost, args: string[], input = ''): string {
  return execFileSync(process.execPath, ['dist/main/cli.cjs', ...args], {
    env: { ...process.env, ADM_DATA_DIR: kiosk.dataDir },
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
}

/**
 * On the attract screen of a kiosk in service: its admin PIN set on the PC,
 * the hidden gesture (5 taps on the top-left corner), the PIN, then the
 * Status screen.
 */
export async function openAdmin(page: Page, kiosk: KioskHost, options: { pinAlreadySet?: boolean } = {}): Promise<void> {
  if (!options.pinAlreadySet) setAdminPinOnPc(kiosk);
  await expect(page.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeVisible();
  for (let i = 0; i < 5; i++) await page.mouse.click(6, 6);
  await expect(page.getByRole('heading', { name: 'PIN admin' })).toBeVisible();
  await tapDigits(page, ADMIN_PIN);
  await page.getByRole('button', { name: 'Buka' }).click();
  await expect(page.getByRole('heading', { name: 'Status kios' })).toBeVisible();
}

/** From the attract screen: NIK and PIN on the keypad, each followed by Lanjut. */
export async function signIn(page: Page, kiosk: KioskHost, resident: { nik: string; pin: string }): Promise<void> {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: 'Sentuh layar untuk mulai' }).click();
  await tapDigits(page, resident.nik);
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await tapDigits(page, resident.pin);
  await page.getByRole('button', { name: 'Lanjut' }).click();
}

/**
 * Tests with their own demo village server (so they can take it down or move
 * requests through statuses) and a kiosk configured for it.
 */
export function testWithVillage(kioskConfig: (villageUrl: string) => Record<string, unknown>) {
  return base.extend<{ village: OpensidSim; kiosk: KioskHost }>({
    // Playwright reads the fixture's dependencies from this pattern: it must be an (empty) object pattern.
    // eslint-disable-next-line no-empty-pattern
    village: async ({}, use) => {
      const sim = await startOpensidSim();
      await use(sim);
      await sim.close();
    },
    kiosk: async ({ village }, use) => {
      const { host, stop } = await startKioskHost(kioskConfig(village.url));
      await use(host);
      await stop();
    },
  });
}
