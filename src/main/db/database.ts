/**
 * The kiosk's one SQLite file. WAL so the UI can read while the outbox writes,
 * `synchronous=FULL` so a committed request survives a power cut (the kiosk
 * tells the resident "tersimpan" only after the commit), foreign keys on.
 */
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

export function openDatabase(
  file: string,
  log: Logger,
  migrations: readonly Migration[] = allMigrations,
): Database {
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
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
