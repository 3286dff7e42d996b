/**
 * Printing calls for the screens: the receipt after a request, reprints from
 * Permohonan Saya, queue tickets without sign-in, and the printer's status
 * (polled in the background, pushed as `printer.status`).
 */
import { fail, ok } from '../../shared/result';
import type { Feature } from '../feature';
import { LETTER_MESSAGES } from './letters';

export const PRINT_MESSAGES = {
  notYours: 'Bukti ini tidak dapat dicetak dari sesi ini.',
  purged: 'Data permohonan ini sudah dihapus sesuai masa simpan; bukti tidak dapat dicetak lagi. Silakan tanya petugas.',
} as const;

export const registerPrinting: Feature = (ctx) => {
  ctx.handle('printing.receipt', async ({ reference }) => {
    const session = ctx.session.current();
    const request = ctx.outbox.byReference(reference);
    // Only the resident who just made the request prints its receipt.
    if (!session || !request || request.residentNik !== session.nik) return fail('forbidden', PRINT_MESSAGES.notYours);
    const { outcome, status } = await ctx.printing.printReceipt(reference);
    return ok({ outcome, status });
  });

  ctx.handle('printing.reprint', async ({ reference }) => {
    const session = ctx.session.current();
    if (!session) return fail('session-required', LETTER_MESSAGES.sessionRequired);
    const request = ctx.outbox.byReference(reference);
    if (!request || request.residentNik !== session.nik) return fail('forbidden', PRINT_MESSAGES.notYours);
    const result = await ctx.printing.reprint(reference);
    if (result.outcome === 'unavailable') return fail('invalid-input', PRINT_MESSAGES.purged);
    return ok(result);
  });

  ctx.handle('printing.queueTicket', async () => ok(await ctx.printing.printQueueTicket()));

  ctx.handle('printing.status', () => ok({ status: ctx.printing.lastStatus() }));

  ctx.background(() => ctx.printing.startPolling((status) => ctx.emit('printer.status', { status })));

  return () => {};
};
