import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKioskCore, type KioskCore } from '../../src/main/core';
import { configPath, saveConfig } from '../../src/main/config/store';
import { defaultConfig } from '../../src/main/config/schema';
import { DAMAGED_DATABASES, usedKiosk } from '../helpers/damaged-database';
import { openFilesUnder } from '../helpers/open-files';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const cores: KioskCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

function start(dataDir = tempDir()): KioskCore {
  const core = createKioskCore({ dataDir });
  cores.push(core);
  return core;
}

describe('createKioskCore', () => {
  it('takes its data directory from ADM_DATA_DIR when none is given', async () => {
    const dir = tempDir();
    const core = createKioskCore({ env: { ADM_DATA_DIR: dir } });
    cores.push(core);
    expect(core.dataDir).toBe(dir);
    await core.close();
    expect(readFileSync(path.join(dir, 'logs', 'adm.log'), 'utf8')).toContain('kiosk core starting');
  });

  it('answers kiosk.getInfo from the configuration', async () => {
    const dir = tempDir();
    const config = defaultConfig();
    config.village.name = 'Desa Sukamaju';
    config.kiosk.idleSeconds = 45;
    await saveConfig(dir, config);
    const result = await start(dir).invoke('kiosk.getInfo', {});
    expect(result).toEqual({
      ok: true,
      value: {
        kioskName: 'ADM-01',
        village: { name: 'Desa Sukamaju' },
        locale: 'id',
        timeZone: 'Asia/Jakarta',
        idle: { seconds: 45, warningSeconds: 20 },
        screenPpi: 102,
        serverConfigured: false,
        demoMode: false,
        needsTechnician: false,
        // No server in config.json and no demo: the attract screen offers no sign-in.
        signInRefused: 'server-not-configured',
        officePhone: null,
        voice: { id: true, en: true, guidance: false }, // espeak-ng is installed (tests/main/voice/espeak.test.ts)
        adminOpen: false,
        adminGesture: { taps: 5, seconds: 3 },
      },
    });
  });

  it('refuses unknown calls and malformed input as values, never exceptions', async () => {
    const core = start();
    expect(await core.invoke('kiosk.format', {})).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    expect(await core.invoke('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    expect(await core.invoke(42, {})).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    expect(await core.invoke('kiosk.getInfo', { extra: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await core.invoke('session.identify', null)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('says plainly that no village server is configured', async () => {
    const core = start();
    const result = await core.invoke('session.identify', { nik: '3201011501900001', pin: '123456' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'server-not-configured' },
    });
  });

  it('re-checks the NIK rules in the core (the renderer is not trusted)', async () => {
    const result = await start().invoke('session.identify', { nik: '9901011501900001', pin: '123456' });
    expect(result).toEqual({ ok: false, error: { code: 'invalid-nik', params: { problem: 'province', count: 16, missing: 0, part: '99' } } });
  });

  it('never writes the PIN or the full NIK to the log', async () => {
    const core = start();
    await core.invoke('session.identify', { nik: '3201011501900001', pin: '975310' });
    await core.close();
    const text = readFileSync(path.join(core.dataDir, 'logs', 'adm.log'), 'utf8');
    expect(text).toContain('320101******0001');
    expect(text).not.toContain('3201011501900001');
    expect(text).not.toContain('975310');
  });

  it('pushes kiosk.infoChanged and audits when a technician edits the configuration', async () => {
    const core = start();
    const seen = vi.fn();
    core.onEvent(seen);
    const config = defaultConfig();
    config.village.name = 'Desa Mekarsari';
    await saveConfig(core.dataDir, config);
    const infoChanges = () => seen.mock.calls.filter(([name]) => name === 'kiosk.infoChanged');
    await vi.waitFor(() => expect(infoChanges()).toHaveLength(1), { timeout: 3000 });
    expect(infoChanges()[0]?.[1]).toMatchObject({ village: { name: 'Desa Mekarsari' } });
    // The attract screen's office details come from the configuration too.
    expect(seen.mock.calls.map(([name]) => name)).toContain('kiosk.attractChanged');
    const actions = core.db.prepare('SELECT action FROM audit_log').pluck().all();
    expect(actions).toContain('config.changed');
  });

  it('starts, but needs a technician and serves no resident, when the configuration file cannot be read', async () => {
    const dir = tempDir();
    writeFileSync(configPath(dir), 'this is not json');
    const core = start(dir);
    const result = await core.invoke('kiosk.getInfo', {});
    expect(result).toMatchObject({ ok: true, value: { kioskName: 'ADM-01', needsTechnician: true, signInRefused: 'needs-technician', demoMode: false } });
    expect(core.needsTechnician()).toMatch(/^config.json tidak dapat dibaca \(baris 1, kolom 1\)/);
    expect(core.village()).toBeNull();
    const identify = await core.invoke('session.identify', { nik: '3201011501850001', pin: '123456' });
    expect(identify).toMatchObject({ ok: false, error: { code: 'needs-technician' } });
    await core.close();
    expect(readFileSync(configPath(dir), 'utf8')).toBe('this is not json'); // left for the technician
    expect(readFileSync(path.join(dir, 'logs', 'adm.log'), 'utf8')).toMatch(/"level":"error".*baris 1, kolom 1/);
  });

  it('refuses to start on an empty database where the data directory shows an earlier install', async () => {
    const dir = tempDir();
    await start(dir).close(); // keys/ and logs/ now exist
    for (const wipe of [() => rmSync(path.join(dir, 'adm.sqlite')), () => writeFileSync(path.join(dir, 'adm.sqlite'), '')]) {
      wipe();
      for (const side of ['adm.sqlite-wal', 'adm.sqlite-shm']) rmSync(path.join(dir, side), { force: true });
      expect(() => start(dir)).toThrow(/Basis data kios .* hilang atau kosong/);
    }
  });

  it.each(DAMAGED_DATABASES)('refuses to start on a damaged database (%s), for a technician to restore it', async (_damage, damage) => {
    const dir = tempDir();
    await usedKiosk(dir);
    damage(dir);
    expect(() => start(dir)).toThrow(/^adm\.sqlite rusak: .+; pulihkan dari cadangan\./);
    // The refusal's log record is written as the logger closes.
    const refusal = () => readFileSync(path.join(dir, 'logs', 'adm.log'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>).at(-1);
    await expect.poll(refusal).toMatchObject({ level: 'error', msg: 'the database cannot be used; the kiosk does not start', err: { type: 'DatabaseDamagedError' } });
  });

  const startsLogged = (dir: string) => readFileSync(path.join(dir, 'logs', 'adm.log'), 'utf8').split('\n').filter((line) => line.includes('"kiosk core starting"')).length;

  /** Ways a start fails after the database is open, and what it throws. */
  const FAILING_AFTER_THE_DATABASE: Array<[string, (dir: string) => void, RegExp]> = [
    [
      'media/ is a plain file: a feature fails as it registers, after others did',
      (dir) => {
        rmSync(path.join(dir, 'media'), { recursive: true, force: true });
        writeFileSync(path.join(dir, 'media'), 'not a folder');
      },
      /EEXIST/,
    ],
    ['the sealing key is damaged: the start fails right after the database opens', (dir) => writeFileSync(path.join(dir, 'keys', 'secret-box.key'), 'short'), /is not a 32-byte key/],
  ];

  it.each(FAILING_AFTER_THE_DATABASE)('a start that fails after the database is open (%s) leaves nothing open behind', async (_case, breakIt, thrown) => {
    const dir = tempDir();
    await start(dir).close();
    breakIt(dir);
    expect(() => start(dir)).toThrow(thrown);
    // The database closes at once.
    expect(openFilesUnder(dir).filter((file) => file.startsWith('adm.sqlite'))).toEqual([]);
    // The log stream opens its file as it writes the failed start's first record, then closes it.
    await expect.poll(() => startsLogged(dir)).toBe(2);
    await expect.poll(() => openFilesUnder(dir)).toEqual([]);
  });

  it('logs the cause of an internal failure: class, code and message', async () => {
    const core = start();
    core.db.exec('DROP TABLE audit_log'); // every audited call now fails inside SQLite
    expect(await core.invoke('kiosk.callStaff', { screen: 'menu' })).toEqual({ ok: false, error: { code: 'internal' } });
    await core.close();
    const failed = readFileSync(core.logger.file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>).find((record) => record.msg === 'call failed');
    expect(failed).toMatchObject({
      level: 'error',
      subsystem: 'core',
      call: 'kiosk.callStaff',
      err: { type: 'SqliteError', code: 'SQLITE_ERROR', message: 'no such table: audit_log', stack: expect.stringContaining('SqliteError') },
    });
  });

  it('keeps the data directory private, also for files an earlier version left open', async () => {
    const dir = tempDir();
    await start(dir).close();
    chmodSync(path.join(dir, 'adm.sqlite'), 0o644);
    chmodSync(dir, 0o755);
    mkdirSync(path.join(dir, 'printer-output'), { mode: 0o755 });
    writeFileSync(path.join(dir, 'printer-output', 'old-slip.txt'), 'Budi', { mode: 0o644 });
    chmodSync(path.join(dir, 'printer-output', 'old-slip.txt'), 0o644);
    await start(dir).close();
    const mode = (file: string) => statSync(path.join(dir, file)).mode & 0o777;
    expect(mode('.')).toBe(0o700);
    expect(mode('adm.sqlite')).toBe(0o600);
    expect(mode('printer-output')).toBe(0o700);
    expect(mode('printer-output/old-slip.txt')).toBe(0o600);
    expect(mode('keys/secret-box.key')).toBe(0o600);
    expect(mode('logs/adm.log')).toBe(0o600);
  });
});
