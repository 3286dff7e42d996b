/**
 * The core's one dispatcher, made once per half of the contract (the
 * resident's calls, the technician's): it owns the half's handlers, and is
 * the single entry for that half's calls from any host. The name must be in
 * the table; the guard must admit the caller (the resident half has none, the
 * admin half asks for an admin session except on its public calls); the
 * input is parsed with the call's schema as `unknown`; and whatever happens
 * the caller gets a Result, never an exception: a full disk is
 * `storage-full`, anything else `internal`, logged with its cause.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import type { CallTable, TableCallName, TableInput, TableOutput, TableParsed } from '../shared/contract-table';
import { fail, type ErrorCode, type Result } from '../shared/result';
import { isStorageFull } from './db/database';

/** A call's handler: its parsed input, then what the guard gives it (who acted, the page it came from). */
export type Handler<T extends CallTable, N extends TableCallName<T>, Args extends unknown[]> = (
  input: TableParsed<T, N>,
  ...args: Args
) => Result<TableOutput<T, N>> | Promise<Result<TableOutput<T, N>>>;

/** The guard's answer: what the handler is given, or the refusal (its code, and the log line for it). */
export type Admission<Args extends unknown[]> = { ok: true; args: Args } | { ok: false; code: ErrorCode; message: string };

/** Who may make a half's calls, and what their handlers learn of the caller. */
export interface Guard<Caller, Args extends unknown[], PublicArgs extends unknown[]> {
  /** For every call but the public ones. */
  admit(caller: Caller): Admission<Args>;
  /** For the public calls: nothing is checked. */
  pass(caller: Caller): PublicArgs;
}

/** The resident half: anyone the host lets through may call, and handlers learn nothing of who. */
export const NO_GUARD: Guard<undefined, [], []> = {
  admit: () => ({ ok: true, args: [] }),
  pass: () => [],
};

export interface DispatcherOptions<T extends CallTable, P extends TableCallName<T>, Caller, Args extends unknown[], PublicArgs extends unknown[]> {
  table: { readonly [N in TableCallName<T>]: T[N] };
  isName(name: unknown): name is TableCallName<T>;
  guard: Guard<Caller, Args, PublicArgs>;
  /** The calls past the guard (none for a half without one). */
  publicNames: ReadonlySet<P>;
  /** Logged when a name is not in the table (the two halves say which half refused it). */
  unknownMessage: string;
  log: Logger;
}

export interface Dispatcher<T extends CallTable, P extends TableCallName<T>, Caller, Args extends unknown[], PublicArgs extends unknown[]> {
  /** Registers the handler of a call behind the guard; each call has one. */
  handle<N extends Exclude<TableCallName<T>, P>>(name: N, handler: Handler<T, N, Args>): void;
  /** Registers the handler of a public call. */
  handlePublic<N extends P>(name: N, handler: Handler<T, N, PublicArgs>): void;
  /** A call from a host: name and input as they arrived. */
  dispatch(name: unknown, input: unknown, caller: Caller): Promise<Result<unknown>>;
  /** The same, typed, from inside the core (one feature asking another). */
  call<N extends TableCallName<T>>(name: N, input: TableInput<T, N>, caller: Caller): Promise<Result<TableOutput<T, N>>>;
  /** The table's calls that have no handler yet. */
  unhandled(): string[];
}

type Entry<Caller> = (input: unknown, caller: Caller) => Promise<Result<unknown>>;

export function createDispatcher<T extends CallTable, P extends TableCallName<T>, Caller, Args extends unknown[], PublicArgs extends unknown[]>(
  options: DispatcherOptions<T, P, Caller, Args, PublicArgs>,
): Dispatcher<T, P, Caller, Args, PublicArgs> {
  const { table, guard, log } = options;
  const publicNames: ReadonlySet<string> = options.publicNames;
  const entries = new Map<string, Entry<Caller>>();

  function add(name: string, entry: Entry<Caller>): void {
    if (entries.has(name)) throw new Error(`two handlers for ${name}`);
    entries.set(name, entry);
  }

  async function parseAndRun<N extends TableCallName<T>>(
    name: N,
    input: unknown,
    run: (input: TableParsed<T, N>) => Result<unknown> | Promise<Result<unknown>>,
  ): Promise<Result<unknown>> {
    // zod's function form keeps the schema's own output type for a call of any table.
    const parsed = z.safeParse<T[N]['input']>(table[name].input, input);
    if (!parsed.success) {
      log.warn({ call: name, issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'invalid input refused');
      return fail('invalid-input');
    }
    try {
      return await run(parsed.data);
    } catch (error) {
      if (isStorageFull(error)) {
        log.error({ call: name, err: error }, 'penyimpanan penuh: the disk is full; nothing was stored');
        return fail('storage-full');
      }
      log.error({ call: name, err: error }, 'call failed');
      return fail('internal');
    }
  }

  async function dispatch(name: unknown, input: unknown, caller: Caller): Promise<Result<unknown>> {
    if (!options.isName(name)) {
      log.warn({ call: String(name).slice(0, 80) }, options.unknownMessage);
      return fail('unknown-call');
    }
    const entry = entries.get(name);
    // The core refuses to start with a call unhandled (`assertEveryCallHandled`); this is only a call made during the start.
    if (!entry) return parseAndRun(name, input, () => Promise.reject(new Error(`no handler for ${name}`)));
    return entry(input, caller);
  }

  return {
    handle(name, handler) {
      if (publicNames.has(name)) throw new Error(`${name} is a public call`);
      add(name, async (input, caller) => {
        const admission = guard.admit(caller);
        if (!admission.ok) {
          log.warn({ call: name }, admission.message);
          return fail(admission.code);
        }
        return parseAndRun(name, input, (parsed) => handler(parsed, ...admission.args));
      });
    },
    handlePublic(name, handler) {
      if (!publicNames.has(name)) throw new Error(`${name} is not a public call`);
      add(name, (input, caller) => parseAndRun(name, input, (parsed) => handler(parsed, ...guard.pass(caller))));
    },
    dispatch,
    // The handler registered for a name answers with its table's result type.
    call: (name, input, caller) => dispatch(name, input, caller) as Promise<Result<TableOutput<T, typeof name>>>,
    unhandled: () => Object.keys(table).filter((name) => !entries.has(name)),
  };
}

/** Every call of every half has a handler, or the core does not start. */
export function assertEveryCallHandled(...dispatchers: ReadonlyArray<{ unhandled(): string[] }>): void {
  const unhandled = dispatchers.flatMap((dispatcher) => dispatcher.unhandled());
  if (unhandled.length > 0) throw new Error(`contract calls without a handler: ${unhandled.join(', ')}`);
}
