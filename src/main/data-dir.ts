/**
 * Where the kiosk keeps its database, configuration, logs and keys. One folder
 * for the Electron app, the web host and the technician CLI, so they all see
 * the same outbox. `ADM_DATA_DIR` moves it (tests give every run a fresh one).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';

export const DATA_DIR_ENV = 'ADM_DATA_DIR';

export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[DATA_DIR_ENV]?.trim();
  if (fromEnv) return path.resolve(fromEnv);
  // Linux: ~/.local/share/adm-kiosk, Windows: %LOCALAPPDATA%\adm-kiosk\Data
  return envPaths('adm-kiosk', { suffix: '' }).data;
}

/** Creates the folder readable by the kiosk user only: it holds personal data. */
export function ensureDataDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  mkdirSync(path.join(dir, 'logs'), { recursive: true, mode: 0o700 });
  return dir;
}
