/**
 * What a feature module gets from the composition root. A feature registers
 * its contract handlers with `handle`, pushes events with `emit`, and returns a
 * dispose function that the core calls on shutdown, in reverse order.
 */
import type { z } from 'zod';
import type { Logger } from 'pino';
import type { CallName, CallOutput, EventName, EventPayload, calls } from '../shared/contract';
import type { Handler } from './dispatcher';
import type { adminCalls, PublicAdminCallName, SessionAdminCallName } from '../shared/admin-contract';
import type { AdminAuth } from './admin/admin-auth';
import type { AdminCallArgs, AdminSessions, PublicAdminCallArgs } from './admin/admin-sessions';
import type { Result } from '../shared/result';
import type { ConfigHolder } from './config/running-config';
import type { AuditLog } from './logging/audit-log';
import type { OutboxStore } from './outbox/outbox-store';
import type { SyncWorker } from './outbox/sync-worker';
import type { VillageServer } from './village/types';
import type { ReferenceCache } from './village/reference-cache';
import type { SessionHolder } from './session/session-holder';
import type { PrintingService } from './printing/printing-service';
import type { CardHints, CardTaps } from './input/card-hints';
import type { StartInputSources } from '../devices/input/input-sources';
import type { ReaderLog } from './input/reader-log';
import type { RateLimiter } from './session/login-limiter';
import type { LetterPrinting } from './letters/letter-printing';
import type { MetricsReporter } from './metrics/metrics-reporter';

/** What the host can do for a technician: restart the app, or quit it (Electron: the app; web host: its process). */
export interface ShellControl {
  restart(): void;
  exit(): void;
}

export type CallHandler<N extends CallName> = Handler<typeof calls, N, []>;

/**
 * An admin call's handler also learns who made it: the session's actor ("pin", "card:<label>"), and the page it
 * came from (a session opened there is bound to it).
 */
export type AdminCallHandler<N extends SessionAdminCallName> = Handler<typeof adminCalls, N, AdminCallArgs>;

/** A public admin call's handler (`admin.state`, `admin.unlock`, `admin.setFirstPin`): no session, so no actor, only the page. */
export type PublicAdminCallHandler<N extends PublicAdminCallName> = Handler<typeof adminCalls, N, PublicAdminCallArgs>;

/**
 * What the composition root can hand a feature. A feature names the part it
 * uses (`Pick<ResidentContext, ...>`), so its signature is its dependency list;
 * resident features are handed a context without the admin services at all.
 */
export interface KioskServices {
  dataDir: string;
  outbox: OutboxStore;
  sync: SyncWorker;
  references: ReferenceCache;
  /** The resident's session, in memory only. */
  session: SessionHolder;
  printing: PrintingService;
  /** The A4 printer for signed letters, its print jobs and the prints per letter and day. */
  letterPrinting: LetterPrinting;
  /** Card UID -> NIK hints (keyed hashes) and the card tapped last. */
  cardHints: CardHints;
  cardTaps: CardTaps;
  /** Receipt look-ups, kiosk-wide (`session/receipt-lookups.ts`): a scan, a receipt's status, a sign-in with a receipt. */
  receiptLookups: RateLimiter;
  /** The readers' recent events and states, for the admin's Readers screen (memory only). */
  readerLog: ReaderLog;
  /** Starts the device readers the configuration names (real ones, or the fake a test gave). */
  inputSources: StartInputSources;
  /** The village server client, or null when none is configured (or the configuration cannot be read). */
  village(): VillageServer | null;
  /** Identity of that server, stored with every request (`village/server-target.ts`). */
  serverTarget(): string | null;
  /** Why the kiosk needs a technician before residents can use it (an unreadable configuration), or null. */
  needsTechnician(): string | null;
  /** The kiosk runs against the embedded demo village server. */
  demoMode: boolean;
  /** Null where nothing can restart the app (the CLI, tests without a host). */
  shell: ShellControl | null;
  config: ConfigHolder;
  log(subsystem: string): Logger;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Every event the core pushes, as it is pushed (for the admin's recent printer and reader changes). */
  observe(listener: (name: EventName, payload: unknown) => void): () => void;
  audit: AuditLog['record'];
  /** Work to start with the hosts' background tasks; returns its stop function (awaited when the core closes). */
  background(start: () => Dispose): void;
  /** An admin screen is open somewhere (the resident screens wait for it). */
  adminOpen(): boolean;
  /** The label of the technician card with this UID, or null when it is no technician's card. */
  technicianCard(uid: string): string | null;
  /** What the fleet metrics count (`metrics/metrics-reporter.ts`): sessions, letters, receipts, logins. */
  metrics: MetricsReporter;
  /** The port `/metrics` should listen on when another program holds it, else null. */
  metricsPortBusy(): number | null;
}

/** A resident feature: the kiosk's services and the resident half of the contract, nothing of admin. */
export interface ResidentContext extends KioskServices {
  handle<N extends CallName>(name: N, handler: CallHandler<N>): void;
}

/** An admin feature: the kiosk's services, the admin half of the contract and the admin services. */
export interface AdminContext extends KioskServices {
  /** The core checks the admin session before the handler runs. */
  handleAdmin<N extends SessionAdminCallName>(name: N, handler: AdminCallHandler<N>): void;
  /** The public admin calls, answered without a session. */
  handlePublicAdmin<N extends PublicAdminCallName>(name: N, handler: PublicAdminCallHandler<N>): void;
  /** A resident call, from inside the core (e.g. admin opening ends the resident's session). */
  call<N extends CallName>(name: N, input: z.input<(typeof calls)[N]['input']>): Promise<Result<CallOutput<N>>>;
  /** The admin PIN, its lock and the technician cards. */
  adminAuth: AdminAuth;
  adminSessions: AdminSessions;
  /** The audit log, newest first (the admin's Catatan screen). */
  recentAudit: AuditLog['recent'];
}

export type Dispose = () => void | Promise<void>;
export type ResidentFeature = (ctx: ResidentContext) => Dispose;
export type AdminFeature = (ctx: AdminContext) => Dispose;
