/**
 * "Surat Saya": the signed-in resident's issued letters (`arsip`), a checked
 * file for the preview, and printing a signed one on the A4 printer.
 *
 * The server does not check who downloads a letter (`opensid-api.md`), so
 * this feature does: it remembers the ids the resident's own list showed in
 * this session and refuses any other id before anything leaves the kiosk.
 * The letter's file is held in memory only, for this session, until its
 * print job ends.
 */
import { randomUUID } from 'node:crypto';
import { maskNik } from '../../shared/nik';
import { fail, ok, type Result } from '../../shared/result';
import { LETTER_SIGNATURE, type IssuedLetter, type LetterPrintState, type LetterSignature } from '../../shared/signed-letters';
import type { Dispose, ResidentContext } from '../feature';
import { acceptLetterPdf } from '../letters/pdf-acceptance';
import type { LetterRef } from '../letters/letter-prints';
import type { OnlineSession, ResidentSession } from '../session/session-holder';
import type { IssuedLetterRecord, VillageServer } from '../village/types';

export type SignedLettersContext = Pick<ResidentContext, 'audit' | 'config' | 'emit' | 'handle' | 'letterPrinting' | 'log' | 'serverTarget' | 'session' | 'village'>;

/**
 * What one session knows of its letters: the ids its list showed, the file of
 * the letter being looked at, and the download under way (one at a time: a
 * page calling again and again must not pull the same file many times over).
 */
interface SessionLetters {
  listed: Map<string, IssuedLetterRecord>;
  held: { id: string; pdf: Uint8Array; pages: number } | null;
  downloading: Promise<unknown>;
}

const MIB = 1024 * 1024;

