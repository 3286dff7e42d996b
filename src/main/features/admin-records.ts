/**
 * The admin's Catatan screen: the audit log (who did what, when: admin
 * openings, refusals, settings, outbox and printer actions, calls for staff)
 * and the tail of the kiosk's log, filtered by subsystem. Both are for a
 * technician; the log never holds a PIN, and NIKs in it are masked.
 * Both can be taken away: to a folder on a USB stick, or as a download.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { fail, ok } from '../../shared/result';
import { appVersion } from '../app-version';
import type { Dispose, AdminContext } from '../feature';
import { exportLogsToFolder, findExportFolders, logsForDownload } from '../logging/log-export';
import { LOG_FILE_NAME } from '../logging/logger';

/** The whole audit log goes with an export (it is small: a row per technician action). */
const EXPORTED_AUDIT_ROWS = 100_000;

/** How much of the log's end is read for the tail. */
const TAIL_BYTES = 512 * 1024;

/** What this feature is handed by the composition root. */
export type AdminRecordsContext = Pick<AdminContext, 'audit' | 'config' | 'dataDir' | 'handleAdmin' | 'log' | 'recentAudit'>;

export const registerAdminRecords = (ctx: AdminRecordsContext): Dispose => {
  ctx.handleAdmin('admin.audit', ({ limit }) => ok({ entries: ctx.recentAudit(limit) }));

  ctx.handleAdmin('admin.logTail', ({ subsystem, lines }) => {
    const records = tail(path.join(ctx.dataDir, 'logs', LOG_FILE_NAME))
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as LogRecord];
        } catch {
          return []; // a line cut at the tail's start, or not ours
        }
      })
      .filter((record) => subsystem === null || record.subsystem === subsystem);
    const subsystems = [...new Set(records.map((record) => record.subsystem).filter((name): name is string => typeof name === 'string'))].sort();
    return ok({
      subsystems,
      records: records.slice(-lines).map((record) => ({
        at: typeof record.time === 'number' ? new Date(record.time).toISOString() : String(record.time ?? ''),
        level: levelName(record.level),
        subsystem: record.subsystem ?? '',
        message: messageOf(record),
        line: JSON.stringify(record),
      })),
    });
  });

  ctx.handleAdmin('admin.logFolders', () => ok({ folders: findExportFolders(ctx.config.current().admin.usbRoots) }));

  ctx.handleAdmin('admin.logExport', ({ folder }, actor) => {
    const logDir = path.join(ctx.dataDir, 'logs');
    const common = { logDir, kioskName: ctx.config.current().kiosk.name, appVersion: appVersion(), audit: ctx.recentAudit(EXPORTED_AUDIT_ROWS) };
    if (folder === null) {
      const download = logsForDownload(common);
      ctx.audit(actor, 'logs.exported', { to: 'download' });
      return ok({ written: null, fileName: download.fileName, text: download.text });
    }
    // Only a drive the kiosk offered: never a path a page made up.
    if (!findExportFolders(ctx.config.current().admin.usbRoots).some((offered) => offered.path === folder)) return fail('not-allowed');
    try {
      const written = exportLogsToFolder({ ...common, folder });
      ctx.audit(actor, 'logs.exported', { to: written });
      return ok({ written, fileName: path.basename(written), text: null });
    } catch (error) {
      ctx.log('admin').warn({ err: error, folder }, 'logs could not be exported');
      return fail('export-failed');
    }
  });

  return () => {};
};

function tail(file: string): string[] {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return [];
  }
  try {
    const size = statSync(file).size;
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8').split('\n').filter((line) => line.trim().length > 0);
  } finally {
    closeSync(fd);
  }
}

interface LogRecord {
  time?: number | string;
  level?: number | string;
  subsystem?: string;
  msg?: string;
  err?: { type?: unknown; code?: unknown; message?: unknown };
}

/** The kiosk's logger writes the level's name; pino's numbers are read too (older lines, other tools). */
function levelName(level: number | string | undefined): string {
  if (typeof level === 'string') {
    if (level === 'fatal') return 'error';
    return ['info', 'warn', 'error'].includes(level) ? level : 'debug';
  }
  if (level === undefined) return 'info';
  if (level >= 50) return 'error';
  if (level >= 40) return 'warn';
  if (level >= 30) return 'info';
  return 'debug';
}

/** A failure's line names its cause ("call failed: SqliteError SQLITE_CORRUPT: database disk image is malformed"). */
function messageOf(record: LogRecord): string {
  const message = record.msg ?? '';
  const err = record.err;
  if (!err || typeof err.message !== 'string') return message;
  const kind = [err.type, err.code].filter((part) => typeof part === 'string' && part !== '').join(' ');
  return `${message}: ${kind ? `${kind}: ` : ''}${err.message}`;
}
