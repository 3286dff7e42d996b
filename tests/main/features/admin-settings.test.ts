import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SETTINGS_KEYS, type SettingsKey, type SettingsValue } from '../../../src/shared/admin-settings';
import { createKioskCore, type KioskCore } from '../../../src/main/core';
import { defaultConfig } from '../../../src/main/config/schema';
import { configPath, parseConfigText, saveConfig } from '../../../src/main/config/store';
import { applySettings, settingsOf } from '../../../src/main/features/admin-settings';
import { parse as parseJsonc } from 'jsonc-parser';
import { useTempDirs } from '../../helpers/temp-dir';
import { asPage, openAdminSession } from '../../helpers/admin-session';

const tempDir = useTempDirs();
let close: () => Promise<void> = async () => {};
afterEach(async () => close());

/** Every setting the screen offers, with values the configuration must refuse and the problem the screen words. */
const BAD: Record<SettingsKey, Array<[SettingsValue, string]>> = {
  'kiosk.name': [['', 'required'], ['K'.repeat(41), 'too-long'], [null, 'required'], [7, 'invalid']],
  'printer.queuePrefix': [['a', 'invalid'], ['ABC', 'invalid'], ['1', 'invalid'], ['', 'invalid']],
  'kiosk.idleSeconds': [[0, 'too-small'], [29, 'too-small'], [301, 'too-big'], [3601, 'too-big'], [45.5, 'not-whole'], ['60', 'not-a-number'], [null, 'not-a-number']],
  'kiosk.idleWarningSeconds': [[1, 'too-small'], [19, 'too-small'], [121, 'too-big'], [22.5, 'not-whole']],
  'session.maxMinutes': [[0, 'too-small'], [2, 'too-small'], [61, 'too-big'], ['10', 'not-a-number']],
  'kiosk.locale': [['fr', 'invalid'], ['', 'invalid'], [null, 'invalid']],
  'sync.retentionDays': [[0, 'too-small'], [-7, 'too-small'], [366, 'too-big'], [10.5, 'not-whole']],
  'kiosk.screenPpi': [[49, 'too-small'], [601, 'too-big'], ['102', 'not-a-number']],
  'village.officePhone': [['12', 'invalid'], ['nomor kantor', 'invalid']],
  'printer.queueTicketsPerMinute': [[0, 'too-small'], [31, 'too-big'], [2.5, 'not-whole']],
  'village.officeAddress': [['A'.repeat(161), 'too-long']],
  'village.officeHours': [['H'.repeat(121), 'too-long']],
  'attract.runningText': [['R'.repeat(301), 'too-long']],
  'kiosk.dailyRestartAt': [['24:00', 'invalid'], ['3:00', 'invalid'], ['jam tiga', 'invalid'], ['03:60', 'invalid']],
  'kiosk.id': [['Sukamaju 01', 'format'], ['-sukamaju', 'format'], ['sukamaju-', 'format'], ['k'.repeat(41), 'format'], ['desa_1', 'format']],
  'village.code': [['320101200', 'format'], ['32010120011', 'format'], ['32.01.01.200A', 'format'], ['kode', 'format']],
  'village.kecamatan': [['K'.repeat(61), 'too-long']],
  'village.kabupaten': [['K'.repeat(61), 'too-long']],
  'metrics.port': [[-1, 'too-small'], [65536, 'too-big'], [9464.5, 'not-whole'], ['9464', 'not-a-number']],
  'printer.transport': [['bluetooth', 'invalid'], [null, 'invalid']],
  'printer.host': [['', 'required']],
  'printer.port': [[0, 'too-small'], [65536, 'too-big'], [91.5, 'not-whole']],
  'printer.devicePath': [['', 'required'], [null, 'required']],
  'printer.baudRate': [[1199, 'too-small'], [921601, 'too-big']],
  'printer.profile': [['epson-9000', 'invalid']],
  'printer.qr': [['laser', 'invalid']],
  'letterPrinter.enabled': [['yes', 'invalid'], [1, 'invalid'], [null, 'required']],
  'letterPrinter.media': [['A4 paper', 'invalid'], ['', 'invalid'], ['M'.repeat(41), 'invalid']],
  'letterPrinter.printsPerLetterPerDay': [[0, 'too-small'], [11, 'too-big'], [1.5, 'not-whole'], ['2', 'not-a-number']],
  'letterPrinter.maxLetterMegabytes': [[0, 'too-small'], [51, 'too-big'], ['10', 'not-a-number']],
  'letterPrinter.jobTimeoutSeconds': [[29, 'too-small'], [601, 'too-big']],
  'input.pcsc': [['yes', 'invalid'], [1, 'invalid'], [null, 'required']],
  'input.serialScanner.path': [['', 'required'], [' ', 'required']],
  'input.serialScanner.baudRate': [[1199, 'too-small'], [921601, 'too-big'], [9600.5, 'not-whole']],
  'input.hid.mode': [['keyboard', 'invalid'], ['', 'invalid']],
  'input.hid.vendorId': [['xyz', 'invalid'], ['12345', 'invalid'], [-1, 'too-small']],
  'input.hid.productId': [['0x', 'invalid'], ['g000', 'invalid']],
  'input.maxGapMs': [[19, 'too-small'], [501, 'too-big'], [50.5, 'not-whole'], ['150', 'not-a-number']],
  'input.minLength': [[3, 'too-small'], [65, 'too-big']],
  'input.terminator': [['Space', 'invalid'], [null, 'invalid']],
  'input.prefix': [['P'.repeat(9), 'too-long']],
  'input.suffix': [['S'.repeat(9), 'too-long']],
  'input.reversedUid': [['no', 'invalid']],
  'input.cardPrefix': [['C'.repeat(9), 'too-long']],
  'input.hid.uidOffset': [[-1, 'too-small'], [64, 'too-big']],
  'input.hid.uidLength': [['5', 'invalid'], [8, 'invalid']],
};

