import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../src/main/config/schema';
import {
  configFilePresent,
  configPath,
  editConfigText,
  parseConfigText,
  readConfigFile,
  saveConfig,
  watchConfig,
} from '../../../src/main/config/store';
import { createSilentLogger } from '../../../src/main/logging/logger';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const log = createSilentLogger().root;
const loadConfig = (dir: string) => readConfigFile(dir).config;

/** A kiosk's configuration, written and watched: what the watcher applies (`seen`) and what it warns about. */
async function watchedKiosk() {
  const dir = tempDir();
  await saveConfig(dir, defaultConfig());
  const seen = vi.fn();
  const warn = vi.fn();
  const watchLog = { ...log, warn, info: vi.fn(), error: vi.fn() } as unknown as typeof log;
  return { dir, seen, warn, stop: watchConfig(dir, watchLog, seen, 20) };
}

describe('configuration', () => {
  it('gives a working kiosk with no file at all', () => {
    const config = loadConfig(tempDir());
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
    expect(loadConfig(dir)).toEqual(config);
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

  it('reads a file as technicians write it: BOM, comments, trailing commas', () => {
    const text = '\uFEFF{\n  // the village server\n  "server": { "url": "https://api.sukamaju.desa.id", },\n  "kiosk": { "name": "ADM-07" },\n}\n';
    const { config, problem, warnings } = parseConfigText(text);
    expect(problem).toBeNull();
    expect(warnings).toEqual([]);
    expect(config.server.url).toBe('https://api.sukamaju.desa.id');
    expect(config.kiosk.name).toBe('ADM-07');
  });

  // Each of these must stop the kiosk from sending anywhere, never become "no server" (demo mode).
  it.each([
    ['half a file', '{ "server": { "url": "https://api.desa.id" }, "kiosk": { "name": "ADM-07", ', { line: 1, column: 76 }],
    ['a stray word', '{\n  "server": { "url": "https://api.desa.id" }\n  oops\n}', { line: 3, column: 3 }],
    ['a JSON array', '[1, 2]', { line: null, column: null }],
    ['null', 'null', { line: null, column: null }],
    ['an empty file', '', { line: 1, column: 1 }],
    ['a server URL without a scheme', '{ "server": { "url": "api.sukamaju.desa.id" } }', { line: null, column: null }],
    ['a server URL of another kind', '{ "server": { "url": "ftp://api.desa.id" } }', { line: null, column: null }],
    ['a server that is not an object', '{ "server": "https://api.desa.id" }', { line: null, column: null }],
  ])('is a problem for a technician, with where: %s', (_name, text, where) => {
    const { problem } = parseConfigText(text);
    expect(problem).not.toBeNull();
    expect({ line: problem!.line, column: problem!.column }).toEqual(where);
  });

  it('leaves an unreadable file where it is and says it exists', () => {
    const dir = tempDir();
    writeFileSync(configPath(dir), '{ "kiosk": { "name": "ADM-07", ');
    const state = readConfigFile(dir);
    expect(state.exists).toBe(true);
    expect(state.problem?.message).toMatch(/not valid JSON/);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('refuses native QR codes on a printer model that has none, and uses its raster instead', () => {
    const { config, warnings } = parseConfigText(JSON.stringify({ printer: { profile: 'epson-tm-t88iii', qr: 'native' } }));
    expect(config.printer).toMatchObject({ profile: 'epson-tm-t88iii', qr: 'profile' });
    expect(warnings.join('\n')).toMatch(/printer\.qr: Epson TM-T88III cannot print QR codes itself; "raster" \(a QR image\) is used instead/);
    expect(parseConfigText(JSON.stringify({ printer: { profile: 'epson-tm-t88v', qr: 'native' } })).config.printer.qr).toBe('native');
  });

  it('falls back loudly for a printer profile that does not exist', () => {
    const { config, warnings } = parseConfigText(JSON.stringify({ printer: { profile: 'epson-tm-t99' } }));
    expect(config.printer.profile).toBe('generic-58');
    expect(warnings.join('\n')).toMatch(/printer\.profile: not a printer profile this kiosk knows/);
  });

  it('falls back loudly for a time zone that is not one', () => {
    const { config, warnings, problem } = parseConfigText(JSON.stringify({ kiosk: { timeZone: 'WIB', name: 'ADM-07' } }));
    expect(problem).toBeNull();
    expect(config.kiosk.timeZone).toBe('Asia/Jakarta');
    expect(config.kiosk.name).toBe('ADM-07');
    expect(warnings.join('\n')).toMatch(/kiosk\.timeZone: not a time zone/);
    expect(parseConfigText(JSON.stringify({ kiosk: { timeZone: 'Asia/Makassar' } })).config.kiosk.timeZone).toBe('Asia/Makassar');
  });

  it('keeps the good fields when only some are wrong', () => {
    const { config, warnings } = parseConfigText(
      JSON.stringify({
        kiosk: { name: 'ADM-07', idleSeconds: 'sixty', locale: 'fr' },
        village: 'not an object',
      }),
    );
    expect(config.kiosk.name).toBe('ADM-07');
    expect(config.kiosk.idleSeconds).toBe(60);
    expect(config.kiosk.locale).toBe('id');
    expect(config.village.name).toBeNull();
    expect(warnings.join('\n')).toMatch(/kiosk\.idleSeconds/);
    expect(warnings.join('\n')).toMatch(/kiosk\.locale/);
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
    const { dir, seen, warn, stop } = await watchedKiosk();
    try {
      writeFileSync(configPath(dir), '{ "server": { "url": "https://api.desa');
      await vi.waitFor(() => expect(warn).toHaveBeenCalled(), { timeout: 3000 });
      expect(seen).not.toHaveBeenCalled();
      expect(JSON.stringify(warn.mock.calls)).toContain('keeping the running configuration');
      expect(JSON.stringify(warn.mock.calls)).toContain('baris 1');
      expect(existsSync(configPath(dir))).toBe(true); // not moved aside while running
    } finally {
      stop();
    }
  });

  it('replaces a part written as something other than an object when a field of it is saved', () => {
    const text = '{\n  // by hand\n  "kiosk": "ADM-07",\n  "server": { "url": "https://api.desa.id" }\n}\n';
    const before = parseConfigText(text).config;
    const after = { ...before, kiosk: { ...before.kiosk, locale: 'en' as const } };
    const edited = editConfigText(text, before, after);
    expect(edited.startsWith('{\n  // by hand\n  "kiosk": {')).toBe(true);
    expect(edited).toContain('"server": { "url": "https://api.desa.id" }');
    expect(parseConfigText(edited)).toMatchObject({ warnings: [], config: { kiosk: { locale: 'en', name: 'ADM-01' }, server: { url: 'https://api.desa.id' } } });
  });
});

// Anything named config.json is a configuration: one the kiosk cannot read needs a technician, never defaults or demo mode.
const NOT_A_READABLE_FILE: Array<[string, (file: string, dir: string) => void, RegExp]> = [
  ['a folder', (file) => mkdirSync(file), /config\.json is a folder, not a file/],
  ['a link to nothing', (file, dir) => symlinkSync(path.join(dir, 'gone.json'), file), /config\.json is a link to ".*gone\.json", which does not exist/],
  ['a link to itself', (file) => symlinkSync(file, file), /config\.json is a link that leads back to itself/],
  ['a link to a folder', (file, dir) => symlinkSync(dir, file), /config\.json is a folder, not a file/],
  ['a named pipe (reading it would wait forever)', (file) => execFileSync('mkfifo', [file]), /config\.json is not a regular file/],
  ['a link to a device', (file) => symlinkSync('/dev/zero', file), /config\.json is not a regular file/],
];

describe('an entry named config.json that is not a readable file', () => {
  it.each(NOT_A_READABLE_FILE)('is a problem for a technician, with what it is: %s', (_name, make, detail) => {
    const dir = tempDir();
    make(configPath(dir), dir);
    expect(configFilePresent(dir)).toBe(true);
    const state = readConfigFile(dir);
    expect(state.exists).toBe(true);
    expect(state.problem?.message).toMatch(detail);
    expect(state.config).toEqual(defaultConfig());
  });

  it('is absent only when nothing has that name', () => {
    const dir = tempDir();
    expect(configFilePresent(dir)).toBe(false);
    expect(readConfigFile(dir)).toMatchObject({ exists: false, problem: null });
  });

  it.each(NOT_A_READABLE_FILE)('does not stop the watcher from starting: %s', (_name, make) => {
    const dir = tempDir();
    make(configPath(dir), dir);
    const stop = watchConfig(dir, log, vi.fn(), 20);
    stop();
  });

  it.each(NOT_A_READABLE_FILE)('put in place of the file while the kiosk runs, keeps the running configuration (no exception from the timer): %s', async (_name, make, detail) => {
    const { dir, seen, warn, stop } = await watchedKiosk();
    try {
      rmSync(configPath(dir));
      make(configPath(dir), dir);
      const said = () => warn.mock.calls.map((call) => String(call.at(-1))).join('\n');
      await vi.waitFor(() => expect(said()).toMatch(detail), { timeout: 3000 });
      expect(said()).toContain('; keeping the running configuration');
      expect(seen).not.toHaveBeenCalled();
      // Fixed: the watcher reads the file again.
      rmSync(configPath(dir), { recursive: true });
      const next = defaultConfig();
      next.kiosk.name = 'ADM-BALAI';
      await saveConfig(dir, next);
      await vi.waitFor(() => expect(seen).toHaveBeenCalled(), { timeout: 3000 });
      expect(seen.mock.lastCall?.[0].kiosk.name).toBe('ADM-BALAI');
    } finally {
      stop();
    }
  });

  it('says when the file went away while the kiosk runs, and keeps the running configuration', async () => {
    const { dir, seen, warn, stop } = await watchedKiosk();
    try {
      rmSync(configPath(dir));
      await vi.waitFor(() => expect(JSON.stringify(warn.mock.calls)).toContain('config.json is gone; keeping the running configuration'), { timeout: 3000 });
      expect(seen).not.toHaveBeenCalled();
    } finally {
      stop();
    }
  });
});

describe('a part of the configuration missing a field it needs', () => {
  it.each([
    ['a card reader without its USB ids', '{"server":{"url":"http://127.0.0.1:9"},"input":{"hid":{"mode":"card"}}}', 'input.hid'],
  ])('%s: that part falls back to none, loudly; the rest of the file (the server) is kept', (_name, text, part) => {
    const loaded = parseConfigText(text);
    expect(loaded.problem).toBeNull();
    expect(loaded.config.server.url).toBe('http://127.0.0.1:9');
    expect(loaded.config.input.hid).toBeNull();
    expect(loaded.warnings.join('\n')).toContain(`${part}:`);
  });
});

describe('a config.json far too large to be a configuration', () => {
  it('needs a technician, without reading it all', () => {
    const dir = tempDir();
    writeFileSync(configPath(dir), `{"kiosk":{"name":"ADM-01"}, "pad": "${'x'.repeat(2 * 1024 * 1024)}"}`);
    const state = readConfigFile(dir);
    expect(state.problem?.message).toMatch(/^config\.json is \d+ bytes; a configuration is a few kilobytes/);
  });
});

describe('a number written in quotes', () => {
  it.each([
    ['"7"', 7],
    ['" 3 "', 3],
    ['"0.5"', 1], // then held to its range, never the default on the looser side
    ['"tujuh"', 30],
  ])('sync.retentionDays %s reads as %i', (written, days) => {
    const loaded = parseConfigText(`{"sync":{"retentionDays":${written}}}`);
    expect(loaded.config.sync.retentionDays).toBe(days);
    expect(loaded.warnings.length).toBeGreaterThan(0);
  });
});
