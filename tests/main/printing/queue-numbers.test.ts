import { spawn } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/database';
import { createSilentLogger } from '../../../src/main/logging/logger';
import { formatQueueNumber, localDay, reserveQueueNumber } from '../../../src/main/printing/queue-numbers';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
let child = '';

let childDir = '';
beforeAll(async () => {
  // Not a per-test temp dir: those are removed after each test.
  childDir = mkdtempSync(path.join(tmpdir(), 'adm-queue-child-'));
  child = path.join(childDir, 'queue-child.cjs');
  await build({ entryPoints: ['tests/helpers/queue-number-child.ts'], outfile: child, bundle: true, platform: 'node', format: 'cjs', external: ['better-sqlite3'], nodePaths: [path.resolve('node_modules')], logLevel: 'warning' });
});

afterAll(() => rmSync(childDir, { recursive: true, force: true }));

function freshDb(): string {
  const file = path.join(tempDir(), 'adm.sqlite');
  openDatabase(file, createSilentLogger().root).close();
  return file;
}

const NOON_JAKARTA = '2026-11-29T05:00:00Z';

function runChild(file: string, count: number, when = NOON_JAKARTA): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, file, String(count), when], { env: { ...process.env, NODE_PATH: path.resolve('node_modules') } });
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.on('exit', (code) => (code === 0 ? resolve(out.trim().split('\n')) : reject(new Error(`child exited ${code}`))));
  });
}

describe('queue numbers', () => {
  it('formats as PREFIX-NNN', () => {
    expect(formatQueueNumber('A', 7)).toBe('A-007');
    expect(formatQueueNumber('B', 1234)).toBe('B-1234');
  });

  it('counts per local day and starts again at local midnight (Asia/Jakarta)', () => {
    const db = openDatabase(path.join(tempDir(), 'adm.sqlite'), createSilentLogger().root);
    const reserve = (iso: string) => reserveQueueNumber(db, { kioskName: 'ADM-01', prefix: 'A', now: new Date(iso), timeZone: 'Asia/Jakarta' });
    expect(reserve('2026-11-29T16:58:00Z')).toBe('A-001'); // 23:58 WIB
    expect(reserve('2026-11-29T16:59:59Z')).toBe('A-002');
    expect(reserve('2026-11-29T17:00:00Z')).toBe('A-001'); // 00:00 WIB: a new day
    expect(localDay(new Date('2026-11-29T17:00:00Z'), 'Asia/Jakarta')).toBe('2026-11-30');
    // Another kiosk keeps its own count.
    expect(reserveQueueNumber(db, { kioskName: 'ADM-02', prefix: 'B', now: new Date('2026-11-29T17:00:00Z'), timeZone: 'Asia/Jakarta' })).toBe('B-001');
    db.close();
  });

  it('never repeats a number when four processes reserve at once', async () => {
    const file = freshDb();
    const results = await Promise.all([runChild(file, 100), runChild(file, 100), runChild(file, 100), runChild(file, 100)]);
    const all = results.flat();
    expect(all).toHaveLength(400);
    expect(new Set(all).size).toBe(400);
    expect([...all].sort()).toEqual(Array.from({ length: 400 }, (_, i) => formatQueueNumber('A', i + 1)).sort());
  });

  it('never repeats a number across crashes', async () => {
    const file = freshDb();
    const seen: string[] = [];
    for (let kill = 0; kill < 25; kill++) {
      await new Promise<void>((resolve) => {
        const proc = spawn(process.execPath, [child, file, '100000', NOON_JAKARTA], { env: { ...process.env, NODE_PATH: path.resolve('node_modules') } });
        let out = '';
        let armed = false;
        // Killed 0-120 ms after its first committed number, however long Node takes to start here.
        proc.stdout.on('data', (d) => {
          out += d;
          if (armed) return;
          armed = true;
          setTimeout(() => proc.kill('SIGKILL'), Math.random() * 120);
        });
        proc.on('exit', () => {
          seen.push(...out.split('\n').filter(Boolean));
          resolve();
        });
      });
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen).size).toBe(seen.length);
    // Every number a job holds is unique, and the counter is at least the highest.
    const db = openDatabase(file, createSilentLogger().root);
    const numbers = db.prepare('SELECT queue_number FROM print_job').pluck().all() as string[];
    expect(new Set(numbers).size).toBe(numbers.length);
    const last = db.prepare('SELECT last FROM queue_counter').pluck().get() as number;
    expect(last).toBe(numbers.length);
    db.close();
  });
});