export const registerSignedLetters = (ctx: SignedLettersContext): Dispose => {
  const log = ctx.log('signed-letters');
  // Keyed by the session object: a new session (a new resident) starts with nothing, and what an ended
  // session held is dropped with it.
  const bySession = new WeakMap<ResidentSession, SessionLetters>();
  const lettersOf = (session: ResidentSession): SessionLetters => {
    let letters = bySession.get(session);
    if (!letters) {
      letters = { listed: new Map(), held: null, downloading: Promise.resolve() };
      bySession.set(session, letters);
    }
    return letters;
  };

  /** The online session and its village server, or the refusal. */
  function online(): Result<{ session: OnlineSession; village: VillageServer; serverTarget: string }> {
    const session = ctx.session.current();
    if (!session) return fail('session-required');
    const village = ctx.village();
    const serverTarget = ctx.serverTarget();
    if (session.mode !== 'online' || !village) return fail('needs-connection');
    if (serverTarget === null) return fail('no-server');
    return ok({ session, village, serverTarget });
  }

  /** A letter this session's list showed, signed, on a kiosk that prints letters; else why not. */
  function printableLetter(id: string): Result<{ session: OnlineSession; village: VillageServer; ref: LetterRef; letter: IssuedLetterRecord }> {
    const current = online();
    if (!current.ok) return current;
    const { session, village, serverTarget } = current.value;
    const letter = lettersOf(session).listed.get(id);
    if (!letter) {
      // Never asked of the server: it would hand any resident's letter to this token.
      log.warn({ letterId: id }, 'a letter that is not in the resident\'s own list was asked for; refused');
      return fail('not-yours');
    }
    if (!ctx.config.current().letterPrinter.enabled) return fail('letter-printing-off');
    if (letter.tte !== 1) return fail('letter-not-signed');
    return ok({ session, village, ref: { serverTarget, letterId: id, day: ctx.letterPrinting.today() }, letter });
  }

  /**
   * The letter's file for this session, once the downloads asked before it
   * ended: calls at the same time for one letter share one download.
   */
  function letterFile(session: OnlineSession, village: VillageServer, id: string): Promise<Result<{ pdf: Uint8Array; pages: number }>> {
    const letters = lettersOf(session);
    const file = letters.downloading.then(() => downloadedLetterFile(session, village, id));
    letters.downloading = file.catch(() => {});
    return file;
  }

  /** Downloads and checks the letter's file (or uses the one this session already checked). */
  async function downloadedLetterFile(session: OnlineSession, village: VillageServer, id: string): Promise<Result<{ pdf: Uint8Array; pages: number }>> {
    const letters = lettersOf(session);
    // The resident may have left while earlier downloads ran: nothing more is fetched with their token.
    if (ctx.session.current() !== session) return fail('session-required');
    if (letters.held?.id === id) return ok(letters.held);
    const maxBytes = Math.round(ctx.config.current().letterPrinter.maxLetterMegabytes * MIB);
    const download = await village.downloadLetter(session.token, id, maxBytes);
    if (!download.ok) {
      log.warn({ letterId: id, error: download.error.kind }, 'the letter could not be downloaded');
      if (download.error.kind === 'permanent' && download.error.status === 404) return fail('letter-file-missing');
      return fail('needs-connection');
    }
    const accepted = await acceptLetterPdf(download.value, { maxBytes });
    if (!accepted.ok) {
      log.warn({ letterId: id, problem: accepted.problem, detail: accepted.detail }, 'the letter file was not accepted');
      return fail(accepted.problem === 'missing' ? 'letter-file-missing' : 'letter-file-invalid');
    }
    // The session may have ended while the file came: it is then held by nobody, shown to nobody and
    // printed for nobody (the paper would wait in the tray for whoever comes next).
    if (ctx.session.current() !== session) {
      log.info({ letterId: id }, 'the letter came after the session ended; dropped');
      return fail('session-required');
    }
    letters.held = { id, pdf: accepted.pdf, pages: accepted.pages };
    return ok({ pdf: accepted.pdf, pages: accepted.pages });
  }

  ctx.handle('letters.issued', async () => {
    const current = online();
    if (!current.ok) return current;
    const { session, village, serverTarget } = current.value;
    const listed = await village.issuedLetters(session.token);
    if (!listed.ok) {
      log.warn({ error: listed.error.kind }, 'issued letters not listed by the server');
      return fail('needs-connection');
    }
    const letters = lettersOf(session);
    for (const record of listed.value) letters.listed.set(record.id, record);
    const settings = ctx.config.current().letterPrinter;
    const day = ctx.letterPrinting.today();
    // Newest first, as the client orders them (`village/issued-letters.ts`).
    const shown: IssuedLetter[] = listed.value.map((record) => {
      const signature = signatureOf(record.tte);
      return {
        id: record.id,
        number: record.number,
        name: record.letterName,
        official: record.official,
        date: record.date,
        signature,
        printable: signature === LETTER_SIGNATURE.signed && settings.enabled,
        printsLeftToday: ctx.letterPrinting.prints.printsLeft({ serverTarget, letterId: record.id, day }, settings.printsPerLetterPerDay),
      };
    });
    return ok({ letters: shown, printingOffered: settings.enabled });
  });

  ctx.handle('letters.file', async ({ id }) => {
    const letter = printableLetter(id);
    if (!letter.ok) return letter;
    const file = await letterFile(letter.value.session, letter.value.village, id);
    if (!file.ok) return file;
    return ok({ pdf: Buffer.from(file.value.pdf).toString('base64'), pages: file.value.pages });
  });

  ctx.handle('letters.print', async ({ id }) => {
    const letter = printableLetter(id);
    if (!letter.ok) return letter;
    const { session, village, ref } = letter.value;
    const perDay = ctx.config.current().letterPrinter.printsPerLetterPerDay;
    const auditDetail = { letterId: id, nik: maskNik(session.nik) };
    const audit = (outcome: string) => ctx.audit('resident', 'letter.print', { ...auditDetail, outcome });
    if (ctx.letterPrinting.prints.printsLeft(ref, perDay) < 1) {
      audit('limit');
      return fail('letter-print-limit', { count: perDay });
    }
    const file = await letterFile(session, village, id);
    if (!file.ok) {
      audit(file.error.code);
      return file;
    }
    // Taken before the printer is asked, so two taps at once cannot both print.
    const row = ctx.letterPrinting.prints.reserve(ref, perDay, 'resident');
    if (row === null) {
      audit('limit');
      return fail('letter-print-limit', { count: perDay });
    }
    const printId = randomUUID();
    let last: LetterPrintState = { phase: 'printing' };
    const report = (state: LetterPrintState) => {
      if (JSON.stringify(state) === JSON.stringify(last)) return;
      last = state;
      ctx.emit('letters.printStatus', { printId, letterId: id, state });
    };
    const started = await ctx.letterPrinting.jobs.start({
      pdf: file.value.pdf,
      title: `ADM surat ${id}`,
      actor: 'resident',
      action: 'letter.print',
      auditDetail,
      onState: report,
    });
    if (!started.ok) {
      ctx.letterPrinting.prints.finished(row, 'not-submitted');
      return fail('letter-printer-problem', { status: started.status });
    }
    ctx.letterPrinting.prints.submitted(row, started.jobId);
    void started.done.then((final) => {
      ctx.letterPrinting.prints.finished(row, final.phase === 'completed' ? 'completed' : final.phase === 'failed' ? final.reason : 'unknown');
      report(final);
      // The file is not kept once its job has ended.
      const letters = bySession.get(session);
      if (letters?.held?.id === id) letters.held = null;
    });
    return ok({ printId });
  });

  return () => ctx.letterPrinting.jobs.stop();
};

function signatureOf(tte: IssuedLetterRecord['tte']): LetterSignature {
  if (tte === 1) return LETTER_SIGNATURE.signed;
  if (tte === 0) return LETTER_SIGNATURE.waiting;
  return LETTER_SIGNATURE.counter;
}
