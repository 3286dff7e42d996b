/**
 * Ways an `adm.sqlite` gets damaged on a kiosk PC (a power cut on a cheap SD
 * card or USB disk, a copy cut short, a bad sector, a restore that mixed
 * files), as data for tests: each takes the data directory of a kiosk that
 * holds requests and damages its database in place.
 */
import { closeSync, copyFileSync, existsSync, openSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { createKioskCore } from '../../src/main/core';
import { databasePath } from '../../src/main/db/database';
import { newRequest, pinOf } from './outbox-rig';

const PAGE = 4096;

/** A kiosk that was used: requests queued (several pages of them), then closed cleanly. */
export async function usedKiosk(dataDir: string, requests = 200): Promise<void> {
  const core = createKioskCore({ dataDir, watchConfig: false });
  for (let i = 0; i < requests; i++) core.outbox.enqueue(newRequest(), pinOf());
  await core.close();
}

function overwrite(file: string, offset: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

/** The pages of a table or index, from SQLite's dbstat. */
function pagesOf(file: string, name: string): number[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare('SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno').pluck().all(name) as number[];
  } finally {
    db.close();
  }
}

const garbage = (length: number) => Buffer.alloc(length, 0x5a);

export const DAMAGED_DATABASES: ReadonlyArray<readonly [string, (dataDir: string) => void]> = [
  ['cut off after half its pages', (dir) => {
    const file = databasePath(dir);
    truncateSync(file, Math.floor(statSync(file).size / 2 / PAGE) * PAGE);
  }],
  ['cut off inside its last page', (dir) => {
    const file = databasePath(dir);
    truncateSync(file, statSync(file).size - 1000);
  }],
  ['three pages in the middle overwritten', (dir) => {
    const file = databasePath(dir);
    overwrite(file, Math.floor(statSync(file).size / PAGE / 2) * PAGE, garbage(3 * PAGE));
  }],
  ['one page of the requests table zeroed', (dir) => {
    const file = databasePath(dir);
    const pages = pagesOf(file, 'letter_request');
    overwrite(file, (pages[pages.length - 1]! - 1) * PAGE, Buffer.alloc(PAGE));
  }],
  ['an index page overwritten', (dir) => {
    const file = databasePath(dir);
    overwrite(file, (pagesOf(file, 'letter_request_due')[0]! - 1) * PAGE, garbage(PAGE));
  }],
  ['the schema page overwritten after the file header', (dir) => overwrite(databasePath(dir), 100, garbage(PAGE - 100))],
  ['a bad file header', (dir) => overwrite(databasePath(dir), 0, garbage(100))],
  ['a page size in the header that is not a power of two', (dir) => overwrite(databasePath(dir), 16, Buffer.from([0x0c, 0x01]))],
  ['a WAL whose last committed page is garbage (its checksums valid)', (dir) => walWithGarbagePage(dir)],
  ['the due index restored from an older copy (every page well-formed)', (dir) => staleDueIndex(dir)],
];

/**
 * A restore that mixed files, or a disk that lost its latest writes to some
 * sectors only: the pages of the index the sync worker looks requests up by
 * (`letter_request_due`) come from an older copy, in which one request was
 * still parked; since then a technician sent it again (pending). Each page
 * is a well-formed b-tree page, so `quick_check` finds nothing; only
 * comparing the index with its table (`integrity_check`) shows the request
 * missing from it, and the sync worker, which finds due requests through that
 * index, would never send it.
 */
export function staleDueIndex(dir: string): void {
  const file = databasePath(dir);
  const older = `${file}.older`;
  const setState = (state: string) => {
    const db = new BetterSqlite3(file);
    db.prepare("UPDATE letter_request SET sync_state = ? WHERE id = (SELECT max(id) FROM letter_request)").run(state);
    db.close(); // the last connection checkpoints the WAL into the file
  };
  setState('parked');
  copyFileSync(file, older);
  setState('pending');
  const pages = pagesOf(file, 'letter_request_due');
  if (pagesOf(older, 'letter_request_due').join() !== pages.join()) throw new Error('the index moved between the copies');
  const olderBytes = readFileSync(older);
  for (const page of pages) overwrite(file, (page - 1) * PAGE, olderBytes.subarray((page - 1) * PAGE, page * PAGE));
  rmSync(older);
}

/**
 * A power cut left committed transactions in the WAL, not yet copied into the
 * database, and one of the WAL's pages is garbage behind valid frame
 * checksums (SQLite trusts such a frame: a frame whose checksum fails is
 * simply dropped, and that is not damage).
 */
function walWithGarbagePage(dir: string): void {
  const file = databasePath(dir);
  const db = new BetterSqlite3(file);
  db.pragma('wal_autocheckpoint = 0');
  db.prepare("UPDATE letter_request SET last_error = 'server tidak terjangkau', attempts = attempts + 1").run();
  // Closing would copy the WAL into the database and remove it: keep both as a power cut leaves them.
  copyFileSync(file, `${file}.cut`);
  copyFileSync(`${file}-wal`, `${file}-wal.cut`);
  db.close();
  renameSync(`${file}.cut`, file);
  renameSync(`${file}-wal.cut`, `${file}-wal`);

  const wal = readFileSync(`${file}-wal`);
  const pageSize = wal.readUInt32BE(8);
  const frameSize = 24 + pageSize;
  const frames = Math.floor((wal.length - 32) / frameSize);
  // The checksums' byte order is in the magic number's last bit (0x377f0682: little-endian).
  const littleEndian = (wal.readUInt32BE(0) & 1) === 0;
  let lastCommit = -1;
  for (let frame = 0; frame < frames; frame++) if (wal.readUInt32BE(32 + frame * frameSize + 4) !== 0) lastCommit = frame;
  let victim = lastCommit;
  while (victim >= 0 && wal.readUInt32BE(32 + victim * frameSize) === 1) victim--; // not page 1: that is the header case
  if (victim < 0) throw new Error('no WAL frame to damage');
  garbage(pageSize).copy(wal, 32 + victim * frameSize + 24);

  // Every frame's checksum runs on from the one before it: recompute from the damaged frame on.
  let [s0, s1] = victim === 0 ? [wal.readUInt32BE(24), wal.readUInt32BE(28)] : [wal.readUInt32BE(32 + (victim - 1) * frameSize + 16), wal.readUInt32BE(32 + (victim - 1) * frameSize + 20)];
  for (let frame = victim; frame < frames; frame++) {
    const at = 32 + frame * frameSize;
    [s0, s1] = walChecksum(wal.subarray(at, at + 8), s0!, s1!, littleEndian);
    [s0, s1] = walChecksum(wal.subarray(at + 24, at + frameSize), s0, s1, littleEndian);
    wal.writeUInt32BE(s0, at + 16);
    wal.writeUInt32BE(s1, at + 20);
  }
  writeFileSync(`${file}-wal`, wal);
}

/** SQLite's WAL checksum (https://www.sqlite.org/fileformat2.html#walformat). */
function walChecksum(data: Buffer, s0: number, s1: number, littleEndian: boolean): [number, number] {
  for (let i = 0; i < data.length; i += 8) {
    const x0 = littleEndian ? data.readUInt32LE(i) : data.readUInt32BE(i);
    const x1 = littleEndian ? data.readUInt32LE(i + 4) : data.readUInt32BE(i + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}

/** The database's bytes and its WAL's, to show that a refusal wrote nothing. */
export function databaseBytes(dir: string): string {
  const file = databasePath(dir);
  const wal = `${file}-wal`;
  return `${readFileSync(file).toString('base64')}|${existsSync(wal) ? readFileSync(wal).toString('base64') : ''}`;
}