describe('admin settings validation', () => {
  it('covers every field the screen offers', () => {
    expect(Object.keys(BAD).sort()).toEqual([...SETTINGS_KEYS].sort());
  });

  for (const key of SETTINGS_KEYS) {
    it(`refuses bad values of ${key}, each with its problem`, () => {
      for (const [value, problem] of BAD[key]) {
        const checked = applySettings(defaultConfig(), { [key]: value });
        expect(checked, `${key} = ${JSON.stringify(value)}`).toMatchObject({ ok: false, fields: { [key]: problem } });
      }
    });
  }

  it('refuses native QR codes on a printer profile without them (a rule across two fields)', () => {
    const checked = applySettings(defaultConfig(), { 'printer.profile': 'epson-tm-t88ii', 'printer.qr': 'native' });
    expect(checked).toMatchObject({ ok: false, fields: { 'printer.qr': 'invalid' } });
  });

  it('gives the bounds a message needs', () => {
    expect(applySettings(defaultConfig(), { 'kiosk.idleSeconds': 0 })).toMatchObject({ ok: false, params: { 'kiosk.idleSeconds.min': 30 } });
    expect(applySettings(defaultConfig(), { 'sync.retentionDays': 4000 })).toMatchObject({ ok: false, params: { 'sync.retentionDays.max': 365 } });
  });

  it('takes good values, an office phone as the digits, and empty optional texts as none', () => {
    const checked = applySettings(defaultConfig(), {
      'kiosk.name': 'ADM-BALAI',
      'printer.queuePrefix': 'B',
      'kiosk.idleSeconds': 90,
      'kiosk.locale': 'en',
      'village.officePhone': '0251 8765 432',
      'village.officeHours': null,
    });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(settingsOf(checked.config)).toMatchObject({
      'kiosk.name': 'ADM-BALAI',
      'printer.queuePrefix': 'B',
      'kiosk.idleSeconds': 90,
      'kiosk.locale': 'en',
      'village.officePhone': '02518765432',
      'village.officeHours': null,
    });
  });
});

describe('fleet identity settings', () => {
  it('takes a kiosk id, a kode desa as written (dots dropped), the kecamatan and kabupaten, and the metrics port; empty is none', () => {
    const checked = applySettings(defaultConfig(), {
      'kiosk.id': 'sukamaju-01',
      'village.code': '32.01.01.2001',
      'village.kecamatan': 'Cibinong',
      'village.kabupaten': 'Bogor',
      'metrics.port': 0,
    });
    expect(checked.ok && { kiosk: checked.config.kiosk.id, village: checked.config.village, port: checked.config.metrics.port }).toMatchObject({
      kiosk: 'sukamaju-01',
      village: { code: '3201012001', kecamatan: 'Cibinong', kabupaten: 'Bogor' },
      port: 0,
    });
    if (!checked.ok) return;
    const cleared = applySettings(checked.config, { 'kiosk.id': null, 'village.code': null });
    expect(cleared.ok && [cleared.config.kiosk.id, cleared.config.village.code]).toEqual([null, null]);
  });
});

