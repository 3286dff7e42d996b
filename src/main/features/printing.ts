/**
 * Printing calls for the screens: the receipt after a request, reprints from
 * Permohonan Saya, queue tickets without sign-in, and the printer's status
 * (polled in the background, pushed as `printer.status`).
 *
 * Who may print what: a receipt only for a request made in this session; a
 * reprint for the signed-in resident's own requests, and in an offline session
 * (PIN not checked) only for what that session made. Queue tickets need no
 * sign-in, so they are rate-limited kiosk-wide.
 */
import { fail, ok } from '../../shared/result';
import type { Dispose, ResidentContext } from '../feature';
import { createRateLimiter } from '../session/login-limiter';
import type { ResidentSession } from '../session/session-holder';
import type { PrintResult } from '../printing/printing-service';
import type { ReceiptOutcome } from '../metrics/metrics-reporter';

function mayReprint(session: ResidentSession, request: { id: number; residentNik: string | null }): boolean {
  if (session.mode === 'offline') return session.requestIds.has(request.id);
  return request.residentNik === session.nik;
}

/**
 * A slip counts as printed when the printer took it: confirmed, or sent to a
 * printer that cannot confirm (most cheap ones; the slip almost always came out).
 */
function receiptOutcome(outcome: PrintResult['outcome']): ReceiptOutcome {
  return outcome === 'printed' || outcome === 'sent-unconfirmed' ? 'printed' : 'failed';
}

/** What this feature is handed by the composition root. */
export type PrintingContext = Pick<ResidentContext, 'background' | 'config' | 'emit' | 'handle' | 'log' | 'metrics' | 'outbox' | 'printing' | 'session'>;

export const registerPrinting = (ctx: PrintingContext): Dispose => {
  // The receipt itself is printed by `requests.submit` as soon as the request is stored.
  ctx.handle('printing.receiptState', ({ reference }) => {
    const session = ctx.session.current();
    const request = ctx.outbox.byReference(reference);
    // Only the resident who just made the request, in this session, hears about its receipt.
    if (!session || !request || !session.requestIds.has(request.id)) return fail('not-yours');
    const state = ctx.printing.receiptState(reference);
    if (state === 'printing') return ok({ printing: true });
    return ok({ printing: false, ...(state ?? { outcome: 'not-printed', status: null }) });
  });

  ctx.handle('printing.reprint', async ({ reference }) => {
    const session = ctx.session.current();
    if (!session) return fail('session-required');
    const request = ctx.outbox.byReference(reference);
    if (!request || !mayReprint(session, request)) return fail('not-yours');
    const result = await ctx.printing.reprint(reference);
    if (result.outcome === 'unavailable') return fail('purged');
    ctx.metrics.receiptPrinted(receiptOutcome(result.outcome));
    return ok(result);
  });

  const tickets = createRateLimiter({ max: () => ctx.config.current().printer.queueTicketsPerMinute, windowMs: () => 60_000 });
  ctx.handle('printing.queueTicket', async () => {
    const allowed = tickets.take();
    if (!allowed.allowed) {
      ctx.log('printing').warn('queue ticket refused: too many in a minute');
      return fail('tickets-rate-limited', { count: Math.max(1, allowed.retryInSeconds) });
    }
    const ticket = await ctx.printing.printQueueTicket();
    if (receiptOutcome(ticket.outcome) === 'printed') ctx.metrics.queueTicketPrinted();
    return ok(ticket);
  });

  ctx.handle('printing.status', () => ok({ status: ctx.printing.lastStatus() }));

  const stopStatus = ctx.printing.onStatusChange((status) => ctx.emit('printer.status', { status }));
  const stopReceipts = ctx.printing.onReceiptPrinted((reference, result) => {
    ctx.metrics.receiptPrinted(receiptOutcome(result.outcome));
    ctx.emit('printing.receipt', { reference, result });
  });
  ctx.background(() => ctx.printing.startPolling());

  return () => {
    stopStatus();
    stopReceipts();
  };
};
