/**
 * Loading, saving and watching `config.json`.
 *
 * Policy: the kiosk must start whatever is in the file. A field that fails the
 * schema falls back to its default (other fields are kept); a file that is not
 * JSON at all falls back to defaults entirely and is kept aside as
 * `config.json.corrupt-<time>` for the technician. Both are logged as warnings.
 * Writes are atomic (temp file + rename), so a power cut never leaves half a file.
 */
import { existsSync, readFileSync, renameSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Logger } from 'pino';
import { configSchema, defaultConfig, type KioskConfig } from './schema';

export const CONFIG_FILE_NAME = 'config.json';

export interface LoadedConfig {
  config: KioskConfig;
  /** Human-readable reasons the file was not taken as it is. */
  warnings: string[];
}

export function configPath(dataDir: string): string {
  return path.join(dataDir, CONFIG_FILE_NAME);
}

export function parseConfigText(text: string): LoadedConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { config: defaultConfig(), warnings: [`not valid JSON (${(error as Error).message}); using defaults`] };
  }
  return parseConfigObject(raw);
}

export function parseConfigObject(raw: unknown): LoadedConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { config: defaultConfig(), warnings: ['top level is not an object; using defaults'] };
  }
  const candidate = structuredClone(raw) as Record<string, unknown>;
  const warnings: string[] = [];
  // Each pass removes the offending fields so their defaults apply; a few passes
  // cover nested objects that are themselves of the wrong type.
  for (let pass = 0; pass < 5; pass++) {
    const parsed = configSchema.safeParse(candidate);
    if (parsed.success) return { config: parsed.data, warnings };
    for (const issue of parsed.error.issues) {
      const where = issue.path.join('.') || '(root)';
      warnings.push(`${where}: ${issue.message}; using the default`);
      deletePath(candidate, issue.path);
    }
  }
  return { config: defaultConfig(), warnings: [...warnings, 'could not repair; using defaults'] };
}

function deletePath(target: Record<string, unknown>, keys: readonly PropertyKey[]): void {
  let node: unknown = target;
  for (const key of keys.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  const last = keys.at(-1);
  if (last !== undefined && node !== null && typeof node === 'object') {
    delete (node as Record<PropertyKey, unknown>)[last];
  }
}

export interface ConfigFileState extends LoadedConfig {
  file: string;
  /** Where an unreadable file was moved, if it was. */
  movedAsideTo: string | null;
}

/**
 * Reads the configuration without logging, so the core can read it before the
 * logger exists (the log's size and level come from it). Use `logConfigState`
 * afterwards to report what happened.
 */
export function readConfigFile(dataDir: string): ConfigFileState {
  const file = configPath(dataDir);
  if (!existsSync(file)) return { file, config: defaultConfig(), warnings: [], movedAsideTo: null };
  const { config, warnings } = parseConfigText(readFileSync(file, 'utf8'));
  const unreadable = warnings.some((w) => w.endsWith('using defaults'));
  return { file, config, warnings, movedAsideTo: unreadable ? moveAside(file) : null };
}

export function logConfigState(state: ConfigFileState, log: Logger): void {
  if (state.warnings.length === 0) {
    log.info({ file: state.file }, 'configuration loaded');
    return;
  }
  log.warn(
    { file: state.file, warnings: state.warnings, movedAsideTo: state.movedAsideTo },
    'configuration file has problems; defaults used where it was wrong',
  );
}

export function loadConfig(dataDir: string, log: Logger): KioskConfig {
  const state = readConfigFile(dataDir);
  logConfigState(state, log);
  return state.config;
}

function moveAside(file: string): string | null {
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(file, aside);
    return aside;
  } catch {
    return null;
  }
}

export async function saveConfig(dataDir: string, config: KioskConfig): Promise<void> {
  const valid = configSchema.parse(config);
  await writeFileAtomic(configPath(dataDir), `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
}

/**
 * Calls `onChange` with the new configuration when the file changes on disk.
 * Watches the folder, not the file: atomic writes replace the file's inode.
 * A file that cannot be read at all while the kiosk runs (an editor saving
 * half a file, a typo) is ignored: the running configuration stays and a
 * warning is logged. It is only moved aside at the next start if still broken.
 */
export function watchConfig(
  dataDir: string,
  log: Logger,
  onChange: (config: KioskConfig) => void,
  debounceMs = 150,
): () => void {
  const file = configPath(dataDir);
  let timer: NodeJS.Timeout | undefined;
  let last = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const watcher: FSWatcher = watch(dataDir, (_event, name) => {
    if (name !== CONFIG_FILE_NAME) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!existsSync(file)) return;
      const text = readFileSync(file, 'utf8');
      if (text === last) return;
      last = text;
      const { config, warnings } = parseConfigText(text);
      if (warnings.some((w) => w.endsWith('using defaults'))) {
        log.warn({ file, warnings }, 'edited configuration cannot be read; keeping the running configuration');
        return;
      }
      if (warnings.length > 0) log.warn({ file, warnings }, 'edited configuration has problems; defaults used where it was wrong');
      log.info('configuration file changed; reloaded');
      onChange(config);
    }, debounceMs);
  });
  watcher.on('error', (error) => log.error({ err: error }, 'configuration watcher failed'));
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
