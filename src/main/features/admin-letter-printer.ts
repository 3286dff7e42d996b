/**
 * The Printer screen's "A4 / Surat" section: the CUPS queues and their state,
 * which queue letters go to, a test page the kiosk makes itself, and today's
 * letter prints with the technician's "one more print" for a resident who
 * needs a second copy (audited).
 */
import type { AdminLetterPrinter } from '../../shared/admin-contract';
import { fail, ok } from '../../shared/result';
import type { LetterPrintState } from '../../shared/signed-letters';
import { FAILURE_FOR_STATUS } from '../../devices/document-printer/job-watch';
import { makeTestPage } from '../../devices/document-printer/test-page';
import type { AdminContext, Dispose } from '../feature';

export type AdminLetterPrinterContext = Pick<AdminContext, 'audit' | 'config' | 'handleAdmin' | 'letterPrinting' | 'log' | 'serverTarget'>;

export const registerAdminLetterPrinter = (ctx: AdminLetterPrinterContext): Dispose => {
  const log = ctx.log('admin');

  async function view(): Promise<AdminLetterPrinter> {
    const settings = ctx.config.current().letterPrinter;
    const choice = await ctx.letterPrinting.jobs.queueChoice();
    return {
      enabled: settings.enabled,
      configuredQueue: settings.queue,
      queueInUse: choice.queueInUse,
      defaultQueue: choice.defaultQueue,
      cupsReachable: choice.reachable,
      queues: choice.queues.map(({ queue, status, reasons, accepting, message }) => ({ queue, status, reasons, accepting, message })),
      media: settings.media,
      printsPerLetterPerDay: settings.printsPerLetterPerDay,
      today: ctx.letterPrinting.prints.day(ctx.serverTarget(), ctx.letterPrinting.today()),
    };
  }

  ctx.handleAdmin('admin.letterPrinter', async () => ok(await view()));

  ctx.handleAdmin('admin.letterPrinterQueue', async ({ queue }, actor) => {
    const config = ctx.config.current();
    const saved = await ctx.config.save(config, { ...config, letterPrinter: { ...config.letterPrinter, queue } }, actor);
    if (!saved.ok) return saved;
    log.info({ queue }, 'letter printer queue chosen');
    return ok(await view());
  });

  ctx.handleAdmin('admin.letterPrinterTest', async (_input, actor) => {
    const config = ctx.config.current();
    const choice = await ctx.letterPrinting.jobs.queueChoice();
    const pdf = await makeTestPage({ kioskName: config.kiosk.name, queue: choice.queueInUse ?? '-', media: config.letterPrinter.media, at: new Date() });
    const started = await ctx.letterPrinting.jobs.start({
      pdf,
      // The queue the page names is the one it goes to, even if the default changed in between.
      ...(choice.queueInUse === null ? {} : { queue: choice.queueInUse }),
      title: 'ADM halaman uji',
      actor,
      action: 'letter-printer.test',
      auditDetail: {},
      onState: () => {},
    });
    const state: LetterPrintState = started.ok ? await started.done : { phase: 'failed', reason: FAILURE_FOR_STATUS[started.status] };
    return ok({ state, jobId: started.ok ? started.jobId : null, letterPrinter: await view() });
  });

  ctx.handleAdmin('admin.letterPrintAllow', async ({ letterId }, actor) => {
    const serverTarget = ctx.serverTarget();
    if (serverTarget === null) return fail('no-server');
    // Only for a letter printed on this kiosk today: an allowance for any other id would wait for nobody.
    if (!ctx.letterPrinting.prints.day(serverTarget, ctx.letterPrinting.today()).some((entry) => entry.letterId === letterId)) return fail('not-allowed');
    ctx.letterPrinting.prints.allowAnother({ serverTarget, letterId, day: ctx.letterPrinting.today() }, actor);
    // The audit entry is the allowance row's twin, for the Catatan screen.
    ctx.audit(actor, 'letter.allowAnother', { letterId });
    return ok(await view());
  });

  return () => {};
};