describe('letter printer settings', () => {
  it('turns letter printing on with its limits, as the A4 section shows them', () => {
    const checked = applySettings(defaultConfig(), { 'letterPrinter.enabled': true, 'letterPrinter.media': 'FanFoldGermanLegal', 'letterPrinter.printsPerLetterPerDay': 2, 'letterPrinter.jobTimeoutSeconds': 180 });
    expect(checked.ok && checked.config.letterPrinter).toEqual({ enabled: true, queue: null, media: 'FanFoldGermanLegal', printsPerLetterPerDay: 2, maxLetterMegabytes: 10, jobTimeoutSeconds: 180 });
    if (!checked.ok) return;
    expect(settingsOf(checked.config)).toMatchObject({ 'letterPrinter.enabled': true, 'letterPrinter.printsPerLetterPerDay': 2 });
  });
});

describe('reader settings (parts of the configuration that may be absent)', () => {
  it('a serial scanner path adds the scanner with its default speed; "none" removes it, with its speed', () => {
    const added = applySettings(defaultConfig(), { 'input.serialScanner.path': '/dev/ttyACM0' });
    expect(added.ok && added.config.input.serialScanner).toEqual({ path: '/dev/ttyACM0', baudRate: 9600, delimiter: '\r' });
    if (!added.ok) return;
    expect(settingsOf(added.config)).toMatchObject({ 'input.serialScanner.path': '/dev/ttyACM0', 'input.serialScanner.baudRate': 9600 });
    const removed = applySettings(added.config, { 'input.serialScanner.path': null, 'input.serialScanner.baudRate': 19200 });
    expect(removed.ok && removed.config.input.serialScanner).toBeNull();
    expect(settingsOf(defaultConfig())).toMatchObject({ 'input.serialScanner.path': null, 'input.serialScanner.baudRate': null });
  });

  it('a HID card reader needs its USB ids: refused on their row; given as lsusb prints them, shown the same way', () => {
    expect(applySettings(defaultConfig(), { 'input.hid.mode': 'card' })).toMatchObject({ ok: false, fields: { 'input.hid.vendorId': 'invalid' } });
    const checked = applySettings(defaultConfig(), { 'input.hid.mode': 'card', 'input.hid.vendorId': '0c2e', 'input.hid.productId': '0x0B61', 'input.hid.uidLength': '7' });
    expect(checked.ok && checked.config.input.hid).toMatchObject({ mode: 'card', vendorId: 0x0c2e, productId: 0x0b61, uidLength: 7 });
    if (!checked.ok) return;
    expect(settingsOf(checked.config)).toMatchObject({ 'input.hid.vendorId': '0c2e', 'input.hid.productId': '0b61', 'input.hid.uidLength': '7' });
  });

  it('switches are booleans, and an emptied prefix is no prefix (not none)', () => {
    const checked = applySettings({ ...defaultConfig(), input: { ...defaultConfig().input, prefix: '#' } }, { 'input.pcsc': true, 'input.reversedUid': true, 'input.prefix': null });
    expect(checked.ok && checked.config.input).toMatchObject({ pcsc: true, reversedUid: true, prefix: '' });
  });
});

describe('admin.saveSettings', () => {
  async function openAdmin(): Promise<{ core: KioskCore; session: string }> {
    const dataDir = tempDir();
    await saveConfig(dataDir, defaultConfig());
    const core = createKioskCore({ dataDir });
    close = () => core.close();
    const { session } = await openAdminSession(core);
    return { core, session };
  }

  it('saves nothing when one value of the change is refused', async () => {
    const { core, session } = await openAdmin();
    const before = readFileSync(configPath(core.dataDir), 'utf8');
    const refused = await core.invokeAdmin('admin.saveSettings', { values: { 'kiosk.idleSeconds': 90, 'kiosk.screenPpi': 10 } }, asPage(session));
    expect(refused).toEqual({ ok: false, error: { code: 'validation', fields: { 'kiosk.screenPpi': 'too-small' }, params: { 'kiosk.screenPpi.min': 50 } } });
    expect(readFileSync(configPath(core.dataDir), 'utf8')).toBe(before);
    expect(core.config().kiosk.idleSeconds).toBe(60);
  });

  it('writes the file, applies the change at once (the resident screens are told), and audits which fields', async () => {
    const { core, session } = await openAdmin();
    const infos = vi.fn();
    core.onEvent((name, payload) => name === 'kiosk.infoChanged' && infos(payload));
    const saved = await core.invokeAdmin('admin.saveSettings', { values: { 'kiosk.idleSeconds': 90, 'kiosk.idleWarningSeconds': 25 } }, asPage(session));
    expect(saved).toMatchObject({ ok: true, value: { values: { 'kiosk.idleSeconds': 90, 'kiosk.idleWarningSeconds': 25 } } });
    expect(JSON.parse(readFileSync(configPath(core.dataDir), 'utf8'))).toMatchObject({ kiosk: { idleSeconds: 90, idleWarningSeconds: 25 } });
    expect(infos).toHaveBeenCalledTimes(1);
    expect(infos).toHaveBeenLastCalledWith(expect.objectContaining({ idle: { seconds: 90, warningSeconds: 25 } }));
    // The file watcher sees the kiosk's own write and does not apply (or audit) it twice.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(infos).toHaveBeenCalledTimes(1);
    const audit = core.db.prepare("SELECT actor, action, detail FROM audit_log WHERE action LIKE 'config.%'").all();
    expect(audit).toEqual([{ actor: 'pin', action: 'config.saved', detail: JSON.stringify({ fields: ['kiosk.idleSeconds', 'kiosk.idleWarningSeconds'] }) }]);
  });

  it('is refused without an admin session', async () => {
    const { core } = await openAdmin();
    expect(await core.invokeAdmin('admin.saveSettings', { values: { 'kiosk.idleSeconds': 90 } }, asPage())).toEqual({ ok: false, error: { code: 'admin-session-required' } });
    expect(await core.invokeAdmin('admin.settings', {}, asPage())).toEqual({ ok: false, error: { code: 'admin-session-required' } });
  });
});

