/**
 * The configuration the kiosk runs with, after start: what config.json said
 * (or why it could not be used), the technician's hand edits picked up by the
 * folder watcher, and the admin's saves. Every change is applied in one place
 * (`apply`): the problem flag, the log level, the audit record and the
 * listeners, in that order.
 */
import type { Logger } from 'pino';
import type { Result } from '../../shared/result';
import type { ConfigSchema, KioskConfig } from './schema';
import {
  changedConfigPaths,
  configFileProblem,
  configUnreadable,
  describeConfigProblem,
  mergeConfigChanges,
  saveConfigChanges,
  watchConfig,
  type ConfigFileState,
  type ConfigProblem,
  type LoadedConfig,
} from './store';

/** What features see of the configuration. */
export interface ConfigHolder {
  current(): KioskConfig;
  onChange(listener: (config: KioskConfig) => void): () => void;
  /** What the configuration is checked with (the usable ranges; shorter timings only in tests). */
  schema: ConfigSchema;
  /** Why config.json cannot be edited now (it cannot be parsed, or it is gone), or null: read from the file each time. */
  fileProblem(): ConfigProblem | null;
  /**
   * Writes the fields the caller changed (from `base`, the configuration it
   * read, to `next`) into the file, the rest of it kept as it is, and applies
   * it at once; audited as `actor`. Saves run one at a time, each on the
   * configuration the one before left: two at once both land. Refused (`config-unreadable`), nothing written and nothing
   * applied, when the file cannot be parsed, when the file the running
   * configuration came from is gone, or when the edit would not read as saved.
   */
  save(base: KioskConfig, next: KioskConfig, actor: string): Promise<Result<null>>;
}

export interface RunningConfig extends ConfigHolder {
  /** Why the configuration cannot be used (the kiosk needs a technician), or null. */
  problem(): ConfigProblem | null;
  /** The same problem as one sentence for screens, the log and `adm`, or null. */
  needsTechnician(): string | null;
  /** Stops watching the file. */
  stop(): void;
}

export interface RunningConfigOptions {
  dataDir: string;
  schema: ConfigSchema;
  /** What the start read from config.json. */
  initial: ConfigFileState;
  /** A problem found after the read (config.json gone from a kiosk that served residents), or null. */
  laterProblem: ConfigProblem | null;
  /** The kiosk served residents: its configuration came from a file even when the file is gone now. */
  servedResidents: boolean;
  log: Logger;
  /** Follows `logging.level` on every change. */
  setLogLevel(level: KioskConfig['logging']['level']): void;
  audit(actor: string, action: string, detail?: unknown): void;
  /** Reload the configuration when the file changes (hosts: yes; CLI: no). */
  watch: boolean;
}

export function createRunningConfig(options: RunningConfigOptions): RunningConfig {
  const { dataDir, schema, log, audit } = options;
  let config = options.initial.config;
  let problem = options.initial.problem ?? options.laterProblem;
  if (problem && !options.initial.problem) log.error(`PERLU PETUGAS: ${describeConfigProblem(problem)}`);

  const listeners = new Set<(config: KioskConfig) => void>();
  function apply(next: Pick<LoadedConfig, 'config' | 'problem'>, actor: string, action: string, detail?: unknown): void {
    if (problem && !next.problem) log.info('configuration readable again; the kiosk serves and sends again');
    problem = next.problem;
    config = next.config;
    options.setLogLevel(next.config.logging.level);
    audit(actor, action, detail);
    for (const listener of listeners) listener(next.config);
  }

  let ownWrite: string | null = null;
  // Each save reads the file and the running configuration only once the one before was written and applied.
  let saving: Promise<unknown> = Promise.resolve();
  function oneSaveAtATime<T>(work: () => Promise<T>): Promise<T> {
    const mine = saving.then(work, work);
    saving = mine.catch(() => undefined);
    return mine;
  }
  // Once the running configuration came from config.json, a save needs that file: a new one would hold the change alone.
  // A kiosk that served residents had one, even when it is gone at this start.
  const origin = { fromFile: options.initial.exists || options.servedResidents };

  const stop = options.watch
    ? watchConfig(
        dataDir,
        log,
        (next) => {
          origin.fromFile = true;
          apply({ config: next, problem: null }, 'technician', 'config.changed');
        },
        150,
        (text) => text === ownWrite,
        schema,
      )
    : () => {};

  return {
    current: () => config,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    schema,
    fileProblem: () => configFileProblem(dataDir, origin),
    save: (base, wanted, actor) =>
      oneSaveAtATime(async () => {
        const next = mergeConfigChanges(config, base, wanted);
        const changed = changedConfigPaths(config, next).map((keys) => keys.join('.'));
        const saved = await saveConfigChanges(dataDir, config, next, origin, schema);
        if (!saved.ok) {
          log.warn({ problem: saved.problem, fields: changed }, `${describeConfigProblem(saved.problem)}; settings not saved, the file is left as it is`);
          return configUnreadable(saved.problem);
        }
        ownWrite = saved.text;
        origin.fromFile = true;
        // What the file now says is what runs (a field it still gets wrong falls back, as at the next start).
        apply(saved.loaded, actor, 'config.saved', { fields: changed });
        return { ok: true, value: null };
      }),
    problem: () => problem,
    needsTechnician: () => (problem ? describeConfigProblem(problem) : null),
    stop,
  };
}
