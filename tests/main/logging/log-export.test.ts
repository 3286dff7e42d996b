import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultUsbRoots } from '../../../src/main/config/schema';
import { exportLogsToFolder, findExportFolders, logsForDownload } from '../../../src/main/logging/log-export';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const AUDIT = [{ at: '2026-12-02 08:00:00', actor: 'pin', action: 'admin.opened', detail: null }];

function logDir(): string {
  const dir = path.join(tempDir(), 'logs');
  mkdirSync(dir);
  writeFileSync(path.join(dir, '20261201-0000-01-adm.log'), '{"msg":"older"}\n');
  writeFileSync(path.join(dir, 'adm.log'), '{"msg":"newest"}\n');
  writeFileSync(path.join(dir, 'notes.txt'), 'not a log');
  return dir;
}

describe('log export', () => {
  it('offers only mounted drives under the mount folders: /mnt/<label> and /media/<user>/<label>', () => {
    const root = tempDir();
    for (const dir of ['media/budi/STICK', 'media/budi/NOT-MOUNTED', 'mnt/USB2', 'mnt/plain']) mkdirSync(path.join(root, dir), { recursive: true });
    const mounted = new Set([path.join(root, 'media/budi/STICK'), path.join(root, 'mnt/USB2')]);
    const folders = findExportFolders([path.join(root, 'media'), path.join(root, 'mnt'), path.join(root, 'gone')], { isMountPoint: (dir) => mounted.has(dir) });
    expect(folders.map(({ path: dir, label }) => ({ dir, label }))).toEqual([
      { dir: path.join(root, 'media/budi/STICK'), label: 'STICK' },
      { dir: path.join(root, 'mnt/USB2'), label: 'USB2' },
    ]);
    expect(folders[0]!.freeBytes).toBeGreaterThan(0);
    // A folder of the kiosk's own disk is never a mount point.
    expect(findExportFolders([root])).toEqual([]);
  });

  it('looks for sticks where each system mounts them', () => {
    expect(defaultUsbRoots('linux')).toEqual(['/media', '/run/media', '/mnt']);
    expect(defaultUsbRoots('win32')).toContain('E:\\');
    expect(defaultUsbRoots('win32')).not.toContain('C:\\');
  });

  it('writes a new folder with every log file, the audit log and a note; never over an earlier export', () => {
    const stick = tempDir();
    const now = new Date('2026-12-02T08:30:15Z');
    const written = exportLogsToFolder({ folder: stick, logDir: logDir(), kioskName: 'ADM 01/Balai', appVersion: '1.2.3', audit: AUDIT, now });
    expect(written).toBe(path.join(stick, 'ADM-ADM_01_Balai-20261202-083015'));
    expect(readdirSync(written).sort()).toEqual(['20261201-0000-01-adm.log', 'README.txt', 'adm.log', 'audit.csv']);
    expect(readFileSync(path.join(written, 'audit.csv'), 'utf8')).toBe('"at","actor","action","detail"\n"2026-12-02 08:00:00","pin","admin.opened",\n');
    expect(() => exportLogsToFolder({ folder: stick, logDir: logDir(), kioskName: 'ADM 01/Balai', appVersion: '1.2.3', audit: AUDIT, now })).toThrow();
  });

  it("writes a technician's name that starts like a formula into audit.csv as quoted text", () => {
    const audit = [{ at: '2026-12-02 08:00:00', actor: '=HYPERLINK("http://contoh.test","Budi")', action: 'admin.opened', detail: null }];
    const written = exportLogsToFolder({ folder: tempDir(), logDir: logDir(), kioskName: 'ADM-01', appVersion: '1.2.3', audit, now: new Date('2026-12-02T08:30:15Z') });
    expect(readFileSync(path.join(written, 'audit.csv'), 'utf8')).toBe(
      '"at","actor","action","detail"\n"2026-12-02 08:00:00","\'=HYPERLINK(""http://contoh.test"",""Budi"")","admin.opened",\n',
    );
  });

  it('a download is one text: the logs oldest first, then the audit log', () => {
    const download = logsForDownload({ logDir: logDir(), kioskName: 'ADM-01', appVersion: '1.2.3', audit: AUDIT, now: new Date('2026-12-02T08:30:15Z') });
    expect(download.fileName).toBe('ADM-ADM-01-20261202-083015.log');
    const lines = download.text.split('\n');
    expect(lines.indexOf('{"msg":"older"}')).toBeGreaterThan(0);
    expect(lines.indexOf('{"msg":"newest"}')).toBeGreaterThan(lines.indexOf('{"msg":"older"}'));
    expect(download.text).not.toContain('not a log');
    expect(download.text.endsWith('"2026-12-02 08:00:00","pin","admin.opened",\n')).toBe(true);
  });
});
