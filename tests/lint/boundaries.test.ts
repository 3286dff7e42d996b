// Proves the layer rules in eslint.config.js actually fire (ARCHITECTURE.md "Layers").
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer boundaries', () => {
  const electronImport = "import { app } from 'electron';\nexport const x = app;\n";

  it.each(['src/main/core-thing.ts', 'src/devices/printer/x.ts', 'src/shared/x.ts', 'src/renderer/x.ts', 'src/main/web-host/x.ts'])(
    'forbids importing electron in %s',
    async (file) => {
      const errors = await restrictedImportErrors(electronImport, file);
      expect(errors.join('\n')).toMatch(/Only src\/main\/electron and src\/preload/);
    },
  );

  it.each(['src/main/electron/x.ts', 'src/preload/x.ts'])('allows electron in %s', async (file) => {
    expect(await restrictedImportErrors(electronImport, file)).toEqual([]);
  });

  it.each([
    ["import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'src/shared/x.ts'],
    ["import path from 'path';\nexport const p = path;\n", 'src/shared/x.ts'],
    ["import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'src/renderer/x.ts'],
  ])('forbids Node built-ins in shared and renderer code (%#)', async (code, file) => {
    expect((await restrictedImportErrors(code, file)).length).toBe(1);
  });

  it('forbids the renderer from reaching into the core', async () => {
    const errors = await restrictedImportErrors(
      "import { createKioskCore } from '../main/core';\nexport const c = createKioskCore;\n",
      'src/renderer/x.ts',
    );
    expect(errors.join('\n')).toMatch(/only through api\.ts/);
  });

  it('forbids React in the core', async () => {
    const errors = await restrictedImportErrors("import { useState } from 'react';\nexport const u = useState;\n", 'src/main/x.ts');
    expect(errors.join('\n')).toMatch(/no DOM/);
  });

  it.each([
    ["import { adminIpcChannel } from '../shared/admin-contract-names';\nexport const c = adminIpcChannel;\n", 'src/preload/kiosk.ts'],
    ["import { createAdminBridge } from '../shared/admin-bridge';\nexport const c = createAdminBridge;\n", 'src/preload/bridge.ts'],
    ["import type { AdminBridge } from './admin-contract';\nexport type C = AdminBridge;\n", 'src/shared/bridge.ts'],
    ["import { PUBLIC_ADMIN_CALLS } from './admin-contract-names';\nexport const c = PUBLIC_ADMIN_CALLS;\n", 'src/shared/contract-names.ts'],
  ])('keeps the admin half out of the kiosk preload and what it is built from (%#)', async (code, file) => {
    expect((await restrictedImportErrors(code, file)).join('\n')).toMatch(/kiosk window's preload imports nothing of the admin half/);
  });

  it('lets the admin preload use the admin half, and the kiosk preload electron and the resident names', async () => {
    expect(await restrictedImportErrors("import { adminIpcChannel } from '../shared/admin-contract-names';\nexport const c = adminIpcChannel;\n", 'src/preload/admin.ts')).toEqual([]);
    expect(
      await restrictedImportErrors("import { ipcRenderer } from 'electron';\nimport { shellChannel } from '../shared/contract-names';\nexport const c = [ipcRenderer, shellChannel];\n", 'src/preload/kiosk.ts'),
    ).toEqual([]);
  });

  it('keeps the shared rules on the shared files the kiosk preload is built from', async () => {
    expect((await restrictedImportErrors("import path from 'node:path';\nexport const p = path;\n", 'src/shared/bridge.ts')).length).toBe(1);
  });

  it('lets the core use Node built-ins', async () => {
    expect(await restrictedImportErrors("import path from 'node:path';\nexport const p = path;\n", 'src/main/x.ts')).toEqual([]);
  });
  it.each([
    ["import { officePhoneOf } from './kiosk-info';\nexport const o = officePhoneOf;\n", 'src/main/features/requests.ts'],
    ["import { learnCards } from '../features/reader-input';\nexport const l = learnCards;\n", 'src/main/features/resident-session.ts'],
  ])('forbids one feature importing another (%#)', async (code, file) => {
    expect((await restrictedImportErrors(code, file)).join('\n')).toMatch(/Features do not import each other/);
  });

  it.each([
    ["import Database from 'better-sqlite3';\nexport const d = Database;\n", /Features never hold the database/],
    ["import type { Database } from '../db/database';\nexport type D = Database;\n", /Features do not import each other or the database/],
  ])('forbids features the database (%#)', async (code, pattern) => {
    expect((await restrictedImportErrors(code, 'src/main/features/letters.ts')).join('\n')).toMatch(pattern);
  });

  it('lets features import services and the shared contract', async () => {
    const code = "import { ok } from '../../shared/result';\nimport { officePhoneOf } from '../village/office-phone';\nexport const x = [ok, officePhoneOf];\n";
    expect(await restrictedImportErrors(code, 'src/main/features/requests.ts')).toEqual([]);
  });

  it('still forbids electron and React in features', async () => {
    expect((await restrictedImportErrors(electronImport, 'src/main/features/x.ts')).join('\n')).toMatch(/Only src\/main\/electron/);
    expect((await restrictedImportErrors("import { useState } from 'react';\nexport const u = useState;\n", 'src/main/features/x.ts')).join('\n')).toMatch(/no DOM/);
  });
  it('forbids resident features the admin half, and lets admin features use it', async () => {
    const code = "import { createAdminAuth } from '../admin/admin-auth';\nexport const a = createAdminAuth;\n";
    expect((await restrictedImportErrors(code, 'src/main/features/reader-input.ts')).join('\n')).toMatch(/Resident features reach nothing of the admin half/);
    expect(await restrictedImportErrors(code, 'src/main/features/admin-security.ts')).toEqual([]);
    // The feature rules still hold for resident features.
    expect((await restrictedImportErrors("import { officePhoneOf } from './kiosk-info';\nexport const o = officePhoneOf;\n", 'src/main/features/requests.ts')).join('\n')).toMatch(/Features do not import each other/);
  });

  const promClient = "import { Counter } from 'prom-client';\nexport const c = Counter;\n";
  it.each(['src/main/features/requests.ts', 'src/main/features/admin.ts', 'src/main/metrics/metrics-server.ts', 'src/main/core.ts', 'src/devices/printer/x.ts', 'src/shared/x.ts', 'tests/main/x.test.ts'])(
    'forbids prom-client outside the fleet metrics module, in %s',
    async (file) => {
      expect((await restrictedImportErrors(promClient, file)).join('\n')).toMatch(/Only src\/main\/metrics\/fleet-metrics\.ts imports 'prom-client'/);
    },
  );

  it('lets the fleet metrics module import prom-client, and nothing else there', async () => {
    expect(await restrictedImportErrors(promClient, 'src/main/metrics/fleet-metrics.ts')).toEqual([]);
    expect((await restrictedImportErrors(electronImport, 'src/main/metrics/fleet-metrics.ts')).join('\n')).toMatch(/Only src\/main\/electron/);
  });
});
