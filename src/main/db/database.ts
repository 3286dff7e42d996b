/**
 * The kiosk's one SQLite file. WAL so the UI can read while the outbox writes,
 * `synchronous=FULL` so a committed request survives a power cut (the kiosk
 * tells the resident "tersimpan" only after the commit), foreign keys on.
 * A damaged file is refused at start (`assertDatabaseFileIntact`).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { Logger } from 'pino';
import { migrations as allMigrations } from './migrations/index';
import type { Migration } from './migrations/types';

export type { Database };
export const DATABASE_FILE_NAME = 'adm.sqlite';

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `Basis data kios dibuat oleh versi ADM yang lebih baru (skema ${found}; versi ini hanya mengenal sampai ${known}). ` +
        'Pasang versi ADM yang terbaru; jangan hapus berkas basis data, karena berisi permohonan warga.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE_NAME);
}

export class DatabaseMissingError extends Error {
  constructor(file: string, evidence: string[]) {
    super(
      `Basis data kios ${file} hilang atau kosong, padahal kios ini sudah pernah dipakai (ada ${evidence.join(', ')}). ` +
        'Kios tidak dimulai dengan basis data kosong, karena permohonan warga yang belum terkirim akan tersembunyi. ' +
        'Pulihkan adm.sqlite dari cadangan. Bila kios memang sengaja dikosongkan: pindahkan folder keys/ dan logs/ dari folder data, lalu mulai lagi.',
    );
    this.name = 'DatabaseMissingError';
  }
}

/** What shows the data directory was used before (looked at before the logger writes its file). */
export function earlierInstallEvidence(dataDir: string): string[] {
  return [path.join('keys', 'secret-box.key'), path.join('logs', 'adm.log')].filter((file) => existsSync(path.join(dataDir, file)));
}

/**
 * A missing or 0-byte database where the data directory shows an earlier
 * install is refused: SQLite would quietly create an empty one and every
 * pending request would vanish from view.
 */
export function assertDatabaseNotLost(dataDir: string, evidence: string[]): void {
  const file = databasePath(dataDir);
  const size = existsSync(file) ? statSync(file).size : 0;
  if (size === 0 && evidence.length > 0) throw new DatabaseMissingError(file, evidence);
}

export class DatabaseDamagedError extends Error {
  constructor(
    file: string,
    readonly findings: string[],
  ) {
    super(
      `adm.sqlite rusak: ${findings.join('; ')} (${file}); pulihkan dari cadangan. ` +
        'Kios tidak dimulai dengan basis data yang rusak, karena permohonan warga bisa hilang atau terkirim ganda. ' +
        'Jangan hapus berkas ini: simpan salinannya untuk diperiksa.',
    );
    this.name = 'DatabaseDamagedError';
  }
}

/** How many of `integrity_check`'s findings are named in the technician's message (the first says enough). */
const FINDINGS_SHOWN = 3;

/**
 * A damaged file (a page overwritten or cut off, a bad header, a WAL frame
 * with garbage) can open and then fail every query that touches the damage,
 * as `internal` to the resident; an index older than its table (pages from
 * an earlier copy) fails nothing and silently hides rows: a pending request
 * missing from the outbox's index of due requests is never sent. `integrity_check` reads
 * every page and compares every index with its table, so the kiosk refuses
 * both; `quick_check` skips that comparison and passes the stale index. The
 * cost stays small: medians of 21-45 ms against quick_check's 6-10 ms on a
 * database holding 10,000 queued requests (`npm run bench -- --only startup`
 * on a busy two-core machine).
 * SQLite's own "malformed" and "not a database" errors on the first read
 * mean the same.
 */
export function assertDatabaseFileIntact(file: string): void {
  if (!existsSync(file)) return; // a first start: SQLite creates it
  // Read-only, so that nothing is written to a damaged file: not even the
  // checkpoint that closing the last connection runs, which would copy a
  // damaged WAL into the database and delete the WAL.
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    assertIntact(db, file);
  } finally {
    db.close();
  }
}

function assertIntact(db: Database, file: string): void {
  let findings: string[];
  try {
    const rows = db.pragma(`integrity_check(${FINDINGS_SHOWN})`) as Array<{ integrity_check: string }>;
    // One row may hold several findings, one a line, under a "*** in database main ***" heading.
    findings = rows.flatMap((row) => row.integrity_check.split('\n')).filter((line) => line.trim() !== '' && !line.startsWith('***'));
  } catch (error) {
    if (isDamage(error)) throw new DatabaseDamagedError(file, [(error as Error).message]);
    throw error;
  }
  if (findings.length !== 1 || findings[0] !== 'ok') throw new DatabaseDamagedError(file, findings.slice(0, FINDINGS_SHOWN));
}

function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // Extended codes too (SQLITE_CORRUPT_INDEX, ...).
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

/** SQLite (or the file system) said the disk is full. */
export function isStorageFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

/**
 * The kiosk's own database at start: refused when it is missing where an
 * earlier install shows it existed (\`earlierInstallEvidence\`, looked at
 * before the logger made its file), then opened and migrated; a failure is
 * logged on \`coreLog\` and thrown, and the kiosk does not start.
 */
export function openKioskDatabase(dataDir: string, earlierInstall: string[], log: Logger, coreLog: Logger): Database {
  try {
    assertDatabaseNotLost(dataDir, earlierInstall);
    return openDatabase(databasePath(dataDir), log);
  } catch (error) {
    coreLog.error({ err: error }, 'the database cannot be used; the kiosk does not start');
    throw error;
  }
}

export function openDatabase(
  file: string,
  log: Logger,
  migrations: readonly Migration[] = allMigrations,
): Database {
  assertDatabaseFileIntact(file);
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Deleted rows (sealed PINs and tokens, purged personal data) are overwritten, not just unlinked.
    db.pragma('secure_delete = ON');
    migrate(db, migrations, log);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Applies each pending migration in its own transaction, bumping user_version with it. */
export function migrate(db: Database, migrations: readonly Migration[], log: Logger): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration ${migration.name} has version ${migration.version}, expected ${index + 1}`);
    }
  });
  const latest = migrations.length;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
    log.info({ version: migration.version, name: migration.name }, 'database migrated');
  }
}

/**
 * Asks a question of the database before any core opens it (the hosts'
 * demo-mode decision), on a read-only connection that changes nothing on disk.
 * Null when there is no database file yet.
 */
export function readDatabaseWithoutWriting<T>(file: string, read: (db: Database) => T): T | null {
  if (!existsSync(file)) return null;
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
