/**
 * Taking the kiosk's logs away for the developers: onto a USB stick (a new
 * folder per export, never overwriting anything) or as one download.
 * The logs hold no PIN and only masked NIKs; the audit log only who did what.
 *
 * A USB stick is found as a mount point under the usual mount folders
 * (`/media/<user>/<label>`, `/run/media/<user>/<label>`, `/mnt/<label>`), or
 * on Windows as a drive other than C:. A folder that is not a mount point is
 * the disk the kiosk runs on, and is never offered.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { spreadsheetCell } from '../export/spreadsheet-cell';
import { LOG_FILE_NAME } from './logger';

export interface ExportFolder {
  path: string;
  label: string;
  freeBytes: number | null;
}

export type AuditEntry = { at: string; actor: string; action: string; detail: string | null };

/** A download carries at most this much of the log's end (the whole set can be ~25 MB). */
const DOWNLOAD_LOG_BYTES = 4 * 1024 * 1024;

/** A directory on another file system than its parent: something is mounted there. */
export function isMountPoint(dir: string): boolean {
  try {
    return statSync(dir).dev !== statSync(path.dirname(dir)).dev;
  } catch {
    return false;
  }
}

export function findExportFolders(
  roots: readonly string[],
  options: { isMountPoint?: (dir: string) => boolean; platform?: NodeJS.Platform } = {},
): ExportFolder[] {
  const mounted = options.isMountPoint ?? isMountPoint;
  const found: string[] = [];
  for (const root of roots) {
    // A Windows drive root is the drive itself.
    if ((options.platform ?? process.platform) === 'win32' && /^[A-Za-z]:\\?$/.test(root)) {
      if (existsSync(root)) found.push(root);
      continue;
    }
    for (const first of subdirectories(root)) {
      if (mounted(first)) found.push(first);
      else for (const second of subdirectories(first)) if (mounted(second)) found.push(second); // /media/<user>/<label>
    }
  }
  return found.map((dir) => ({ path: dir, label: path.basename(dir) || dir, freeBytes: freeBytes(dir) }));
}

/** Writes `ADM-<kiosk>-<time>/` into `folder`: every log file, the audit log as CSV, and a note of what and when. */
export function exportLogsToFolder(options: {
  folder: string;
  logDir: string;
  kioskName: string;
  appVersion: string;
  audit: AuditEntry[];
  now?: Date;
}): string {
  const now = options.now ?? new Date();
  const target = path.join(options.folder, `ADM-${safeName(options.kioskName)}-${stamp(now)}`);
  mkdirSync(target); // fails if it exists: an export never overwrites another
  const files = logFiles(options.logDir);
  for (const file of files) copyFileSync(path.join(options.logDir, file), path.join(target, file));
  writeFileSync(path.join(target, 'audit.csv'), auditCsv(options.audit));
  writeFileSync(
    path.join(target, 'README.txt'),
    `Catatan ADM ${options.kioskName}, versi ${options.appVersion}, diekspor ${now.toISOString()}.\n` +
      `Berkas log (JSON per baris): ${files.join(', ') || '(tidak ada)'}. audit.csv: siapa melakukan apa di admin.\n` +
      'Tidak berisi PIN; NIK disamarkan.\n',
  );
  return target;
}

/** One text file: the end of the logs (oldest first), then the audit log. */
export function logsForDownload(options: { logDir: string; kioskName: string; appVersion: string; audit: AuditEntry[]; now?: Date }): {
  fileName: string;
  text: string;
} {
  const now = options.now ?? new Date();
  let logs = logFiles(options.logDir)
    .map((file) => readFileSync(path.join(options.logDir, file), 'utf8'))
    .join('');
  if (logs.length > DOWNLOAD_LOG_BYTES) logs = logs.slice(logs.indexOf('\n', logs.length - DOWNLOAD_LOG_BYTES) + 1);
  const text =
    `# ADM ${options.kioskName}, versi ${options.appVersion}, diekspor ${now.toISOString()}\n` +
    `# --- log (JSON per baris) ---\n${logs}` +
    `# --- audit ---\n${auditCsv(options.audit)}`;
  return { fileName: `ADM-${safeName(options.kioskName)}-${stamp(now)}.log`, text };
}

/** The current log last, rotated ones before it, oldest first. */
function logFiles(logDir: string): string[] {
  let names: string[];
  try {
    // The current file and the rotated ones (rotating-file-stream names them <time>-<n>-adm.log).
    names = readdirSync(logDir).filter((name) => name.includes(LOG_FILE_NAME));
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, mtime: statSync(path.join(logDir, name)).mtimeMs }))
    .sort((a, b) => a.mtime - b.mtime || a.name.localeCompare(b.name))
    .map(({ name }) => name);
}

function auditCsv(entries: AuditEntry[]): string {
  // The actor may be a technician card's name, typed in admin.
  return stringify(entries, { header: true, columns: ['at', 'actor', 'action', 'detail'], cast: { string: spreadsheetCell } });
}

function subdirectories(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(dir, entry.name))
      .sort();
  } catch {
    return [];
  }
}

function freeBytes(dir: string): number | null {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40) || 'kios';
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}
