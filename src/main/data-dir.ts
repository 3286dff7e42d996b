/**
 * Where the kiosk keeps its database, configuration, logs and keys. One folder
 * for the Electron app, the web host and the technician CLI, so they all see
 * the same outbox. `ADM_DATA_DIR` moves it (tests give every run a fresh one).
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';

export const DATA_DIR_ENV = 'ADM_DATA_DIR';

export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[DATA_DIR_ENV]?.trim();
  if (fromEnv) return path.resolve(fromEnv);
  // Linux: ~/.local/share/adm-kiosk, Windows: %LOCALAPPDATA%\adm-kiosk\Data
  return envPaths('adm-kiosk', { suffix: '' }).data;
}

/**
 * Creates the folder readable by the kiosk user only: it holds personal data.
 * Files made from here on are private too (umask 077), and what an earlier
 * version or a copied backup left more open (adm.sqlite, slips at 0644) is
 * closed again: folders 0700, files 0600.
 */
export function ensureDataDir(dir: string): string {
  restrictNewFiles();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  mkdirSync(path.join(dir, 'logs'), { recursive: true, mode: 0o700 });
  tightenPermissions(dir);
  return dir;
}

function restrictNewFiles(): void {
  try {
    process.umask(0o077);
  } catch {
    // Worker threads (tests) cannot set the umask; every file is also created or chmod-ed with its mode.
  }
}

/** Folders 0700 and files 0600, two levels deep (the data directory and its keys/, logs/, printer-output/). */
export function tightenPermissions(dir: string, depth = 2): void {
  if (process.platform === 'win32') return; // ACLs of %LOCALAPPDATA% already keep other users out
  chmodQuietly(dir, 0o700);
  if (depth === 0) return;
  for (const name of readdirSync(dir)) {
    const entry = path.join(dir, name);
    let stats;
    try {
      stats = lstatSync(entry); // a symlink is not followed: what it points at is not ours
    } catch {
      continue;
    }
    if (stats.isDirectory()) {
      if (name !== 'chromium-profile') tightenPermissions(entry, depth - 1);
    } else if (stats.isFile()) chmodQuietly(entry, 0o600);
  }
}

function chmodQuietly(file: string, mode: number): void {
  try {
    chmodSync(file, mode);
  } catch {
    // not ours (a technician's file owned by root): left as it is
  }
}
