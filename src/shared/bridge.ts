/**
 * The bridge over any transport, for either half of the contract: one
 * function per call name, each sending its input to the core and answering
 * the core's Result. The halves differ in parameters only: which names (and
 * so which table's types), how a call travels (Electron IPC, the web host's
 * WebSocket), and whether the bridge keeps a session (the admin half sends
 * the session `admin.unlock` opened with every later call, so the screens
 * never handle it). Free of zod and of either table, for the sandboxed
 * preloads.
 */
import type { BridgeCalls, CallTable, EventTable, TableCallName, TableOutput, TablePayload } from './contract-table';
import type { ErrorCode, Result } from './result';

/** Carries one call to the core: by name, with the session when the half keeps one. */
export type Send<N extends string = string> = (name: N, input: unknown, session: string | undefined) => Promise<Result<unknown>>;

/** How a half's bridge keeps its session (the admin half); the resident half keeps none. */
export interface SessionRule {
  /** Calls whose answer carries a new session (`{ session }`). */
  readonly opens: ReadonlySet<string>;
  /** Calls after which the session is gone, whatever the answer. */
  readonly ends: ReadonlySet<string>;
  /** The refusal that says the core no longer knows the session. */
  readonly refusedWith: ErrorCode;
}

/** The calls object a bridge exposes: frozen, so the page cannot add to it. */
export function createBridgeCalls<T extends CallTable>(
  names: readonly TableCallName<T>[],
  send: Send<TableCallName<T>>,
  sessions?: SessionRule,
): BridgeCalls<T> {
  let session: string | undefined;
  async function carry(name: TableCallName<T>, input: unknown): Promise<Result<unknown>> {
    if (!sessions) return send(name, input, undefined);
    const result = await send(name, input, session);
    if (result.ok && sessions.opens.has(name)) session = sessionOf(result.value);
    if (sessions.ends.has(name) || (!result.ok && result.error.code === sessions.refusedWith)) session = undefined;
    return result;
  }
  // The core answers each call with its table's result type; the wire itself carries untyped JSON.
  const one = <N extends TableCallName<T>>(name: N): BridgeCalls<T>[N] =>
    (input) => carry(name, input) as Promise<Result<TableOutput<T, N>>>;
  const calls: Partial<BridgeCalls<T>> = {};
  for (const name of names) calls[name] = one(name);
  // Complete: `names` lists exactly the table's keys (each table `satisfies` its names).
  return Object.freeze(calls) as BridgeCalls<T>;
}

/** An event subscription over a transport's listener, its payload typed by the events table. */
export function createBridgeOn<E extends EventTable>(
  listen: (name: keyof E & string, deliver: (payload: unknown) => void) => () => void,
): <N extends keyof E & string>(name: N, listener: (payload: TablePayload<E, N>) => void) => () => void {
  // The core pushes each event with its table's payload type.
  return (name, listener) => listen(name, (payload) => listener(payload as TablePayload<E, typeof name>));
}

function sessionOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && 'session' in value && typeof value.session === 'string' ? value.session : undefined;
}
