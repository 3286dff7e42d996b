/**
 * What a table of the contract is, for both halves (the resident's
 * `contract.ts`, the technician's `admin-contract.ts`): a spec per call name
 * with a zod input schema and a result type, a payload type per event. The
 * dispatcher in the core and the bridges in the preloads and the renderer are
 * written once over these types, so each half's function types follow from
 * its table. zod is imported for types only: the preloads bundle none of it.
 */
import type { z } from 'zod';
import type { Result } from './result';

/** A call: its input schema, plus a phantom type for its result. */
export interface CallSpec<Input extends z.ZodType, Output> {
  readonly input: Input;
  /** Never set at run time: carries the result type for the typed clients. */
  readonly output?: Output;
}

/** `call<Output>()(inputSchema)`: curried so the input type is inferred. */
export function call<Output>() {
  return <Input extends z.ZodType>(input: Input): CallSpec<Input, Output> => ({ input });
}

/** An event pushed by the core: only its payload type. */
export interface EventSpec<Payload> {
  readonly payload?: Payload;
}

export function event<Payload>(): EventSpec<Payload> {
  return {};
}

/** A half's calls: every name with its spec. */
export type CallTable = { readonly [name: string]: CallSpec<z.ZodType, unknown> };
/** A half's events: every name with its payload. */
export type EventTable = { readonly [name: string]: EventSpec<unknown> };

export type TableCallName<T extends CallTable> = keyof T & string;
/** What a caller passes (before the schema's defaults and transforms). */
export type TableInput<T extends CallTable, N extends TableCallName<T>> = z.input<T[N]['input']>;
/** What a handler receives (after the schema parsed it). */
export type TableParsed<T extends CallTable, N extends TableCallName<T>> = z.output<T[N]['input']>;
export type TableOutput<T extends CallTable, N extends TableCallName<T>> = Exclude<T[N]['output'], undefined>;
export type TablePayload<E extends EventTable, N extends keyof E & string> = Exclude<E[N]['payload'], undefined>;

/** One function per call of the table: what the renderer's screens call. */
export type BridgeCalls<T extends CallTable> = {
  readonly [N in TableCallName<T>]: (input: TableInput<T, N>) => Promise<Result<TableOutput<T, N>>>;
};

/** A subscription per event of the table; returns the unsubscribe. */
export type BridgeOn<E extends EventTable> = <N extends keyof E & string>(name: N, listener: (payload: TablePayload<E, N>) => void) => () => void;
