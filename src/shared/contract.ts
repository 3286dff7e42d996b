/**
 * The one API contract between the UI and the kiosk core.
 *
 * The names live in `contract-names.ts` (no zod, so the preload and the
 * renderer stay small); `satisfies` below makes the compiler reject a name
 * without a spec or a spec without a name.
 *
 * Every call the renderer can make and every event the core pushes is listed
 * here, with a zod schema for its input. The Electron IPC bridge, the preload's
 * exposed object and the web host's WebSocket bridge are all generated from
 * these tables, and the channel names come only from `ipcChannel` below. The
 * core parses every input as `unknown` with the call's schema before use.
 */
import { z } from 'zod';
import type { Result } from './result';
import { NIK_LENGTH } from './nik';
import { PIN_LENGTH } from './pin';
import type { CallName, EventName } from './contract-names';

export { callNames, eventNames, ipcChannel, isCallName, isEventName } from './contract-names';
export type { CallName, EventName } from './contract-names';

/** A call: its input schema, plus a phantom type for its result. */
export interface CallSpec<Input extends z.ZodType, Output> {
  readonly input: Input;
  /** Never set at run time: carries the result type for the typed clients. */
  readonly output?: Output;
}

/** `call<Output>()(inputSchema)`: curried so the input type is inferred. */
function call<Output>() {
  return <Input extends z.ZodType>(input: Input): CallSpec<Input, Output> => ({ input });
}

/** An event pushed by the core: only its payload type. */
export interface EventSpec<Payload> {
  readonly payload?: Payload;
}

function event<Payload>(): EventSpec<Payload> {
  return {};
}

export type Locale = 'id' | 'en';

/** What the UI needs to draw itself; no personal data, safe on the attract screen. */
export interface KioskInfo {
  kioskName: string;
  village: { name: string | null; logoDataUrl: string | null };
  locale: Locale;
  timeZone: string;
  idle: { seconds: number; warningSeconds: number };
  screenPpi: number;
  serverConfigured: boolean;
}

/** The outbox as the UI may show it: counts only. */
export interface SyncStatus {
  pending: number;
  parked: number;
  /** False while the village server cannot be reached. */
  online: boolean;
}

export interface IdentifiedResident {
  name: string;
  maskedNik: string;
}

const noInput = z.object({}).strict();

export const calls = {
  /** Village identity and UI settings for the attract screen. */
  'kiosk.getInfo': call<KioskInfo>()(noInput),
  /** The resident finished typing NIK + PIN. */
  'session.identify': call<IdentifiedResident>()(
    z
      .object({
        nik: z.string().length(NIK_LENGTH),
        pin: z.string().regex(new RegExp(`^\\d{${PIN_LENGTH}}$`)),
      })
      .strict(),
  ),
  /** The UI returned to the attract screen: drop everything held for the resident. */
  'session.end': call<null>()(z.object({ reason: z.enum(['idle', 'cancel', 'done']) }).strict()),
} as const satisfies Record<CallName, CallSpec<z.ZodType, unknown>>;

export const events = {
  /** The configuration changed (a technician edited it): redraw with the new info. */
  'kiosk.infoChanged': event<KioskInfo>(),
  /** After every sync pass. */
  'sync.status': event<SyncStatus>(),
} as const satisfies Record<EventName, EventSpec<unknown>>;

export type CallInput<N extends CallName> = z.input<(typeof calls)[N]['input']>;
export type CallOutput<N extends CallName> = Exclude<(typeof calls)[N]['output'], undefined>;
export type EventPayload<E extends EventName> = Exclude<(typeof events)[E]['payload'], undefined>;


/**
 * What the renderer sees, whichever host it runs in: one function per call and
 * a subscription per event. The preload and the WebSocket client both build it.
 */
export type KioskBridge = {
  readonly calls: { readonly [N in CallName]: (input: CallInput<N>) => Promise<Result<CallOutput<N>>> };
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** WebSocket framing for the web host. */
export const wsRequest = z
  .object({ id: z.number().int().nonnegative(), call: z.string(), input: z.unknown() })
  .strict();
export type WsRequest = z.infer<typeof wsRequest>;

export type WsMessage =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; name: EventName; payload: unknown };
