import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseDamagedError, DatabaseTooNewError, databasePath, migrate, openDatabase } from '../../../src/main/db/database';
import { migrations } from '../../../src/main/db/migrations/index';
import type { Migration } from '../../../src/main/db/migrations/types';
import { createSilentLogger } from '../../../src/main/logging/logger';
import { DAMAGED_DATABASES, databaseBytes, staleDueIndex, usedKiosk } from '../../helpers/damaged-database';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const log = createSilentLogger().root;

describe('database', () => {
  it('opens a real file in WAL mode with synchronous=FULL and foreign keys on', () => {
    const db = openDatabase(path.join(tempDir(), 'adm.sqlite'), log);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });

  it('applies only pending migrations when reopened', () => {
    const file = path.join(tempDir(), 'adm.sqlite');
    openDatabase(file, log).close();
    const db = openDatabase(file, log); // would throw "table exists" if re-applied
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });

  it('refuses a database written by a newer version, with a clear message, untouched', () => {
    const file = path.join(tempDir(), 'adm.sqlite');
    const future = new BetterSqlite3(file);
    future.pragma(`user_version = ${migrations.length + 3}`);
    future.close();
    expect(() => openDatabase(file, log)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(file, log)).toThrow(/versi ADM yang lebih baru/);
    const check = new BetterSqlite3(file);
    expect(check.pragma('user_version', { simple: true })).toBe(migrations.length + 3);
    check.close();
  });

  it('rolls back a failing migration entirely, leaving user_version as it was', () => {
    const db = new BetterSqlite3(':memory:');
    const broken: Migration[] = [
      { version: 1, name: 'ok', up: (d) => d.exec('CREATE TABLE a (x INTEGER)') },
      {
        version: 2,
        name: 'half',
        up: (d) => {
          d.exec('CREATE TABLE b (x INTEGER)');
          throw new Error('power cut');
        },
      },
    ];
    expect(() => migrate(db, broken, log)).toThrow('power cut');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table'").pluck().all();
    expect(tables).toEqual(['a']);
    db.close();
  });

  it('rejects a migration list with gaps', () => {
    const db = new BetterSqlite3(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'x', up: () => {} }], log)).toThrow(/expected 1/);
    db.close();
  });

  it.each(DAMAGED_DATABASES)('refuses a damaged database (%s) before writing to it, naming the damage', async (_damage, damage) => {
    const dir = tempDir();
    await usedKiosk(dir);
    damage(dir);
    const before = databaseBytes(dir);
    let refusal: unknown = null;
    try {
      openDatabase(databasePath(dir), log).close();
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DatabaseDamagedError);
    expect((refusal as Error).message).toMatch(/^adm\.sqlite rusak: .+; pulihkan dari cadangan\./);
    expect(databaseBytes(dir)).toBe(before);
  });

  it('refuses an index older than its table, which hides a pending request from the sync worker and passes quick_check', async () => {
    const dir = tempDir();
    await usedKiosk(dir);
    staleDueIndex(dir);
    const db = new BetterSqlite3(databasePath(dir), { readonly: true });
    const pending = (lookUp: string) => db.prepare(`SELECT count(*) FROM letter_request ${lookUp} WHERE sync_state = 'pending'`).pluck().get();
    expect(pending('INDEXED BY letter_request_due')).toBe((pending('NOT INDEXED') as number) - 1);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    db.close();
    expect(() => openDatabase(databasePath(dir), log)).toThrow(/^adm\.sqlite rusak: row \d+ missing from index letter_request_due/);
  });

  it('opens an intact database that holds requests', async () => {
    const dir = tempDir();
    await usedKiosk(dir);
    const db = openDatabase(databasePath(dir), log);
    expect(db.prepare('SELECT count(*) FROM letter_request').pluck().get()).toBe(200);
    db.close();
  });
});
