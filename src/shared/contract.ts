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
import type { ResidentLocalState } from './outbox-states';
import { z } from 'zod';
import type { PrinterStatus } from './device-status';
import { ISSUED_LETTER_ID, type IssuedLetters, type LetterFile, type LetterPrintState } from './signed-letters';
import type { Result } from './result';
import { NIK_LENGTH } from './nik';
import { PIN_LENGTH } from './pin';
import type { CallName, EventName } from './contract-names';
import { call, event, type BridgeCalls, type CallSpec, type EventSpec, type TableInput, type TableOutput, type TablePayload } from './contract-table';

export { callNames, eventNames, ipcChannel, isCallName, isEventName } from './contract-names';
export type { CallName, EventName } from './contract-names';
export type { CallSpec } from './contract-table';

export type Locale = 'id' | 'en';

/** Why the kiosk takes no sign-in (the `session.identify` error it would answer with). */
export type SignInRefusal = 'needs-technician' | 'server-not-configured';

/** What the UI needs to draw itself; no personal data, safe on the attract screen. */
export interface KioskInfo {
  kioskName: string;
  village: { name: string | null };
  locale: Locale;
  timeZone: string;
  idle: { seconds: number; warningSeconds: number };
  screenPpi: number;
  serverConfigured: boolean;
  /** Running against the embedded demo village server (a "MODE DEMO" badge shows). */
  demoMode: boolean;
  /** The kiosk cannot serve residents until a technician has fixed it (an unreadable configuration). */
  needsTechnician: boolean;
  /** Null: residents can sign in. Otherwise why not; the attract screen then offers no sign-in, only the queue ticket. */
  signInRefused: SignInRefusal | null;
  /** The village office's number, for residents without a phone (null: none known, the choice is not offered). */
  officePhone: string | null;
  /** Which languages the kiosk can speak (espeak-ng voices installed), and whether it speaks each screen's prompt by itself. */
  voice: { id: boolean; en: boolean; guidance: boolean };
  /** A technician has admin open: resident screens wait ("Kios sedang diatur petugas"). */
  adminOpen: boolean;
  /** The hidden way into admin: taps on the top-left corner within the seconds. */
  adminGesture: { taps: number; seconds: number };
}

/**
 * The attract screen's content: the village's public pictures and news from
 * the cached profile and articles, and the office's details from the
 * configuration. Nothing personal: no resident ever appears here.
 */
export interface AttractContent {
  /** The configured logo file, else the server's logo (cached). */
  logoDataUrl: string | null;
  gallery: Array<{ caption: string; dataUrl: string }>;
  /** Latest first; titles are plain text, images cached like the gallery. */
  articles: Array<{ title: string; date: string | null; imageDataUrl: string | null }>;
  officeAddress: string | null;
  officeHours: string | null;
  runningText: string | null;
}

/** The outbox as the UI may show it: counts only. */
export interface SyncStatus {
  pending: number;
  parked: number;
  /** False while the village server cannot be reached. */
  online: boolean;
}

export interface IdentifiedResident {
  /** Null while offline: the server has not confirmed who this is yet. */
  name: string | null;
  maskedNik: string;
  /** False: the server is unreachable; requests wait for verification. */
  online: boolean;
  /** Prefills the phone number on the request form. */
  phone: string | null;
}

export interface LetterField {
  type: string;
  name: string;
  label: string;
  required: boolean;
  placeholder: string | null;
  options: Array<{ label: string; value: string }>;
}

export interface LetterDefinition {
  id: number;
  /** OpenSID's internal code (S-41, 471.1): for staff and logs, never shown to residents. */
  code: string | null;
  name: string;
  /** How many requests for it this kiosk has taken: the usual letters come first. */
  timesRequested: number;
  fields: LetterField[];
  requirements: Array<{ id: number; name: string; documents: Array<{ label: string; value: string }> }>;
}

export interface LetterList {
  letters: LetterDefinition[];
  /** When the list was fetched from the server (it may come from the cache). */
  fetchedAt: string;
  fromCache: boolean;
}

export interface SubmittedRequest {
  reference: string;
  /** Reserved with the request; shown on screen whether or not the receipt prints. */
  queueNumber: string;
  letterName: string;
  createdAt: string;
  /** True when the resident signed in online; false: waiting for verification. */
  verified: boolean;
}

export interface MyRequest {
  /** Stable key for the list: the reference when known, else the server id. */
  key: string;
  letterName: string;
  submittedAt: string;
  reference: string | null;
  serverId: number | null;
  /** 0-5 on the server; null while only on this kiosk. */
  statusCode: number | null;
  /** Local state for requests the server does not have (yet). */
  localState: ResidentLocalState;
  cancellable: boolean;
}

