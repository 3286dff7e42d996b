/**
 * How the kiosk's features count what happens for the fleet metrics
 * (`fleet-metrics.ts`): one typed call per event, never a metric, a label or
 * `prom-client` itself. What a feature may say is a closed list, so no
 * resident's data can become a label: a session's kind, a letter type's slug
 * (bounded by the reporter), an outcome word.
 */
import type { SyncOutcome } from '../outbox/sync-worker';

export type SessionKind = 'online' | 'offline';
export type ReceiptOutcome = 'printed' | 'failed';
/**
 * An admin unlock: `success` (admin opened, with the PIN or the first PIN
 * set on a new kiosk), `wrong-pin`, `locked` (refused while the lock lasts),
 * `not-set` (no PIN to check against), `refused` (a first PIN offered where
 * none may be set on the screen, or too weak).
 */
export type AdminLoginOutcome = 'success' | 'wrong-pin' | 'locked' | 'not-set' | 'refused';

export interface MetricsReporter {
  /** A resident signed in: checked at the server (`online`) or not (`offline`). */
  sessionStarted(kind: SessionKind): void;
  /** A session ended by the idle or session timer with no request made. */
  sessionAbandoned(): void;
  /** A request written to the outbox, by its letter type's slug. */
  letterSubmitted(slug: string): void;
  receiptPrinted(outcome: ReceiptOutcome): void;
  queueTicketPrinted(): void;
  /** One send attempt of the sync worker, by its outcome. */
  syncAttempt(outcome: SyncOutcome): void;
  adminLogin(outcome: AdminLoginOutcome): void;
}

/** Counts nothing: for code run without the core's metrics (tools, tests of one module). */
export const silentReporter: MetricsReporter = {
  sessionStarted: () => {},
  sessionAbandoned: () => {},
  letterSubmitted: () => {},
  receiptPrinted: () => {},
  queueTicketPrinted: () => {},
  syncAttempt: () => {},
  adminLogin: () => {},
};
