/**
 * The technician's desk for the outbox, one module for `adm outbox` and the
 * admin Permohonan screen: how a request looks to a technician, and what a
 * technician may do with it (send again or release, hold, adopt a server row,
 * send to the configured server, export), each audited with the request's
 * reference. Both offer only what can work: sending again needs the PIN or
 * session the request was made with; once the village server refused it (or
 * the PIN grew too old) the kiosk has deleted them, and a retry would only
 * park it again at once; then only the resident, at the kiosk, can make the
 * request again.
 */
import { stringify } from 'csv-stringify/sync';
import type { AdminOutboxRow, OutboxRetry } from '../../shared/admin-contract';
import { maskNik } from '../../shared/nik';
import { OUTBOX_STATE, type OutboxState } from '../../shared/outbox-states';
import { kioskRequestStatus } from '../../shared/request-status';
import { spreadsheetCell } from '../export/spreadsheet-cell';
import { outboxProblem } from './last-error';
import type { OutboxRequest, OutboxStore } from './outbox-store';

export interface OutboxActions {
  retry: OutboxRetry;
  /** Hold a waiting request (never one whose sending is in doubt: it may be on the server already). */
  park: boolean;
}

/** The note a request held by a technician carries. */
export const HELD_BY_TECHNICIAN = 'ditahan petugas';

/** Rows a technician is shown (and exports) at once, newest first. */
const SHOWN = 200;

/** `serverTarget`: the server requests are sent to now (null: none configured). */
export function outboxActions(request: OutboxRequest, hasCredentials: boolean, serverTarget: string | null): OutboxActions {
  const inDoubt = request.attemptMark !== null || request.attemptStartedAt !== null;
  return { retry: retryVerdict(request, hasCredentials, serverTarget), park: request.syncState === OUTBOX_STATE.pending && !inDoubt };
}

function retryVerdict(request: OutboxRequest, hasCredentials: boolean, serverTarget: string | null): OutboxRetry {
  switch (request.syncState) {
    case OUTBOX_STATE.synced:
      return 'sent';
    case OUTBOX_STATE.rejected:
      return 'wrong-pin';
    case OUTBOX_STATE.pending:
    case OUTBOX_STATE.parked:
      if (request.purgedAt !== null) return 'purged';
      if (!hasCredentials) return 'request-again';
      if (request.serverTarget !== null && serverTarget !== null && request.serverTarget !== serverTarget) return 'other-server';
      return 'allowed';
  }
}

export interface OutboxDeskOptions {
  store: OutboxStore;
  /** The server requests are sent to now (`village/server-target.ts`), or null. */
  serverTarget: () => string | null;
  audit: (actor: string, action: string, detail?: unknown) => void;
  /** Tell the sync worker a request may be sent now. */
  wake: () => void;
  clock?: () => Date;
}

export interface OutboxDesk {
  /** What a technician may see of a request: no PIN ever, the NIK masked, no answers. */
  view(request: OutboxRequest): AdminOutboxRow;
  row(reference: string): AdminOutboxRow | null;
  list(state: OutboxState | 'all'): AdminOutboxRow[];
  /** Send again now (releases a held one); otherwise says why not (`unknown`: no such reference). */
  retry(reference: string, actor: string): OutboxRetry | 'unknown';
  /** Hold a waiting request whose sending is not in doubt. */
  hold(reference: string, actor: string): boolean;
  /** This request in doubt is that server row (one of its candidates, not taken by another request). */
  adopt(reference: string, serverId: number, actor: string): boolean;
  /** Send a request held for another server to the configured one instead; false when none is configured or it cannot move. */
  retarget(reference: string, actor: string): boolean;
  export(state: OutboxState | 'all', format: 'csv' | 'json', actor: string): { fileName: string; mimeType: string; text: string };
}

export function createOutboxDesk(options: OutboxDeskOptions): OutboxDesk {
  const { store, audit } = options;
  const clock = options.clock ?? (() => new Date());

  function view(request: OutboxRequest): AdminOutboxRow {
    const target = options.serverTarget();
    const actions = outboxActions(request, store.hasCredentials(request.id), target);
    const problem = outboxProblem(request.lastError);
    const pending = request.syncState === OUTBOX_STATE.pending;
    return {
      reference: request.reference,
      createdAt: request.createdAt,
      letterName: request.letterName,
      resident: request.residentNik ? maskNik(request.residentNik) : null,
      state: request.syncState,
      verified: request.verified,
      attempts: request.attempts,
      nextAttemptAt: pending ? request.nextAttemptAt : null,
      lastError: request.lastError,
      problem,
      status: kioskRequestStatus(request.syncState, request.serverStatus, problem?.code === 'refused'),
      retry: actions.retry,
      serverId: request.serverId,
      serverStatus: request.serverStatus,
      candidates: request.candidates,
      heldForOtherServer: pending && request.serverTarget !== null && request.serverTarget !== target,
      purged: request.purgedAt !== null,
      canRetry: actions.retry === 'allowed',
      canPark: actions.park,
    };
  }

  function row(reference: string): AdminOutboxRow | null {
    const found = store.byReference(reference);
    return found ? view(found) : null;
  }

  function list(state: OutboxState | 'all'): AdminOutboxRow[] {
    return store.list({ state: state === 'all' ? undefined : state, limit: SHOWN }).map(view);
  }

  return {
    view,
    row,
    list,
    retry(reference, actor) {
      const request = store.byReference(reference);
      if (!request) return 'unknown';
      const { retry } = outboxActions(request, store.hasCredentials(request.id), options.serverTarget());
      if (retry !== 'allowed') return retry;
      if (!store.retry(reference)) return 'unknown';
      audit(actor, 'outbox.retry', { reference });
      options.wake();
      return 'allowed';
    },
    hold(reference, actor) {
      if (!store.parkByTechnician(reference, HELD_BY_TECHNICIAN)) return false;
      audit(actor, 'outbox.park', { reference });
      return true;
    },
    adopt(reference, serverId, actor) {
      if (!store.adopt(reference, serverId)) return false;
      audit(actor, 'outbox.adopt', { reference, serverId });
      return true;
    },
    retarget(reference, actor) {
      const target = options.serverTarget();
      if (target === null || !store.retarget(reference, target)) return false;
      audit(actor, 'outbox.retarget', { reference, target });
      return true;
    },
    export(state, format, actor) {
      const rows = list(state);
      audit(actor, 'outbox.export', { state, format, rows: rows.length });
      const stamp = clock().toISOString().slice(0, 10);
      if (format === 'json') return { fileName: `adm-permohonan-${stamp}.json`, mimeType: 'application/json', text: `${JSON.stringify(rows, null, 2)}\n` };
      const text = stringify(rows, {
        header: true,
        columns: ['reference', 'createdAt', 'letterName', 'resident', 'state', 'serverId', 'serverStatus', 'attempts', 'lastError'],
        cast: { string: spreadsheetCell, number: String, boolean: (value) => (value ? 'ya' : 'tidak') },
      });
      return { fileName: `adm-permohonan-${stamp}.csv`, mimeType: 'text/csv', text };
    },
  };
}
