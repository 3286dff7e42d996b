/**
 * The admin's Permohonan screen: the outbox by state, each request's detail
 * (the NIK masked, never a PIN), send again, hold and release, the server
 * rows a request in doubt could be (choose one, or send it again), and an
 * export. What a technician sees and may do is the outbox desk's
 * (`outbox/outbox-actions.ts`), the same as `adm outbox`'s; every action is
 * audited there with the request's reference.
 */
import { fail, ok } from '../../shared/result';
import type { AdminContext, Dispose } from '../feature';
import { createOutboxDesk } from '../outbox/outbox-actions';

/** What this feature is handed by the composition root. */
export type AdminOutboxContext = Pick<AdminContext, 'audit' | 'handleAdmin' | 'log' | 'outbox' | 'serverTarget' | 'sync'>;

export const registerAdminOutbox = (ctx: AdminOutboxContext): Dispose => {
  const log = ctx.log('admin');
  const desk = createOutboxDesk({ store: ctx.outbox, serverTarget: ctx.serverTarget, audit: ctx.audit, wake: () => ctx.sync.wake() });

  ctx.handleAdmin('admin.outbox', ({ state }) => ok({ counts: ctx.outbox.counts(), rows: desk.list(state), paused: ctx.sync.paused() }));

  ctx.handleAdmin('admin.outboxAction', ({ reference, action }, actor) => {
    const done = action === 'retry' ? desk.retry(reference, actor) === 'allowed' : desk.hold(reference, actor);
    if (!done) return fail('not-allowed');
    log.info({ reference, action }, 'outbox action by a technician');
    return ok({ row: desk.row(reference) });
  });

  ctx.handleAdmin('admin.adopt', ({ reference, serverId }, actor) => {
    if (!desk.adopt(reference, serverId, actor)) return fail('not-allowed');
    log.info({ reference, serverId }, 'technician chose the server row of a request in doubt');
    return ok({ row: desk.row(reference) });
  });

  ctx.handleAdmin('admin.syncPause', ({ paused }, actor) => {
    ctx.sync.setPaused(paused);
    ctx.audit(actor, paused ? 'sync.paused' : 'sync.resumed');
    return ok({ paused: ctx.sync.paused() });
  });

  ctx.handleAdmin('admin.outboxExport', ({ state, format }, actor) => ok(desk.export(state, format, actor)));

  return () => {};
};
