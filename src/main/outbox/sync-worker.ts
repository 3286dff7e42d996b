/**
 * The outbox worker's loop: when to send, not how. It runs passes over the
 * due requests, one request at a time through the send protocol
 * (`send-protocol.ts`: credentials, mark, submit, adopt, classify the
 * failure), and between passes waits: the poll interval, the next request's
 * due time, or (while the server is down) a backoff for the whole worker. A
 * technician may pause it; a new request wakes it; stopping lets the request
 * in flight finish. What the last pass found is published (`serverDown`) for
 * whoever tells the resident (the receipt's "Menunggu koneksi").
 *
 * Requests of one resident for one letter go strictly in order, so only one
 * of them can be in doubt at a time and adoption stays unambiguous.
 */
import type { Logger } from 'pino';
import { OUTBOX_STATE } from '../../shared/outbox-states';
import { backoffMs } from './backoff';
import { createLoginCache } from './login-cache';
import type { OutboxStore } from './outbox-store';
import { createSendProtocol, type SendSettings, type SyncOutcome, type SyncServer } from './send-protocol';

export type { SyncOutcome, SyncServer } from './send-protocol';

export interface SyncSettings extends SendSettings {
  pollSeconds: number;
}

export interface SyncPassSummary {
  attempted: number;
  synced: number;
  adopted: number;
  parked: number;
  rejected: number;
  deferred: number;
  serverDown: boolean;
  /** Why nothing was sent at all (the kiosk needs a technician), or null. */
  held: string | null;
  counts: ReturnType<OutboxStore['counts']>;
}

export interface SyncWorkerOptions {
  store: OutboxStore;
  /** The configured server, or null when none is set up. */
  server: () => SyncServer | null;
  /** A reason to send nothing at all (an unreadable configuration), or null. */
  hold?: () => string | null;
  settings: () => SyncSettings;
  log: Logger;
  clock?: () => Date;
  random?: () => number;
  /** Called after every pass (the UI shows the outbox state). */
  onPass?: (summary: SyncPassSummary) => void;
  /** Called for every request the pass sent or put off, with its outcome (the fleet metrics count them). */
  onAttempt?: (outcome: SyncOutcome) => void;
}

export interface SyncWorker {
  /** One pass over every due request. */
  runOnce(): Promise<SyncPassSummary>;
  /** Run passes until stopped; wakes early on `wake()`. */
  start(): void;
  /** A new request was committed: look now rather than at the next poll. */
  wake(): void;
  /** Let the request in flight finish, then stop. */
  stop(): Promise<void>;
  /** A technician paused sending (admin's outbox screen); the request in flight finishes first. */
  setPaused(paused: boolean): void;
  paused(): boolean;
  /** Whether the last finished pass found the village server unreachable (false before any). */
  serverDown(): boolean;
}

export function createSyncWorker(options: SyncWorkerOptions): SyncWorker {
  const { store, log } = options;
  const clock = options.clock ?? (() => new Date());
  const random = options.random ?? Math.random;
  const protocol = createSendProtocol({ store, settings: options.settings, logins: createLoginCache(), log, clock, random });
  let running = false;
  let stopping = false;
  let currentPass: Promise<SyncPassSummary | null> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let wakeUp: (() => void) | null = null;
  let downStreak = 0;
  let lastPassServerDown = false;

  async function runOnce(): Promise<SyncPassSummary> {
    const summary: SyncPassSummary = {
      attempted: 0,
      synced: 0,
      adopted: 0,
      parked: 0,
      rejected: 0,
      deferred: 0,
      serverDown: false,
      held: options.hold?.() ?? null,
      counts: store.counts(),
    };
    if (summary.held !== null) return summary;
    const server = options.server();
    if (!server) {
      summary.serverDown = store.counts().pending > 0;
      return summary;
    }
    const { requests, unreadable } = store.due(clock());
    for (const bad of unreadable) {
      summary.parked += 1;
      log.error({ id: bad.id, reference: bad.reference, reason: bad.reason }, 'unreadable request parked for a technician');
    }
    for (const request of requests) {
      if (stopping) break;
      // A request parked or rejected earlier in this pass (same PIN refused) is skipped.
      if (store.get(request.id)?.syncState !== OUTBOX_STATE.pending) continue;
      if (store.hasEarlierPendingSibling(request)) {
        summary.deferred += 1;
        options.onAttempt?.('deferred');
        continue;
      }
      const { outcome, alsoRejected } = await protocol.send(server, request);
      options.onAttempt?.(outcome);
      summary.rejected += alsoRejected;
      count(summary, outcome);
      if (outcome === 'server-down') {
        summary.serverDown = true;
        break;
      }
    }
    try {
      store.scrubDeletedSecrets();
    } catch (error) {
      log.warn({ err: error }, 'WAL checkpoint after deleting secrets failed; it is tried again after the next pass');
    }
    summary.counts = store.counts();
    lastPassServerDown = summary.serverDown;
    options.onPass?.(summary);
    return summary;
  }

  let paused = false;

  async function loop(): Promise<void> {
    while (running) {
      if (paused) {
        await new Promise<void>((resolve) => (wakeUp = resolve));
        wakeUp = null;
        continue;
      }
      currentPass = runOnce().catch((error: unknown) => {
        log.error({ err: error }, 'sync pass failed');
        return null;
      });
      const summary = await currentPass;
      currentPass = null;
      if (!running) break;
      const s = options.settings();
      // A pass that failed as a whole backs off like a server that is down.
      downStreak = summary === null || summary.serverDown ? downStreak + 1 : 0;
      // While the server is down the whole worker backs off, not each request.
      let waitMs = downStreak > 0 ? backoffMs(downStreak, s.baseDelaySeconds * 1000, s.maxDelaySeconds * 1000, random) : s.pollSeconds * 1000;
      const next = summary?.held ? null : store.nextDueAt();
      if (next !== null && downStreak === 0) waitMs = Math.min(waitMs, Math.max(0, Date.parse(next) - clock().getTime()));
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        timer = setTimeout(resolve, waitMs);
      });
      wakeUp = null;
    }
  }

  return {
    runOnce,
    setPaused(next) {
      if (paused === next) return;
      paused = next;
      log.info(paused ? 'sending paused by a technician' : 'sending resumed');
      if (!paused) wakeUp?.();
    },
    paused: () => paused,
    serverDown: () => lastPassServerDown,
    start() {
      if (running) return;
      running = true;
      stopping = false;
      void loop();
    },
    wake() {
      downStreak = 0;
      if (timer) clearTimeout(timer);
      wakeUp?.();
    },
    async stop() {
      running = false;
      stopping = true;
      if (timer) clearTimeout(timer);
      wakeUp?.();
      await currentPass;
    },
  };
}

/** A request counts as attempted unless it was only put off. */
function count(summary: SyncPassSummary, outcome: SyncOutcome): void {
  if (outcome === 'synced') summary.synced += 1;
  else if (outcome === 'adopted') summary.adopted += 1;
  else if (outcome === 'parked') summary.parked += 1;
  else if (outcome === 'rejected') summary.rejected += 1;
  else if (outcome === 'deferred') summary.deferred += 1;
  if (outcome !== 'deferred') summary.attempted += 1;
}