/** A kiosk whose config.json is exactly `text`, with admin open (the PIN set as `adm` would, then typed). */
async function adminOver(text: string): Promise<{ core: KioskCore; session: string; file: string }> {
  const dataDir = tempDir();
  const file = configPath(dataDir);
  writeFileSync(file, text);
  const core = createKioskCore({ dataDir });
  close = () => core.close();
  const { session } = await openAdminSession(core);
  return { core, session, file };
}

// Files as technicians leave them; each says "locale": "id" once, and saving the language must change only that.
const HAND_WRITTEN: Array<[string, string]> = [
  [
    'comments and trailing commas',
    '{\n  // Balai desa Sukamaju\n  "server": { "url": "https://api.sukamaju.desa.id", }, // the village server\n  "kiosk": {\n    "name": "ADM-07", /* on every slip */\n    "locale": "id",\n  },\n  "printer": { "transport": "tcp", "host": "192.168.1.50", },\n}\n',
  ],
  ['odd indentation', '{\n     "kiosk":   {\n  "name" :"ADM-07",\n            "locale":"id"   }\n,"printer":{"transport":"tcp","host":"192.168.1.50"}}'],
  ['keys this kiosk does not know', '{ "kiosk": { "locale": "id", "theme": "dark" }, "legacy": { "printerName": "EPSON" }, "server": { "url": "https://api.desa.id" } }\n'],
  ['a byte-order mark and Windows line ends', '\uFEFF{\r\n\t"kiosk": {\r\n\t\t"locale": "id"\r\n\t},\r\n\t"server": {\r\n\t\t"url": "https://api.desa.id"\r\n\t}\r\n}\r\n'],
  ['values the schema refuses (kept for the technician, not rewritten)', '{ "kiosk": { "locale": "id", "idleSeconds": "sixty" }, "village": "Sukamaju" }'],
];

