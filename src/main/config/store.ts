/**
 * Loading, saving and watching `config.json`.
 *
 * Policy: technicians edit this file by hand, so it is read the way people
 * write it: a UTF-8 byte-order mark, comments and trailing commas are fine
 * (jsonc-parser). A number out of its range takes the nearest bound, a field
 * that fails the schema otherwise falls back to its default, each with a
 * warning; the rest is kept. But anything named config.json that still cannot
 * be read (a broken text, a folder, a link to nothing, a file the kiosk's user
 * may not read) or names a server URL that is not one is never replaced by
 * defaults: that would start demo mode and send residents' requests to the
 * in-memory demo server. It is a PROBLEM: the kiosk keeps every stored
 * request, sends nothing, and says "needs a technician" with what and where,
 * in the log and in `adm`. The file stays where it is for the technician to fix.
 * Writes are atomic (temp file + rename), so a power cut never leaves half a file.
 *
 * The kiosk's own saves (admin settings) edit the file in place: only the
 * fields that changed, everything else kept as the technician wrote it,
 * comments included. A file that cannot be parsed is never written over: the
 * save is refused, because writing the running configuration (defaults, when
 * the file could not be read at start) would erase the server URL, the kiosk's
 * name and the printer with no copy left. So is a save when the file the
 * running configuration came from is gone, or when the edited file would not
 * read as saved (a key written twice).
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readlinkSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import {
  applyEdits,
  findNodeAtLocation,
  modify,
  parse as parseJsonc,
  parseTree,
  printParseErrorCode,
  type Edit,
  type FormattingOptions,
  type Node as JsonNode,
  type ParseError,
} from 'jsonc-parser';
import writeFileAtomic from 'write-file-atomic';
import type { z } from 'zod';
import { fail, type ErrorParams, type Result } from '../../shared/result';
import type { ConfigUnreadableReason } from '../../shared/admin-contract';
import type { Logger } from 'pino';
import { configSchema, defaultConfig, shortTimingsConfigSchema, type ConfigSchema, type KioskConfig } from './schema';

export const CONFIG_FILE_NAME = 'config.json';

/** Why the file cannot be used at all; `line`/`column` count from 1. */
export interface ConfigProblem {
  message: string;
  line: number | null;
  column: number | null;
  /** Why a save was refused when it is not a broken text (the admin screen words it); `key`: the field or duplicate key. */
  reason?: ConfigUnreadableReason;
  key?: string;
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

const CONFIG_WARNINGS_MESSAGE = 'configuration file has problems; where it was wrong: the nearest bound for a number out of range, else the default';

export function configPath(dataDir: string): string {
  return path.join(dataDir, CONFIG_FILE_NAME);
}

export function parseConfigText(text: string, schema: ConfigSchema = configSchema): LoadedConfig {
  const read = readJsonc(text);
  return read.ok ? parseConfigObject(read.raw, schema) : unusable(read.problem);
}

const BOM = '\uFEFF';

function readJsonc(text: string): { ok: true; raw: unknown } | { ok: false; problem: ConfigProblem } {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const errors: ParseError[] = [];
  const raw: unknown = parseJsonc(body, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (!first) return { ok: true, raw };
  const { line, column } = lineAndColumn(body, first.offset);
  return { ok: false, problem: { message: `not valid JSON: ${printParseErrorCode(first.error)}`, line, column } };
}

const NOT_AN_OBJECT: ConfigProblem = { message: 'the top level must be an object { ... }', line: null, column: null };

function isObject(raw: unknown): raw is Record<string, unknown> {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw);
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
/** The field, or a part holding it ("server": "https://..." is not an object), has no default to fall back to. */
const hasNoFallback = (where: string): boolean => FIELDS_WITHOUT_FALLBACK.some((field) => field === where || field.startsWith(`${where}.`));

export function parseConfigObject(raw: unknown, schema: ConfigSchema = configSchema): LoadedConfig {
  if (!isObject(raw)) return unusable(NOT_AN_OBJECT);
  const candidate = structuredClone(raw) as Record<string, unknown>;
  const warnings: string[] = [];
  // Each pass repairs the offending fields; a few passes cover nested objects that are themselves of the
  // wrong type, and a rule across two fields that can only be checked once both are in range.
  for (let pass = 0; pass < 5; pass++) {
    const parsed = schema.safeParse(candidate);
    if (parsed.success) return { config: parsed.data, warnings, problem: null };
    // A rule across fields (custom) waits until every field is valid on its own: its nearest value is
    // only right between values the kiosk will use.
    const ownIssues = parsed.error.issues.filter((issue) => issue.code !== 'custom');
    const repaired = new Set<string>();
    for (const issue of ownIssues.length > 0 ? ownIssues : parsed.error.issues) {
      const where = issue.path.join('.') || '(root)';
      if (hasNoFallback(where)) {
        return unusable({ message: `${where}: ${issue.message}`, line: null, column: null });
      }
      // One repair per field and pass: the next pass checks the repaired value again.
      if (repaired.has(where)) continue;
      repaired.add(where);
      const given = valueAt(candidate, issue.path.map(String));
      const nearest = nearestAccepted(issue, given);
      if (nearest === null && given === undefined && issue.path.length > 1) {
        // A field the file left out that its part needs (a card reader without its USB ids): removing nothing
        // would repair nothing, so the part itself falls back to its default (none), loudly.
        const part = issue.path.slice(0, -1);
        const partName = part.join('.');
        if (hasNoFallback(partName)) {
          return unusable({ message: `${where}: ${issue.message}`, line: null, column: null });
        }
        warnings.push(`${partName}: ${where} ${issue.message}; using the default for ${partName}`);
        deletePath(candidate, part);
      } else if (nearest === null) {
        warnings.push(`${where}: ${issue.message}; using the default`);
        deletePath(candidate, issue.path);
      } else {
        warnings.push(`${where}: ${JSON.stringify(given)} is not accepted (${issue.message}); using ${nearest}`);
        setPath(candidate, issue.path, nearest);
      }
    }
  }
  return unusable({ message: `could not repair: ${warnings.join('; ')}`, line: null, column: null });
}

/**
 * The value nearest to a number the schema refused, or null for anything else
 * (which falls back to its default). An office that chose a stricter number
 * than the range allows (a shorter retention, a longer lock) gets the bound
 * next to its choice, never the default on the other side of it. A fraction
 * where a whole number is needed is rounded (the next pass checks the range);
 * a rule across fields names its nearest value in the issue's `params`.
 */
function nearestAccepted(issue: z.core.$ZodIssue, given: unknown): number | null {
  // A number written in quotes ("retentionDays": "7") is that number, not the default on the looser side.
  if (typeof given === 'string' && issue.code === 'invalid_type' && issue.expected === 'number' && /^\s*-?\d+(\.\d+)?\s*$/.test(given)) {
    return Number(given);
  }
  if (typeof given !== 'number' || !Number.isFinite(given)) return null;
  if (issue.code === 'too_small' && issue.origin === 'number') return Number(issue.minimum);
  if (issue.code === 'too_big' && issue.origin === 'number') return Number(issue.maximum);
  if (issue.code === 'invalid_type' && issue.expected === 'int') return Math.round(given);
  if (issue.code === 'custom' && typeof issue.params?.nearest === 'number') return issue.params.nearest;
  return null;
}

function setPath(target: Record<string, unknown>, keys: readonly PropertyKey[], value: unknown): void {
  const parent = valueAt(target, keys.slice(0, -1).map(String));
  const last = keys.at(-1);
  if (last !== undefined && isObject(parent)) parent[String(last)] = value;
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
 * Whether anything named config.json is in the data directory: a file, but
 * also a folder, a link (even one to nothing) or a file the kiosk may not
 * read. Each of those is a configuration that needs a technician, never "no
 * configuration" (which starts demo mode and lets the first admin PIN be
 * chosen on the touchscreen). `lstat`, not `existsSync`: that says false for
 * a dangling link. An entry that cannot even be looked at counts as present.
 */
export function configFilePresent(dataDir: string): boolean {
  try {
    lstatSync(configPath(dataDir));
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** The text of config.json, which must be present; or why it cannot be read, in words a technician can act on. */
function readConfigText(file: string): { ok: true; text: string } | { ok: false; problem: ConfigProblem } {
  const unreadable = (message: string) => ({ ok: false as const, problem: { message, line: null, column: null } });
  let fd: number | null = null;
  try {
    // Opened without blocking, then checked on what was opened (no swap in between): reading a FIFO would wait
    // forever, a device would never end, and a file of megabytes is no configuration.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const entry = fstatSync(fd);
    if (entry.isDirectory()) return unreadable('config.json is a folder, not a file');
    if (!entry.isFile()) return unreadable('config.json is not a regular file (a pipe, a device or a socket)');
    if (entry.size > MAX_CONFIG_BYTES) return unreadable(`config.json is ${entry.size} bytes; a configuration is a few kilobytes (at most ${MAX_CONFIG_BYTES})`);
    return { ok: true, text: readFileSync(fd, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return unreadable(danglingLink(file));
    if (code === 'ELOOP') return unreadable('config.json is a link that leads back to itself');
    if (code === 'EACCES' || code === 'EPERM') return unreadable(`config.json may not be read by this user (${code}); check its owner and permissions`);
    if (code === 'EISDIR') return unreadable('config.json is a folder, not a file');
    return unreadable(`config.json cannot be read: ${(error as Error).message}`);
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** A configuration is a few kilobytes; anything near this is a mistake (a log or a backup copied over it). */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** What a config.json that `lstat` found but `stat` did not is: a link to nothing, or a file removed meanwhile. */
function danglingLink(file: string): string {
  try {
    return `config.json is a link to ${JSON.stringify(readlinkSync(file))}, which does not exist`;
  } catch {
    return 'config.json went away while it was read';
  }
}

/**
 * Reads the configuration without logging, so the core can read it before the
 * logger exists (the log's size and level come from it). Use `logConfigState`
 * afterwards to report what happened.
 */
export function readConfigFile(dataDir: string, schema: ConfigSchema = configSchema): ConfigFileState {
  const file = configPath(dataDir);
  if (!configFilePresent(dataDir)) return { file, exists: false, config: defaultConfig(), warnings: [], problem: null };
  const read = readConfigText(file);
  if (!read.ok) return { file, exists: true, ...unusable(read.problem) };
  return { file, exists: true, ...parseConfigText(read.text, schema) };
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
  log.warn({ file: state.file, warnings: state.warnings }, CONFIG_WARNINGS_MESSAGE);
}

/**
 * Writes a whole new configuration atomically (tests, benchmarks); returns the
 * text written. Checked for what the code handles only: the kiosk that reads
 * it holds each timing to its usable range (or, in tests, does not).
 */
export async function saveConfig(dataDir: string, config: KioskConfig): Promise<string> {
  const valid = shortTimingsConfigSchema.parse(config);
  const text = `${JSON.stringify(valid, null, 2)}\n`;
  await writeFileAtomic(configPath(dataDir), text, { mode: 0o600 });
  return text;
}

/**
 * Whether the running configuration came from config.json. Then a save must
 * find the file: if it went missing, writing the admin's change alone would
 * make a new file of that change and drop the server URL, the kiosk's name
 * and the printer (and apply the defaults at once). Without a file at start
 * (demo mode, first setup) a save creates one.
 */
export interface ConfigOrigin {
  fromFile: boolean;
}

const FILE_MISSING: ConfigProblem = {
  message: 'config.json is gone (the running configuration came from it); restore it, from a backup, before saving',
  line: null,
  column: null,
  reason: 'missing',
};

/**
 * Why config.json cannot be edited now (it is gone, cannot be read, is not
 * JSON even with comments allowed, or is not an object), or null. No file is
 * fine when the kiosk runs without one: a save creates it.
 */
export function configFileProblem(dataDir: string, origin: ConfigOrigin): ConfigProblem | null {
  const current = readForEdit(dataDir, origin);
  return current.ok ? null : current.problem;
}

function readForEdit(dataDir: string, origin: ConfigOrigin): { ok: true; text: string | null } | { ok: false; problem: ConfigProblem } {
  if (!configFilePresent(dataDir)) return origin.fromFile ? { ok: false, problem: FILE_MISSING } : { ok: true, text: null };
  const current = readConfigText(configPath(dataDir));
  if (!current.ok) return current;
  const read = readJsonc(current.text);
  if (!read.ok) return read;
  return isObject(read.raw) ? { ok: true, text: current.text } : { ok: false, problem: NOT_AN_OBJECT };
}

/** A save refused because the file cannot be used, with where and why when known (the admin screens word it). */
export function configUnreadable(problem: ConfigProblem): Result<never> {
  const { line, column, reason, key } = problem;
  const params: ErrorParams = {
    ...(line === null || column === null ? {} : { line, column }),
    ...(reason === undefined ? {} : { reason }),
    ...(key === undefined ? {} : { key }),
  };
  return fail('config-unreadable', Object.keys(params).length > 0 ? params : undefined);
}

export type ConfigSave = { ok: true; text: string; loaded: LoadedConfig } | { ok: false; problem: ConfigProblem };

/**
 * Saves `after` over `before` by editing config.json in place: each field that
 * differs is changed in the file's own text (jsonc-parser's `modify`), in the
 * file's indentation and line endings; comments, unknown keys, a byte-order
 * mark and every other field stay as they were. A part that became null (no
 * serial scanner) is removed. Refused, with the file untouched, when the file
 * cannot be parsed, when it went missing under a configuration read from it,
 * or when the edited text would not read as saved (a duplicate key the kiosk
 * reads instead). Returns the text written and what it now reads as (a field
 * the schema refuses still falls back, as it would at the next start).
 */
export async function saveConfigChanges(
  dataDir: string,
  before: KioskConfig,
  after: KioskConfig,
  origin: ConfigOrigin,
  schema: ConfigSchema = configSchema,
): Promise<ConfigSave> {
  const current = readForEdit(dataDir, origin);
  if (!current.ok) return current;
  const text = editConfigText(current.text ?? '{}\n', before, after);
  const loaded = parseConfigText(text, schema);
  // A file the kiosk cannot use even after the edit kept its problem (it is not of the save's making).
  const misread = loaded.problem ? null : savedFieldNotRead(current.text ?? '', loaded.config, before, after);
  if (misread) return { ok: false, problem: misread };
  await writeFileAtomic(configPath(dataDir), text, { mode: 0o600 });
  return { ok: true, text, loaded };
}

/**
 * Checks what the edited text reads as (`reads`, read as the kiosk will): a
 * saved field that does not read as saved means the edit went where the
 * kiosk does not look (the first of two "kiosk" objects, when the second one
 * wins). Why, with where in the file as it is now (`original`), or null.
 */
function savedFieldNotRead(original: string, reads: KioskConfig, before: KioskConfig, after: KioskConfig): ConfigProblem | null {
  const notRead = changedConfigPaths(before, after).find((keys) => JSON.stringify(valueAt(reads, keys)) !== JSON.stringify(valueAt(after, keys)));
  if (!notRead) return null;
  const body = original.startsWith(BOM) ? original.slice(1) : original;
  const duplicates = duplicateKeys(body);
  const duplicate = duplicates.find((found) => found.keys.every((key, index) => notRead[index] === key)) ?? duplicates[0];
  if (duplicate) {
    const key = duplicate.keys.join('.');
    const { line, column } = lineAndColumn(body, duplicate.offset);
    return { message: `duplicate key "${key}": the kiosk reads the last one, so the save would not apply`, line, column, reason: 'duplicate-key', key };
  }
  const key = notRead.join('.');
  return { message: `${key} would not read as saved`, line: null, column: null, reason: 'not-as-saved', key };
}

/** Keys that appear twice in one object (a later one wins when read), each with where it appears again. */
function duplicateKeys(body: string): Array<{ keys: string[]; offset: number }> {
  const found: Array<{ keys: string[]; offset: number }> = [];
  const visit = (node: JsonNode | undefined, keys: string[]): void => {
    if (node?.type === 'array') node.children?.forEach((child, index) => visit(child, [...keys, String(index)]));
    if (node?.type !== 'object') return;
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const [name, value] = property.children ?? [];
      if (typeof name?.value !== 'string') continue;
      if (seen.has(name.value)) found.push({ keys: [...keys, name.value], offset: name.offset });
      seen.add(name.value);
      visit(value, [...keys, name.value]);
    }
  };
  visit(parseTree(body, [], { allowTrailingComma: true, disallowComments: false }), []);
  return found;
}

/** `text` (a parsable configuration) with the fields that differ between `before` and `after` changed. */
export function editConfigText(text: string, before: KioskConfig, after: KioskConfig): string {
  const bom = text.startsWith(BOM) ? BOM : '';
  let body = text.slice(bom.length);
  const formattingOptions = formattingOf(body);
  for (const keys of changedConfigPaths(before, after)) {
    const value = valueAt(after, keys);
    // A part set to none (serial scanner, HID reader) leaves the file, as if never configured.
    const removed = value === null && isObject(valueAt(before, keys));
    body = applyEdits(body, editsFor(body, keys, removed ? undefined : value, after, formattingOptions));
  }
  return bom + body;
}

function editsFor(body: string, keys: string[], value: unknown, after: KioskConfig, formattingOptions: FormattingOptions): Edit[] {
  const root = parseTree(body);
  if (value === undefined && (!root || findNodeAtLocation(root, keys) === undefined)) return [];
  // A part written as something other than an object ("kiosk": "ADM-07") cannot take a field:
  // the nearest such part is replaced by what the kiosk runs with (its fields fell back anyway).
  for (let depth = keys.length; depth >= 1; depth--) {
    const at = keys.slice(0, depth);
    try {
      return modify(body, at, depth === keys.length ? value : valueAt(after, at), { formattingOptions });
    } catch {
      // jsonc-parser: "Can not add property ... in parent of type string"; try the part above.
    }
  }
  return [];
}

/** The file's own indentation (the smallest indent of any line) and line ending, for the lines an edit adds. */
function formattingOf(body: string): FormattingOptions {
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const indents = [...body.matchAll(/^([ \t]+)\S/gm)].map((match) => match[1]!);
  if (indents.some((indent) => indent.startsWith('\t'))) return { insertSpaces: false, tabSize: 1, eol };
  const smallest = Math.min(...indents.map((indent) => indent.length));
  return { insertSpaces: true, tabSize: Number.isFinite(smallest) ? smallest : 2, eol };
}

function valueAt(config: unknown, keys: readonly string[]): unknown {
  return keys.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), config);
}

/** The fields that differ, as paths: the leaves of objects; arrays and parts that appear or go, whole. */
export function changedConfigPaths(before: unknown, after: unknown, prefix: string[] = []): string[][] {
  if (isObject(before) && isObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((key) => changedConfigPaths(before[key], after[key], [...prefix, key]));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix];
}

/**
 * `current` with the changes a caller made from `base` to `next`, and
 * nothing else: another save that was applied since `base` was read keeps
 * its values (two admin saves at once both land).
 */
export function mergeConfigChanges(current: KioskConfig, base: KioskConfig, next: KioskConfig): KioskConfig {
  const merged = structuredClone(current) as unknown as Record<string, unknown>;
  for (const keys of changedConfigPaths(base, next)) {
    let value: unknown = next;
    for (const key of keys) value = isObject(value) ? value[key] : undefined;
    let parent = merged;
    for (const key of keys.slice(0, -1)) {
      if (!isObject(parent[key])) parent[key] = {};
      parent = parent[key] as Record<string, unknown>;
    }
    const last = keys.at(-1);
    if (last === undefined) return structuredClone(next);
    parent[last] = structuredClone(value);
  }
  return merged as unknown as KioskConfig;
}

/**
 * Calls `onChange` with the new configuration when the file changes on disk.
 * Watches the folder, not the file: atomic writes replace the file's inode.
 * A file that cannot be read at all while the kiosk runs (an editor saving
 * half a file, a typo, a folder or a dangling link in its place) is ignored:
 * the running configuration stays and a warning is logged (still broken at
 * the next start, it is a problem). So is a file that went away. Nothing the
 * folder holds may end the process from the watcher's timer.
 */
export function watchConfig(
  dataDir: string,
  log: Logger,
  onChange: (config: KioskConfig) => void,
  debounceMs = 150,
  /** The kiosk's own writes (admin settings), already applied: not a change to report again. */
  ownWrite: (text: string) => boolean = () => false,
  schema: ConfigSchema = configSchema,
): () => void {
  const file = configPath(dataDir);
  let timer: NodeJS.Timeout | undefined;
  let last = watchedState(dataDir);
  const reread = () => {
    const now = watchedState(dataDir);
    if (sameState(now, last)) return;
    last = now;
    if (now.kind === 'gone') {
      log.warn({ file }, 'config.json is gone; keeping the running configuration (admin saves are refused until it is restored)');
      return;
    }
    if (now.kind === 'unreadable') {
      log.warn({ file, problem: now.problem }, `${describeConfigProblem(now.problem)}; keeping the running configuration`);
      return;
    }
    if (ownWrite(now.text)) return;
    const { config, warnings, problem } = parseConfigText(now.text, schema);
    if (problem) {
      log.warn({ file, problem }, `${describeConfigProblem(problem)}; keeping the running configuration`);
      return;
    }
    if (warnings.length > 0) log.warn({ file, warnings }, CONFIG_WARNINGS_MESSAGE);
    log.info('configuration file changed; reloaded');
    onChange(config);
  };
  const watcher: FSWatcher = watch(dataDir, (_event, name) => {
    if (name !== CONFIG_FILE_NAME) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      try {
        reread();
      } catch (error) {
        log.error({ err: error, file }, 'configuration change could not be read or applied; keeping the running configuration');
      }
    }, debounceMs);
  });
  watcher.on('error', (error) => log.error({ err: error }, 'configuration watcher failed'));
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}

type WatchedState = { kind: 'gone' } | { kind: 'unreadable'; problem: ConfigProblem } | { kind: 'text'; text: string };

function watchedState(dataDir: string): WatchedState {
  if (!configFilePresent(dataDir)) return { kind: 'gone' };
  const read = readConfigText(configPath(dataDir));
  return read.ok ? { kind: 'text', text: read.text } : { kind: 'unreadable', problem: read.problem };
}

function sameState(a: WatchedState, b: WatchedState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
