/**
 * `letters.list`: the letters a resident can request. Fetched with the
 * resident's token when online (their own uploaded documents come with it and
 * stay in the session); otherwise, and whenever the server fails, from the
 * cache in SQLite, so the kiosk works through a dead link.
 */
import type { LetterDefinition } from '../../shared/contract';
import { sortLetters } from '../../shared/letter-catalog';
import { fail, ok } from '../../shared/result';
import type { Dispose, ResidentContext } from '../feature';
import type { LetterType } from '../village/types';

/** What this feature is handed by the composition root. */
export type LettersContext = Pick<ResidentContext, 'handle' | 'log' | 'outbox' | 'references' | 'session' | 'village'>;

export const registerLetters = (ctx: LettersContext): Dispose => {
  const log = ctx.log('letters');

  ctx.handle('letters.list', async () => {
    const session = ctx.session.current();
    if (!session) return fail('session-required');
    const village = ctx.village();
    if (session.mode === 'online' && village) {
      const fetched = await village.letterTypes(session.token);
      if (fetched.ok) {
        ctx.references.saveLetters(fetched.value.letters);
        session.documents = new Map(
          fetched.value.letters.flatMap((l) => l.requirements.map((r) => [r.id, r.documents] as const)),
        );
        if (fetched.value.unavailable.length > 0) {
          log.warn({ letters: fetched.value.unavailable }, 'the server could not build these letter forms; hidden');
        }
        return ok({ letters: definitions(fetched.value.letters), fetchedAt: new Date().toISOString(), fromCache: false });
      }
      log.warn({ error: fetched.error.kind }, 'letter types not fetched; using the cache');
    }
    const cached = ctx.references.letters();
    if (!cached) return fail('letters-unavailable');
    return ok({ letters: definitions(cached.value), fetchedAt: cached.fetchedAt, fromCache: true });
  });

  /** The usual letters first: this kiosk's own counts, then OpenSID's defaults by how often villages ask. */
  function definitions(letters: LetterType[]): LetterDefinition[] {
    const usage = ctx.outbox.letterUsage();
    return sortLetters(
      letters.map((letter) => ({
        id: letter.id,
        code: letter.code,
        name: letter.name,
        timesRequested: usage.get(letter.id) ?? 0,
        fields: letter.fields,
        requirements: letter.requirements,
      })),
    );
  }

  return () => {};
};