describe('admin.saveSettings over a hand-written config.json', () => {
  it.each(HAND_WRITTEN)('changes only the saved value, byte for byte: %s', async (_name, text) => {
    const { core, session, file } = await adminOver(text);
    const saved = await core.invokeAdmin('admin.saveSettings', { values: { 'kiosk.locale': 'en' } }, asPage(session));
    expect(saved.ok).toBe(true);
    const localeValue = /"locale"\s*:\s*"id"/.exec(text)!;
    const valueAt = text.indexOf('"id"', localeValue.index);
    expect(readFileSync(file, 'utf8')).toBe(`${text.slice(0, valueAt)}"en"${text.slice(valueAt + '"id"'.length)}`);
    expect(core.config().kiosk.locale).toBe('en');
  });

  it('adds a field the file did not have, keeping the comments, the unknown keys and the other parts', async () => {
    const text = '{\n  // the village server\n  "server": { "url": "https://api.desa.id" },\n  "legacy": { "x": 1 },\n  "kiosk": {\n    "name": "ADM-07" // on every slip\n  }\n}\n';
    const { core, session, file } = await adminOver(text);
    expect((await core.invokeAdmin('admin.saveSettings', { values: { 'kiosk.idleSeconds': 90, 'printer.queuePrefix': 'B' } }, asPage(session))).ok).toBe(true);
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith('{\n  // the village server\n  "server": { "url": "https://api.desa.id" },\n  "legacy": { "x": 1 },\n')).toBe(true);
    expect(after).toContain('// on every slip');
    expect(parseJsonc(after)).toEqual({
      server: { url: 'https://api.desa.id' },
      legacy: { x: 1 },
      kiosk: { name: 'ADM-07', idleSeconds: 90 },
      printer: { queuePrefix: 'B' },
    });
  });

  it('removes a reader part set to none, and only it', async () => {
    const text = '{\n  "input": {\n    // a slow reader\n    "maxGapMs": 120,\n    "serialScanner": { "path": "/dev/ttyACM0", "baudRate": 19200 }\n  }\n}\n';
    const { core, session, file } = await adminOver(text);
    expect((await core.invokeAdmin('admin.saveSettings', { values: { 'input.serialScanner.path': null } }, asPage(session))).ok).toBe(true);
    expect(parseJsonc(readFileSync(file, 'utf8'))).toEqual({ input: { maxGapMs: 120 } });
    expect(readFileSync(file, 'utf8')).toMatch(/^\{\n {2}"input": \{\n {4}\/\/ a slow reader\n {4}"maxGapMs": 120/);
    expect(core.config().input.serialScanner).toBeNull();
  });

  // A file that cannot be parsed is never written over: the running configuration is only defaults then.
  it.each([
    ['a missing brace', '{\n  "server": { "url": "https://api.sukamaju.desa.id" },\n  "kiosk": { "name": "ADM-07"\n  "printer": { "transport": "tcp", "host": "192.168.1.50" }\n}\n', { line: 4, column: 3 }],
    ['half a file', '{ "server": { "url": "https://api.desa.id" }, "kiosk": { "name": "ADM-07", ', { line: 1, column: 76 }],
    ['an empty file', '', { line: 1, column: 1 }],
    ['a list, not an object', '[{ "server": { "url": "https://api.desa.id" } }]', undefined],
    ['a string, not an object', '"https://api.desa.id"', undefined],
    ['null', 'null\n', undefined],
  ])('refuses to save over a file it cannot parse, leaving it byte for byte: %s', async (_name, text, where) => {
    const { core, session, file } = await adminOver(text);
    const refused = await core.invokeAdmin('admin.saveSettings', { values: { 'kiosk.locale': 'en' } }, asPage(session));
    const url = await core.invokeAdmin('admin.setServerUrl', { url: 'https://api.other.desa.id', pending: 'keep' }, asPage(session));
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(refused).toEqual({ ok: false, error: where ? { code: 'config-unreadable', params: where } : { code: 'config-unreadable' } });
    expect(url).toMatchObject({ ok: false, error: { code: 'config-unreadable' } });
    const settings = await core.invokeAdmin('admin.settings', {}, asPage(session));
    expect(settings).toMatchObject({ ok: true, value: { unreadableFile: where ?? { line: null, column: null } } });
    expect(core.needsTechnician()).not.toBeNull();
    const audit = core.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'config.%' OR action = 'server.url'").all();
    expect(audit).toEqual([]);
  });

  it('still applies a technician\'s hand edit after a save of its own', async () => {
    const { core, session, file } = await adminOver('{ "kiosk": { "name": "ADM-07" } }\n');
    expect((await core.invokeAdmin('admin.saveSettings', { values: { 'kiosk.locale': 'en' } }, asPage(session))).ok).toBe(true);
    const changed = new Promise((resolve) => core.onEvent((name, payload) => name === 'kiosk.infoChanged' && resolve(payload)));
    writeFileSync(file, readFileSync(file, 'utf8').replace('"ADM-07"', '"ADM-BALAI"'));
    await changed;
    expect(core.config().kiosk).toMatchObject({ name: 'ADM-BALAI', locale: 'en' });
    const audit = core.db.prepare("SELECT actor, action FROM audit_log WHERE action LIKE 'config.%' ORDER BY id").all();
    expect(audit).toEqual([
      { actor: 'pin', action: 'config.saved' },
      { actor: 'technician', action: 'config.changed' },
    ]);
  });
});

describe('admin.saveSettings: device paths', () => {
  it.each([
    ['the kiosk\'s key file', (dataDir: string) => path.join(dataDir, 'keys', 'card-hint.key')],
    ['the data directory', (dataDir: string) => dataDir],
  ])('refuses a printer path that names %s, on its row', async (_name, pathIn) => {
    const { core, session, file } = await adminOver('{}\n');
    const devicePath = pathIn(core.dataDir);
    const refused = await core.invokeAdmin('admin.saveSettings', { values: { 'printer.transport': 'usb', 'printer.devicePath': devicePath } }, asPage(session));
    expect(refused).toEqual({ ok: false, error: { code: 'validation', fields: { 'printer.devicePath': 'not-a-device' } } });
    const scanner = await core.invokeAdmin('admin.saveSettings', { values: { 'input.serialScanner.path': devicePath } }, asPage(session));
    expect(scanner).toEqual({ ok: false, error: { code: 'validation', fields: { 'input.serialScanner.path': 'not-a-device' } } });
    expect(readFileSync(file, 'utf8')).toBe('{}\n');
    expect(core.config().printer.transport).toBe('virtual');
  });

  it.each([
    ['usb', '/dev/usb/lp7'],
    ['serial', '/dev/ttyUSB7'],
    ['serial', '/dev/null'],
  ])('takes a character device, or a path not there now (a printer unplugged): %s %s', async (transport, devicePath) => {
    const { core, session } = await adminOver('{}\n');
    const saved = await core.invokeAdmin('admin.saveSettings', { values: { 'printer.transport': transport, 'printer.devicePath': devicePath } }, asPage(session));
    expect(saved.ok).toBe(true);
    expect(core.config().printer).toMatchObject({ transport, devicePath });
  });

  it.each([['/dev/ptmx (a terminal, as /dev/ttyUSB0 is)'], ['/dev/null (another device)']])(
    'refuses under "usb" a character device that is no printer port: %s',
    async (label) => {
      const devicePath = label.split(' ')[0]!;
      const { core, session, file } = await adminOver('{}\n');
      const refused = await core.invokeAdmin('admin.saveSettings', { values: { 'printer.transport': 'usb', 'printer.devicePath': devicePath } }, asPage(session));
      expect(refused).toEqual({ ok: false, error: { code: 'validation', fields: { 'printer.devicePath': 'not-a-printer-port' } } });
      expect(readFileSync(file, 'utf8')).toBe('{}\n');
    },
  );
});

// The timing settings the Pengaturan screen offers, with values a resident cannot live with: refused with the range.
const TIMINGS_OUT_OF_RANGE: Array<[SettingsKey, number, 'too-small' | 'too-big', number, number]> = [
  ['kiosk.idleSeconds', 10, 'too-small', 30, 300],
  ['kiosk.idleSeconds', 900, 'too-big', 30, 300],
  ['kiosk.idleWarningSeconds', 1, 'too-small', 20, 120],
  ['kiosk.idleWarningSeconds', 300, 'too-big', 20, 120],
  ['session.maxMinutes', 1, 'too-small', 3, 60],
  ['session.maxMinutes', 120, 'too-big', 3, 60],
  ['sync.retentionDays', 0, 'too-small', 1, 365],
  ['sync.retentionDays', 3650, 'too-big', 1, 365],
  ['printer.queueTicketsPerMinute', 0, 'too-small', 1, 30],
  ['printer.queueTicketsPerMinute', 60, 'too-big', 1, 30],
  ['input.maxGapMs', 10, 'too-small', 20, 500],
  ['input.maxGapMs', 1000, 'too-big', 20, 500],
];

describe('admin.saveSettings: timings', () => {
  it('refuses every timing out of its range, naming the bound, and saves nothing', async () => {
    const { core, session, file } = await adminOver('{}\n');
    for (const [key, value, problem, min, max] of TIMINGS_OUT_OF_RANGE) {
      const refused = await core.invokeAdmin('admin.saveSettings', { values: { [key]: value } }, asPage(session));
      const bound = problem === 'too-small' ? { [`${key}.min`]: min } : { [`${key}.max`]: max };
      expect(refused, `${key} = ${value}`).toEqual({ ok: false, error: { code: 'validation', fields: { [key]: problem }, params: bound } });
    }
    expect(readFileSync(file, 'utf8')).toBe('{}\n');
  });

  it('takes both ends of each range', async () => {
    const { core, session } = await adminOver('{}\n');
    for (const [key, , , min, max] of TIMINGS_OUT_OF_RANGE) {
      for (const value of [min, max]) expect((await core.invokeAdmin('admin.saveSettings', { values: { [key]: value } }, asPage(session))).ok, `${key} = ${value}`).toBe(true);
    }
  });
});

describe('admin.saveSettings: the stricter side an office may choose', () => {
  // An office that keeps personal data a day, or lets one queue ticket out a minute, is not refused.
  it.each([
    ['sync.retentionDays', 1],
    ['sync.retentionDays', 3],
    ['printer.queueTicketsPerMinute', 1],
  ] as const)('takes %s = %s, and it runs at once', async (key, value) => {
    const { core, session, file } = await adminOver('{}\n');
    expect(await core.invokeAdmin('admin.saveSettings', { values: { [key]: value } }, asPage(session))).toMatchObject({ ok: true, value: { values: { [key]: value } } });
    expect(settingsOf(core.config())[key]).toBe(value);
    expect(readFileSync(file, 'utf8')).toContain(`${value}`);
  });

  it('starts with a stricter choice from config.json as written, never the default', async () => {
    const { core } = await adminOver('{ "sync": { "retentionDays": 3, "pinMaxAgeHours": 12 }, "session": { "loginLockMinutes": 90, "signInsPerMinute": 2 }, "printer": { "queueTicketsPerMinute": 1 } }\n');
    expect(core.config().sync).toMatchObject({ retentionDays: 3, pinMaxAgeHours: 12 });
    expect(core.config().session).toMatchObject({ loginLockMinutes: 90, signInsPerMinute: 2 });
    expect(core.config().printer.queueTicketsPerMinute).toBe(1);
  });
});

const IN_SERVICE = '{\n  // the village\'s server\n  "server": { "url": "http://127.0.0.1:18181" },\n  "kiosk": { "name": "ADM-DESA-07" },\n  "printer": { "transport": "tcp", "host": "192.168.1.50" }\n}\n';

describe('admin.saveSettings after config.json went missing', () => {
  it('refuses, says the file is missing, writes nothing and keeps the running configuration', async () => {
    const { core, session, file } = await adminOver(IN_SERVICE);
    rmSync(file);
    const refused = await core.invokeAdmin('admin.saveSettings', { values: { 'kiosk.locale': 'en' } }, asPage(session));
    expect(refused).toEqual({ ok: false, error: { code: 'config-unreadable', params: { reason: 'missing' } } });
    const url = await core.invokeAdmin('admin.setServerUrl', { url: 'https://api.other.desa.id', pending: 'keep' }, asPage(session));
    expect(url).toEqual({ ok: false, error: { code: 'config-unreadable', params: { reason: 'missing' } } });
    expect(existsSync(file)).toBe(false);
    expect(core.config()).toMatchObject({ server: { url: 'http://127.0.0.1:18181' }, kiosk: { name: 'ADM-DESA-07', locale: 'id' }, printer: { transport: 'tcp', host: '192.168.1.50' } });
    // The screen says so before anything is typed, and offers no save.
    expect(await core.invokeAdmin('admin.settings', {}, asPage(session))).toMatchObject({ ok: true, value: { unreadableFile: { line: null, column: null, reason: 'missing' } } });
    expect(core.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'config.%' OR action = 'server.url'").all()).toEqual([]);
  });

  it('saves again, over the file as it was, once it is put back', async () => {
    const { core, session, file } = await adminOver(IN_SERVICE);
    rmSync(file);
    expect((await core.invokeAdmin('admin.saveSettings', { values: { 'kiosk.locale': 'en' } }, asPage(session))).ok).toBe(false);
    writeFileSync(file, IN_SERVICE);
    expect((await core.invokeAdmin('admin.saveSettings', { values: { 'kiosk.locale': 'en' } }, asPage(session))).ok).toBe(true);
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith('{\n  // the village\'s server\n  "server": { "url": "http://127.0.0.1:18181" },\n')).toBe(true);
    expect(parseJsonc(after)).toEqual({ server: { url: 'http://127.0.0.1:18181' }, kiosk: { name: 'ADM-DESA-07', locale: 'en' }, printer: { transport: 'tcp', host: '192.168.1.50' } });
  });

  it('still creates the file on a kiosk that started without one (first setup)', async () => {
    const dataDir = tempDir();
    const core = createKioskCore({ dataDir, watchConfig: false });
    close = () => core.close();
    const { session } = await openAdminSession(core);
    expect(await core.invokeAdmin('admin.settings', {}, asPage(session))).toMatchObject({ ok: true, value: { unreadableFile: null } });
    expect((await core.invokeAdmin('admin.saveSettings', { values: { 'kiosk.name': 'ADM-BALAI' } }, asPage(session))).ok).toBe(true);
    expect(parseJsonc(readFileSync(configPath(dataDir), 'utf8'))).toEqual({ kiosk: { name: 'ADM-BALAI' } });
    // From now on the running configuration is that file's: it going missing refuses the next save.
    rmSync(configPath(dataDir));
    expect(await core.invokeAdmin('admin.saveSettings', { values: { 'kiosk.locale': 'en' } }, asPage(session))).toMatchObject({ ok: false, error: { params: { reason: 'missing' } } });
    expect(core.config().kiosk).toMatchObject({ name: 'ADM-BALAI', locale: 'id' });
  });
});

// Each file says a key twice; the kiosk reads the last one, so an edit of the first would answer ok and change nothing.
const DUPLICATE_KEYS: Array<[string, string, Partial<Record<SettingsKey, SettingsValue>>, { key: string; line: number; column: number }]> = [
  [
    'a second "kiosk" at the top level',
    '{ "kiosk": { "locale": "id" }, "server": { "url": "http://127.0.0.1:18181" }, "kiosk": { "name": "SECOND" } }\n',
    { 'kiosk.locale': 'en' },
    { key: 'kiosk', line: 1, column: 79 },
  ],
  [
    'a second "kiosk" on its own line, with comments',
    '{\n  // first try\n  "kiosk": { "name": "ADM-07", "locale": "id" },\n  "server": { "url": "https://api.desa.id" },\n  // second try\n  "kiosk": { "name": "ADM-08" }\n}\n',
    { 'kiosk.name': 'ADM-BALAI' },
    { key: 'kiosk', line: 6, column: 3 },
  ],
  [
    'a field twice in one part',
    '{\n  "kiosk": {\n    "idleSeconds": 60,\n    "name": "ADM-07",\n    "idleSeconds": 90\n  }\n}\n',
    { 'kiosk.idleSeconds': 120 },
    { key: 'kiosk.idleSeconds', line: 5, column: 5 },
  ],
  [
    'a reader part twice',
    '{ "input": {\n "serialScanner": { "path": "/dev/ttyACM0" },\n "serialScanner": { "path": "/dev/ttyUSB0", "baudRate": 19200 } } }\n',
    { 'input.serialScanner.baudRate': 9600 },
    { key: 'input.serialScanner', line: 3, column: 2 },
  ],
];

describe('admin.saveSettings over a config.json with a key written twice', () => {
  it.each(DUPLICATE_KEYS)('refuses, naming the key and its line, and writes nothing: %s', async (_name, text, values, where) => {
    const { core, session, file } = await adminOver(text);
    const running = structuredClone(core.config());
    const refused = await core.invokeAdmin('admin.saveSettings', { values }, asPage(session));
    expect(refused).toEqual({ ok: false, error: { code: 'config-unreadable', params: { reason: 'duplicate-key', ...where } } });
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(core.config()).toEqual(running);
  });

  it('saves a field that reads as saved, whatever else is written twice', async () => {
    const text = '{ "legacy": 1, "legacy": 2, "kiosk": { "locale": "id" } }\n';
    const { core, session, file } = await adminOver(text);
    expect((await core.invokeAdmin('admin.saveSettings', { values: { 'kiosk.locale': 'en' } }, asPage(session))).ok).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(text.replace('"id"', '"en"'));
    expect(core.config().kiosk.locale).toBe('en');
  });
});

describe('admin saves sent at once', () => {
  it('all land, in the file and in the running configuration, each audited with its own fields', async () => {
    const { core, session, file } = await adminOver('{\n  // Balai desa\n  "kiosk": { "name": "ADM-07" }\n}\n');
    const [idle, prefix, url] = await Promise.all([
      core.invokeAdmin('admin.saveSettings', { values: { 'kiosk.idleSeconds': 90 } }, asPage(session)),
      core.invokeAdmin('admin.saveSettings', { values: { 'printer.queuePrefix': 'B' } }, asPage(session)),
      core.invokeAdmin('admin.setServerUrl', { url: 'http://127.0.0.1:9/', pending: 'keep' }, asPage(session)),
    ]);
    expect([idle.ok, prefix.ok, url.ok]).toEqual([true, true, true]);
    expect(core.config()).toMatchObject({ kiosk: { name: 'ADM-07', idleSeconds: 90 }, printer: { queuePrefix: 'B' }, server: { url: 'http://127.0.0.1:9/' } });
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('// Balai desa');
    expect(parseConfigText(text).config).toMatchObject({ kiosk: { name: 'ADM-07', idleSeconds: 90 }, printer: { queuePrefix: 'B' }, server: { url: 'http://127.0.0.1:9/' } });
    const fields = core.db.prepare("SELECT detail FROM audit_log WHERE action = 'config.saved' ORDER BY id").pluck().all() as string[];
    expect(fields.map((detail) => JSON.parse(detail).fields)).toEqual(expect.arrayContaining([['kiosk.idleSeconds'], ['printer.queuePrefix'], ['server.url']]));
  });
});