export interface VillageInformation {
  profile: {
    title: string;
    officeAddress: string | null;
    district: string | null;
    regency: string | null;
    operatorPhone: string | null;
  } | null;
  /** News from the village website; `html` is sanitised (text formatting only). */
  articles: Array<{ id: number; title: string; html: string; createdAt: string }>;
  /** When the articles were fetched (they may come from the cache). */
  articlesFetchedAt: string | null;
  /** True when the news could not be fetched just now (offline session, server unreachable): the articles are the kiosk's stored copy. */
  articlesFromCache: boolean;
}

export type PrintOutcomeKind = 'printed' | 'sent-unconfirmed' | 'not-printed' | 'interrupted';

export interface PrintResult {
  outcome: PrintOutcomeKind;
  /** Why it did not print (paper-out, cover-open, offline, ...), when known. */
  status: PrinterStatus | null;
}

/** A scanned receipt's request, from this kiosk's record: no personal data. */
export interface ReceiptStatus {
  reference: string;
  letterName: string;
  createdAt: string;
  queueNumber: string | null;
  /** On this kiosk: not sent yet (waiting), held for staff (parked/rejected), or on the server (null). */
  localState: ResidentLocalState;
  /** The server's status when last seen (0-5), or null. */
  statusCode: number | null;
}

export type ReceiptState = { printing: true } | ({ printing: false } & PrintResult);

export interface MyRequests {
  items: MyRequest[];
  /** False when the server could not be asked: only this kiosk's requests are shown. */
  fromServer: boolean;
}

const noInput = z.object({}).strict();
/** An issued letter's id as the server's arsip list gives it (a string of digits). */
const letterId = z.string().regex(ISSUED_LETTER_ID);

export const calls = {
  /** Village identity and UI settings for the attract screen. */
  'kiosk.getInfo': call<KioskInfo>()(noInput),
  /** The resident finished typing NIK + PIN. */
  'session.identify': call<IdentifiedResident>()(
    z
      .object({
        nik: z.string().length(NIK_LENGTH),
        pin: z.string().regex(new RegExp(`^\\d{${PIN_LENGTH}}$`)),
        /**
         * A card the kiosk did not know was tapped before the NIK was typed: the resident's own, so this sign-in
         * may teach the kiosk its NIK. A tap later in the visit (a bystander's, during the PIN) never sets it.
         */
        cardTapped: z.boolean().optional(),
      })
      .strict(),
  ),
  /**
   * A scanned receipt's owner signs in with only the PIN: the core takes the
   * NIK from its record of that request (the screen never sees it), then the
   * resident's requests show their latest status from the server.
   */
  'session.identifyByReceipt': call<IdentifiedResident>()(
    z
      .object({
        reference: z.string().min(1).max(40),
        pin: z.string().regex(new RegExp(`^\\d{${PIN_LENGTH}}$`)),
      })
      .strict(),
  ),
  /** The letters the resident can request (from the server, or the cache when offline). */
  'letters.list': call<LetterList>()(noInput),
  /** Commit a request to the outbox; answers only after it is stored. */
  'requests.submit': call<SubmittedRequest>()(
    z
      .object({
        letterId: z.number().int().positive(),
        answers: z.record(z.string().max(100), z.string().max(2000)),
        requirements: z.record(z.string().regex(/^\d+$/), z.string().regex(/^-?\d+$/)),
        /** As typed or prefilled; the core normalises it (digits, +62 -> 0). Ignored with `noPhone`. */
        phone: z.string().trim().max(24),
        /** "Tidak punya nomor HP": the core uses the village office's number instead. */
        noPhone: z.boolean().default(false),
        note: z.string().max(1000).nullable(),
      })
      .strict(),
  ),
  /** The resident's requests: the server's, merged with this kiosk's not yet sent. */
  'requests.mine': call<MyRequests>()(noInput),
  /**
   * Where the receipt of a request made in this session stands. The core prints
   * it as soon as the request is stored; the screen shows "Mencetak bukti..."
   * until this (or the `printing.receipt` event) says how it went.
   */
  'printing.receiptState': call<ReceiptState>()(z.object({ reference: z.string().min(1).max(40) }).strict()),
  /** Print a receipt again, for the signed-in resident's own request. */
  'printing.reprint': call<PrintResult>()(z.object({ reference: z.string().min(1).max(40) }).strict()),
  /** A queue ticket for residents who only need the counter: no sign-in. */
  'printing.queueTicket': call<PrintResult & { queueNumber: string }>()(noInput),
  /** The printer's last known status (the attract screen shows a notice when out of paper). */
  'printing.status': call<{ status: PrinterStatus }>()(noInput),
  /**
   * A physical key press, captured before the page could act on it (web host).
   * Card readers and scanners type: the core tells their bursts from people.
   */
  'input.key': call<null>()(z.object({ key: z.string().min(1).max(32), atMs: z.number().finite().nonnegative() }).strict()),
  /** A scanned receipt: where its request stands, from this kiosk's record. */
  'requests.receiptStatus': call<ReceiptStatus>()(z.object({ reference: z.string().min(1).max(40) }).strict()),
  /** Village profile and news for "Informasi Desa" (from the server or the cache). */
  'village.info': call<VillageInformation>()(noInput),
  /** The resident cancels a request the office has not started on (the screen words the outcome). */
  'requests.cancel': call<null>()(z.object({ serverId: z.number().int().positive() }).strict()),
  /** "Tambah waktu": the signed-in session's time limit starts again from now. */
  'session.extend': call<{ secondsLeft: number }>()(noInput),
  /** A screen's spoken prompt (words from the locale files; digits refused): a WAV to play. */
  'voice.speak': call<{ audio: string; durationMs: number }>()(
    z.object({ text: z.string().min(1).max(400), language: z.enum(['id', 'en']) }).strict(),
  ),
  /** "Panggil petugas" from the help on a resident screen: logged for the office (the screen chimes and shows a notice). */
  'kiosk.attract': call<AttractContent>()(noInput),
  'kiosk.callStaff': call<{ calledAt: string }>()(z.object({ screen: z.string().regex(/^[a-zA-Z-]{1,24}$/) }).strict()),
  /**
   * "Surat Saya": the signed-in resident's issued letters, from the server (an
   * online session only: offline answers `needs-connection`). The core
   * remembers the ids it listed; only those can be fetched or printed.
   */
  'letters.issued': call<IssuedLetters>()(noInput),
  /** One listed letter's file, checked (PDF, size, pages), for the preview. Kept in memory for printing. */
  'letters.file': call<LetterFile>()(z.object({ id: letterId }).strict()),
  /**
   * Print one listed, signed letter on the A4 printer. Answers when CUPS took
   * the job (or why not); `letters.printStatus` then follows the job.
   */
  'letters.print': call<{ printId: string }>()(z.object({ id: letterId }).strict()),
  /** The UI returned to the attract screen: drop everything held for the resident. */
  'session.end': call<null>()(z.object({ reason: z.enum(['idle', 'cancel', 'done', 'admin']) }).strict()),
} as const satisfies Record<CallName, CallSpec<z.ZodType, unknown>>;

