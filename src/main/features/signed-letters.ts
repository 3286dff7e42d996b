/**
 * "Surat Saya": the resident's issued letters, and printing the signed ones on
 * the A4 printer.
 */
import { fail } from '../../shared/result';
import type { Dispose, ResidentContext } from '../feature';

export type SignedLettersContext = Pick<ResidentContext, 'handle'>;

export const registerSignedLetters = (ctx: SignedLettersContext): Dispose => {
  ctx.handle('letters.issued', async () => fail('letter-printing-off'));
  ctx.handle('letters.file', async () => fail('letter-printing-off'));
  ctx.handle('letters.print', async () => fail('letter-printing-off'));
  return () => {};
};
