/**
 * The admin's Permohonan screen: the outbox by state, each request's detail
 * (the NIK masked, never a PIN), send again, hold and release, the server
 * rows a request in doubt could be (choose one, or send it again), and an
 * export. Every action is audited with the request's reference.
 */
import { stringify } from 'csv-stringify/sync';
import type { AdminOutboxRow } from '../../shared/admin-contract';
import { maskNik } from '../../shared/nik';
import { fail, ok } from '../../shared/result';
import { spreadsheetCell } from '../export/spreadsheet-cell';
import type { Dispose, AdminContext } from '../feature';
import { outboxProblem } from '../outbox/last-error';
import { outboxActions, retryRequest } from '../outbox/outbox-actions';
import type { OutboxRequest, SyncState } from '../outbox/outbox-store';
import { kioskRequestStatus } from '../../shared/request-status';

const SHOWN = 200;

/** What this feature is handed by the composition root. */
export type AdminOutboxContext = Pick<AdminContext, 'audit' | 'handleAdmin' | 'log' | 'outbox' | 'serverTarget' | 'sync'>;

export const registerAdminOutbox = (ctx: AdminOutboxContext): Dispose => {
  const log = ctx.log('admin');

  ctx.handleAdmin('admin.outbox', ({ state }) =>
    ok({ counts: ctx.outbox.counts(), rows: list(ctx, state).map((row) => publicRow(ctx, row)), paused: ctx.sync.paused() }),
  );

  ctx.handleAdmin('admin.outboxAction', ({ reference, action }, actor) => {
    const done = action === 'retry' ? retryRequest(ctx.outbox, reference, ctx.serverTarget()) === 'allowed' : ctx.outbox.parkByTechnician(reference, 'ditahan petugas');
    if (!done) return fail('not-allowed');
    ctx.audit(actor ?? 'pin', action === 'retry' ? 'outbox.retry' : 'outbox.park', { reference });
    log.info({ reference, action }, 'outbox action by a technician');
    if (action === 'retry') ctx.sync.wake();
    return ok({ row: rowOf(ctx, reference) });
  });

  ctx.handleAdmin('admin.adopt', ({ reference, serverId }, actor) => {
    if (!ctx.outbox.adopt(reference, serverId)) return fail('not-allowed');
    ctx.audit(actor ?? 'pin', 'outbox.adopt', { reference, serverId });
    log.info({ reference, serverId }, 'technician chose the server row of a request in doubt');
    return ok({ row: rowOf(ctx, reference) });
  });

  ctx.handleAdmin('admin.syncPause', ({ paused }, actor) => {
    ctx.sync.setPaused(paused);
    ctx.audit(actor ?? 'pin', paused ? 'sync.paused' : 'sync.resumed');
    return ok({ paused: ctx.sync.paused() });
  });

  ctx.handleAdmin('admin.outboxExport', ({ state, format }, actor) => {
    const rows = list(ctx, state).map((row) => publicRow(ctx, row));
    ctx.audit(actor ?? 'pin', 'outbox.export', { state, format, rows: rows.length });
    const stamp = new Date().toISOString().slice(0, 10);
    if (format === 'json') return ok({ fileName: `adm-permohonan-${stamp}.json`, mimeType: 'application/json', text: `${JSON.stringify(rows, null, 2)}\n` });
    const text = stringify(rows, {
      header: true,
      columns: ['reference', 'createdAt', 'letterName', 'resident', 'state', 'serverId', 'serverStatus', 'attempts', 'lastError'],
      cast: { string: spreadsheetCell, number: String, boolean: (value) => (value ? 'ya' : 'tidak') },
    });
    return ok({ fileName: `adm-permohonan-${stamp}.csv`, mimeType: 'text/csv', text });
  });

  return () => {};
};

function list(ctx: AdminOutboxContext, state: SyncState | 'all'): OutboxRequest[] {
  return ctx.outbox.list({ state: state === 'all' ? undefined : state, limit: SHOWN });
}

function rowOf(ctx: AdminOutboxContext, reference: string): AdminOutboxRow | null {
  const row = ctx.outbox.byReference(reference);
  return row ? publicRow(ctx, row) : null;
}

/** What a technician may see of a request: no PIN ever, the NIK masked, no answers. */
function publicRow(ctx: AdminOutboxContext, row: OutboxRequest): AdminOutboxRow {
  const target = ctx.serverTarget();
  const actions = outboxActions(row, ctx.outbox.hasCredentials(row.id), target);
  const problem = outboxProblem(row.lastError);
  return {
    reference: row.reference,
    createdAt: row.createdAt,
    letterName: row.letterName,
    resident: row.residentNik ? maskNik(row.residentNik) : null,
    state: row.syncState,
    verified: row.verified,
    attempts: row.attempts,
    nextAttemptAt: row.syncState === 'pending' ? row.nextAttemptAt : null,
    lastError: row.lastError,
    problem,
    status: kioskRequestStatus(row.syncState, row.serverStatus, problem?.code === 'refused'),
    retry: actions.retry,
    serverId: row.serverId,
    serverStatus: row.serverStatus,
    candidates: row.candidates,
    heldForOtherServer: row.syncState === 'pending' && row.serverTarget !== null && row.serverTarget !== target,
    purged: row.purgedAt !== null,
    canRetry: actions.retry === 'allowed',
    canPark: actions.park,
  };
}
