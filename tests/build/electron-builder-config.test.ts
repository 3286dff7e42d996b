// Packaging cannot run on CI machines (no Electron runtime; native modules
// built for Node), so the packaging configuration is validated instead:
// electron-builder's own loader and schema check, plus the targets we ship.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENT_TEMPLATE } from '../../src/main/fleet/agent-config';

const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(dir: string, file: string, options: null): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

describe('electron-builder.yml', () => {
  it('passes electron-builder schema validation', async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds AppImage and deb for Linux and NSIS for Windows, with the main bundle as entry', async () => {
    const config = (await getConfig(process.cwd(), 'electron-builder.yml', null)) as {
      linux: { target: string[] };
      win: { target: string[] };
      extraMetadata: { main: string };
      files: Array<{ filter: string[] }>;
      asarUnpack: string[];
      deb: { afterInstall: string };
    };
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.extraMetadata.main).toBe('dist/main/electron.cjs');
    expect(config.files.flatMap((f) => f.filter)).toContain('dist/preload/**/*.cjs');
    // Every native module the main bundle leaves external is loaded from outside the asar.
    for (const native of ['better-sqlite3', '@serialport/bindings-cpp', 'smartcard', 'node-hid']) {
      expect(config.asarUnpack).toContain(`**/node_modules/${native}/**`);
    }
    expect(config.deb.afterInstall).toBe('resources/linux/after-install.sh');
  });

  it("recommends Debian's prometheus for the fleet health agent and ships resources/fleet with the Linux packages", async () => {
    const config = (await getConfig(process.cwd(), 'electron-builder.yml', null)) as {
      deb: { recommends: string[]; depends: string[] };
      linux: { extraResources: Array<{ from: string; to: string }> };
    };
    expect(config.deb.recommends).toContain('prometheus');
    // Recommended, not required: a kiosk outside any kabupaten's monitoring installs without it.
    expect(config.deb.depends).not.toContain('prometheus');
    expect(config.linux.extraResources).toContainEqual({ from: 'resources/fleet', to: 'fleet' });
    // `adm fleet agent-config` looks for the template at <resources>/fleet/agent/... in the installed package.
    expect(existsSync(path.join('resources', AGENT_TEMPLATE))).toBe(true);
  });

  it('flips the Electron fuses that would let anything but the packaged app run as the kiosk', async () => {
    const config = (await getConfig(process.cwd(), 'electron-builder.yml', null)) as { electronFuses: Record<string, boolean> };
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('refuses a fuse electron-builder does not know (the fuses are schema-checked too)', async () => {
    const config = (await getConfig(process.cwd(), 'electron-builder.yml', null)) as { electronFuses: Record<string, boolean> };
    await expect(validateConfiguration({ ...config, electronFuses: { ...config.electronFuses, runAsnode: false } }, new DebugLogger(false))).rejects.toThrow(
      /configuration\.electronFuses should be one of these/,
    );
    await expect(validateConfiguration({ ...config, electronFuses: { ...config.electronFuses, runAsNode: 'no' } }, new DebugLogger(false))).rejects.toThrow(
      /electronFuses\.runAsNode should be a boolean/,
    );
  });

  it('rejects a misspelt option (the check is real)', async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    await expect(validateConfiguration({ ...config, linnux: {} }, new DebugLogger(false))).rejects.toThrow(/linnux/);
  });
});
