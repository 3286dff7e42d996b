import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../src/main/config/schema';
import { configPath, loadConfig, parseConfigText, saveConfig, watchConfig } from '../../../src/main/config/store';
import { createSilentLogger } from '../../../src/main/logging/logger';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const log = createSilentLogger().root;

describe('configuration', () => {
  it('gives a working kiosk with no file at all', () => {
    const config = loadConfig(tempDir(), log);
    expect(config).toEqual(defaultConfig());
    expect(config.kiosk.idleSeconds).toBe(60);
    expect(config.kiosk.idleWarningSeconds).toBe(20);
    expect(config.kiosk.timeZone).toBe('Asia/Jakarta');
    expect(config.server.url).toBeNull();
  });

  it('round-trips a saved configuration, written with owner-only permissions', async () => {
    const dir = tempDir();
    const config = defaultConfig();
    config.village.name = 'Desa Sukamaju';
    config.server.url = 'https://api.sukamaju.desa.id';
    await saveConfig(dir, config);
    expect(loadConfig(dir, log)).toEqual(config);
    expect(statSync(configPath(dir)).mode & 0o777).toBe(0o600);
    // atomic write: no temporary files left behind
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('refuses to save an invalid configuration', async () => {
    const dir = tempDir();
    const config = defaultConfig();
    config.kiosk.idleSeconds = -5;
    await expect(saveConfig(dir, config)).rejects.toThrow();
    expect(existsSync(configPath(dir))).toBe(false);
  });

  it('falls back to defaults for a corrupt file, warns, and keeps the file aside', () => {
    const dir = tempDir();
    writeFileSync(configPath(dir), '{ "kiosk": { "name": "ADM-07", ');
    const warn = vi.fn();
    const config = loadConfig(dir, { ...log, warn, info: vi.fn(), error: vi.fn() } as unknown as typeof log);
    expect(config).toEqual(defaultConfig());
    expect(warn).toHaveBeenCalled();
    expect(JSON.stringify(warn.mock.calls)).toContain('not valid JSON');
    const aside = readdirSync(dir).filter((name) => name.startsWith('config.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dir, aside[0]!), 'utf8')).toContain('ADM-07');
  });

  it('keeps the good fields when only some are wrong', () => {
    const { config, warnings } = parseConfigText(
      JSON.stringify({
        kiosk: { name: 'ADM-07', idleSeconds: 'sixty', locale: 'fr' },
        server: { url: 'ftp://nope' },
        village: 'not an object',
      }),
    );
    expect(config.kiosk.name).toBe('ADM-07');
    expect(config.kiosk.idleSeconds).toBe(60);
    expect(config.kiosk.locale).toBe('id');
    expect(config.server.url).toBeNull();
    expect(config.village.name).toBeNull();
    expect(warnings.join('\n')).toMatch(/kiosk\.idleSeconds/);
    expect(warnings.join('\n')).toMatch(/kiosk\.locale/);
    expect(warnings.join('\n')).toMatch(/server\.url/);
  });

  it('treats a JSON array or null as corrupt', () => {
    expect(parseConfigText('[1,2]').config).toEqual(defaultConfig());
    expect(parseConfigText('null').warnings).toHaveLength(1);
  });

  it('notices when the file changes on disk', async () => {
    const dir = tempDir();
    await saveConfig(dir, defaultConfig());
    const seen = vi.fn();
    const stop = watchConfig(dir, log, seen, 20);
    try {
      const next = defaultConfig();
      next.village.name = 'Desa Mekarsari';
      await saveConfig(dir, next);
      await vi.waitFor(() => expect(seen).toHaveBeenCalled(), { timeout: 3000 });
      expect(seen.mock.lastCall?.[0].village.name).toBe('Desa Mekarsari');
    } finally {
      stop();
    }
  });

  it('keeps the running configuration when the edited file cannot be read', async () => {
    const dir = tempDir();
    await saveConfig(dir, defaultConfig());
    const seen = vi.fn();
    const warn = vi.fn();
    const watchLog = { ...log, warn, info: vi.fn(), error: vi.fn() } as unknown as typeof log;
    const stop = watchConfig(dir, watchLog, seen, 20);
    try {
      writeFileSync(configPath(dir), '{ "server": { "url": "https://api.desa');
      await vi.waitFor(() => expect(warn).toHaveBeenCalled(), { timeout: 3000 });
      expect(seen).not.toHaveBeenCalled();
      expect(JSON.stringify(warn.mock.calls)).toContain('keeping the running configuration');
      expect(existsSync(configPath(dir))).toBe(true); // not moved aside while running
    } finally {
      stop();
    }
  });
});
