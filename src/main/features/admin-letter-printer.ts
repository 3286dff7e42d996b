/** The Printer screen's "A4 / Surat" section. */
import { fail } from '../../shared/result';
import type { AdminContext, Dispose } from '../feature';

export type AdminLetterPrinterContext = Pick<AdminContext, 'handleAdmin'>;

export const registerAdminLetterPrinter = (ctx: AdminLetterPrinterContext): Dispose => {
  ctx.handleAdmin('admin.letterPrinter', async () => fail('letter-printing-off'));
  ctx.handleAdmin('admin.letterPrinterQueue', async () => fail('letter-printing-off'));
  ctx.handleAdmin('admin.letterPrinterTest', async () => fail('letter-printing-off'));
  ctx.handleAdmin('admin.letterPrintAllow', async () => fail('letter-printing-off'));
  return () => {};
};
