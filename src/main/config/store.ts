/**
 * Loading, saving and watching `config.json`.
 *
 * Policy: technicians edit this file by hand, so it is read the way people
 * write it: a UTF-8 byte-order mark, comments and trailing commas are fine
 * (jsonc-parser). A field that fails the schema falls back to its default with
 * a warning, the rest is kept. But a file that exists and still cannot be read
 * (or names a server URL that is not one) is never replaced by defaults: that
 * would start demo mode and send residents' requests to the in-memory demo
 * server. It is a PROBLEM: the kiosk keeps every stored request, sends
 * nothing, and says "needs a technician" with the line and column, in the log
 * and in `adm`. The file stays where it is for the technician to fix.
 * Writes are atomic (temp file + rename), so a power cut never leaves half a file.
 */
import { existsSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import writeFileAtomic from 'write-file-atomic';
import type { Logger } from 'pino';
import { configSchema, defaultConfig, type KioskConfig } from './schema';

export const CONFIG_FILE_NAME = 'config.json';

/** Why the file cannot be used at all; `line`/`column` count from 1. */
export interface ConfigProblem {
  message: string;
  line: number | null;
  column: number | null;
}

export interface LoadedConfig {
  config: KioskConfig;
  /** Human-readable reasons a field was not taken as it is (its default applies). */
  warnings: string[];
  /** Set when the file cannot be used; `config` is then only defaults and must not send anything. */
  problem: ConfigProblem | null;
}

export function describeConfigProblem(problem: ConfigProblem): string {
  const where = problem.line === null ? '' : ` (baris ${problem.line}, kolom ${problem.column})`;
  return `config.json tidak dapat dibaca${where}: ${problem.message}`;
}

export function configPath(dataDir: string): string {
  return path.join(dataDir, CONFIG_FILE_NAME);
}

export function parseConfigText(text: string): LoadedConfig {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const errors: ParseError[] = [];
  const raw: unknown = parseJsonc(body, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first) {
    const { line, column } = lineAndColumn(body, first.offset);
    return unusable({ message: `not valid JSON: ${printParseErrorCode(first.error)}`, line, column });
  }
  return parseConfigObject(raw);
}

function unusable(problem: ConfigProblem): LoadedConfig {
  return { config: defaultConfig(), warnings: [], problem };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** A wrong value here would silently mean "no server" (and so demo mode or nothing sent): never defaulted. */
const FIELDS_WITHOUT_FALLBACK = ['server.url'];

export function parseConfigObject(raw: unknown): LoadedConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return unusable({ message: 'the top level must be an object { ... }', line: null, column: null });
  }
  const candidate = structuredClone(raw) as Record<string, unknown>;
  const warnings: string[] = [];
  // Each pass removes the offending fields so their defaults apply; a few passes
  // cover nested objects that are themselves of the wrong type.
  for (let pass = 0; pass < 5; pass++) {
    const parsed = configSchema.safeParse(candidate);
    if (parsed.success) return { config: parsed.data, warnings, problem: null };
    for (const issue of parsed.error.issues) {
      const where = issue.path.join('.') || '(root)';
      // The field itself, or an object holding it ("server": "https://..." is not an object).
      if (FIELDS_WITHOUT_FALLBACK.some((field) => field === where || field.startsWith(`${where}.`))) {
        return unusable({ message: `${where}: ${issue.message}`, line: null, column: null });
      }
      warnings.push(`${where}: ${issue.message}; using the default`);
      deletePath(candidate, issue.path);
    }
  }
  return unusable({ message: `could not repair: ${warnings.join('; ')}`, line: null, column: null });
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
  /** False: no configuration file at all (the only case for demo mode). */
  exists: boolean;
}

/**
 * Reads the configuration without logging, so the core can read it before the
 * logger exists (the log's size and level come from it). Use `logConfigState`
 * afterwards to report what happened.
 */
export function readConfigFile(dataDir: string): ConfigFileState {
  const file = configPath(dataDir);
  if (!existsSync(file)) return { file, exists: false, config: defaultConfig(), warnings: [], problem: null };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { file, exists: true, ...unusable({ message: (error as Error).message, line: null, column: null }) };
  }
  return { file, exists: true, ...parseConfigText(text) };
}

export function logConfigState(state: ConfigFileState, log: Logger): void {
  if (state.problem) {
    log.error(
      { file: state.file, problem: state.problem },
      `${describeConfigProblem(state.problem)}. The kiosk sends nothing and needs a technician; stored requests are kept.`,
    );
    return;
  }
  if (state.warnings.length === 0) {
    log.info({ file: state.file, exists: state.exists }, 'configuration loaded');
    return;
  }
  log.warn({ file: state.file, warnings: state.warnings }, 'configuration file has problems; defaults used where it was wrong');
}

/** Writes the whole configuration atomically; returns the text written. */
export async function saveConfig(dataDir: string, config: KioskConfig): Promise<string> {
  const valid = configSchema.parse(config);
  const text = `${JSON.stringify(valid, null, 2)}\n`;
  await writeFileAtomic(configPath(dataDir), text, { mode: 0o600 });
  return text;
}

/**
 * Calls `onChange` with the new configuration when the file changes on disk.
 * Watches the folder, not the file: atomic writes replace the file's inode.
 * A file that cannot be read at all while the kiosk runs (an editor saving
 * half a file, a typo) is ignored: the running configuration stays and a
 * warning is logged (still broken at the next start, it is a problem).
 */
export function watchConfig(
  dataDir: string,
  log: Logger,
  onChange: (config: KioskConfig) => void,
  debounceMs = 150,
  /** The kiosk's own writes (admin settings), already applied: not a change to report again. */
  ownWrite: (text: string) => boolean = () => false,
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
      if (ownWrite(text)) return;
      const { config, warnings, problem } = parseConfigText(text);
      if (problem) {
        log.warn({ file, problem }, `${describeConfigProblem(problem)}; keeping the running configuration`);
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