export const events = {
  /** The configuration changed (a technician edited it): redraw with the new info. */
  'kiosk.infoChanged': event<KioskInfo>(),
  /** New pictures or news cached, or the office details changed: fetch `kiosk.attract` again. */
  'kiosk.attractChanged': event<Record<string, never>>(),
  /** After every sync pass. */
  'sync.status': event<SyncStatus>(),
  /** The printer's status changed (polled while idle). */
  'printer.status': event<{ status: PrinterStatus }>(),
  /** A request's receipt finished printing (or failed), whoever started it. */
  'printing.receipt': event<{ reference: string; result: PrintResult }>(),
  /** The signed-in session reached its time limit: back to the start. */
  'session.expired': event<{ reason: 'time-limit' }>(),
  /** The session's time limit is near: the screen warns and offers "Tambah waktu". */
  'session.expiring': event<{ secondsLeft: number }>(),
  /** A card was tapped: the NIK it is known for on this kiosk, or null (unknown card). The PIN is still needed. */
  'input.card': event<{ nik: string | null }>(),
  /** A receipt of this kiosk was scanned. */
  'input.receipt': event<{ reference: string }>(),
  /** A registered technician card was tapped: the admin PIN screen opens (the card names who). */
  'input.technicianCard': event<{ label: string }>(),
  /** Admin opened or closed: resident screens wait while it is open. */
  'kiosk.adminChanged': event<{ open: boolean }>(),
  /** A letter's print job moved on (as CUPS reports it), until `completed` or `failed`. */
  'letters.printStatus': event<{ printId: string; letterId: string; state: LetterPrintState }>(),
} as const satisfies Record<EventName, EventSpec<unknown>>;

export type CallInput<N extends CallName> = TableInput<typeof calls, N>;
export type CallOutput<N extends CallName> = TableOutput<typeof calls, N>;
export type EventPayload<E extends EventName> = TablePayload<typeof events, E>;

/**
 * What the renderer sees, whichever host it runs in: one function per call and
 * a subscription per event. The preload and the WebSocket client both build it.
 */
export type KioskBridge = {
  readonly calls: BridgeCalls<typeof calls>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** WebSocket framing for the web host. */
export const wsRequest = z
  .object({
    id: z.number().int().nonnegative(),
    call: z.string(),
    input: z.unknown(),
    /** Admin calls only: the token `admin.unlock` gave. */
    session: z.string().max(200).optional(),
  })
  .strict();
export type WsRequest = z.infer<typeof wsRequest>;

export type WsMessage =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; name: EventName; payload: unknown };
