/**
 * The one owner of `letter_print`: how often each signed letter was printed
 * on this kiosk per local day, and the extra prints technicians allowed.
 *
 * The rule for "printed" is here and nowhere else: a print counts while its
 * job runs and after CUPS completed it, and also when CUPS never gave a final
 * word (`unknown`: the paper may have come out). A print that failed (stopped
 * printer, aborted, cancelled, or never handed to CUPS) does not count, so
 * the resident can try again once the printer is fixed.
 */
import type { Database } from '../db/database';
import type { LetterPrintFailure } from '../../shared/signed-letters';

/** How a print ended: completed, a failure as the resident is told, or never handed to CUPS. */
export type LetterPrintOutcome = 'completed' | LetterPrintFailure | 'not-submitted';

export interface LetterRef {
  /** The village server the letter belongs to (`village/server-target.ts`): ids are per server. */
  serverTarget: string;
  letterId: string;
  /** The kiosk's local day, YYYY-MM-DD. */
  day: string;
}

export interface TodayLetterPrints {
  letterId: string;
  prints: number;
  allowedExtra: number;
  /** The last print's outcome ("printing" while its job runs; "allowed" when the last row is an allowance). */
  lastOutcome: string;
  lastAt: string;
}

export interface LetterPrintStore {
  /** Prints still allowed for the letter that day. */
  printsLeft(letter: LetterRef, perDay: number): number;
  /** Takes one of the day's prints for a job about to start: its row id, or null when none is left. Atomic. */
  reserve(letter: LetterRef, perDay: number, actor: string): number | null;
  /** CUPS took the job. */
  submitted(id: number, jobId: number): void;
  finished(id: number, outcome: LetterPrintOutcome): void;
  /** A technician allows one more print of the letter that day. */
  allowAnother(letter: LetterRef, actor: string): void;
  /** The day's letters, newest first (the admin's list). */
  day(serverTarget: string | null, day: string): TodayLetterPrints[];
  /** Jobs the kiosk stopped following (a restart while one ran) end as `unknown`: they still count. */
  closeInterrupted(): number;
  /** Removes rows older than `before`; answers how many. */
  purge(before: Date): number;
}

const COUNTED = `kind = 'print' AND (outcome IS NULL OR outcome IN ('completed', 'unknown'))`;

export function createLetterPrintStore(db: Database): LetterPrintStore {
  const counts = db.prepare<[string, string, string], { printed: number; allowed: number }>(
    `SELECT COALESCE(SUM(CASE WHEN ${COUNTED} THEN 1 ELSE 0 END), 0) AS printed,
            COALESCE(SUM(CASE WHEN kind = 'allowance' THEN 1 ELSE 0 END), 0) AS allowed
       FROM letter_print WHERE server_target = ? AND letter_id = ? AND day = ?`,
  );
  const insert = db.prepare<[string, string, string, string, string]>(
    'INSERT INTO letter_print (server_target, letter_id, day, kind, actor) VALUES (?, ?, ?, ?, ?)',
  );
  const setJob = db.prepare<[number, number]>('UPDATE letter_print SET job_id = ? WHERE id = ?');
  const setOutcome = db.prepare<[string, number]>('UPDATE letter_print SET outcome = ? WHERE id = ? AND outcome IS NULL');
  const dayRows = db.prepare<[string, string | null, string | null], { letter_id: string; kind: string; at: string; outcome: string | null }>(
    `SELECT letter_id, kind, at, outcome FROM letter_print WHERE day = ? AND (? IS NULL OR server_target = ?) ORDER BY id DESC`,
  );
  const interrupted = db.prepare(`UPDATE letter_print SET outcome = 'unknown' WHERE kind = 'print' AND outcome IS NULL`);
  const old = db.prepare<[string]>('DELETE FROM letter_print WHERE at < ?');

  const left = (letter: LetterRef, perDay: number): number => {
    const row = counts.get(letter.serverTarget, letter.letterId, letter.day) ?? { printed: 0, allowed: 0 };
    return Math.max(0, perDay + row.allowed - row.printed);
  };
  const reserve = db.transaction((letter: LetterRef, perDay: number, actor: string): number | null => {
    if (left(letter, perDay) < 1) return null;
    return Number(insert.run(letter.serverTarget, letter.letterId, letter.day, 'print', actor).lastInsertRowid);
  });

  return {
    printsLeft: left,
    reserve: (letter, perDay, actor) => reserve.immediate(letter, perDay, actor),
    submitted: (id, jobId) => void setJob.run(jobId, id),
    finished: (id, outcome) => void setOutcome.run(outcome, id),
    allowAnother: (letter, actor) => void insert.run(letter.serverTarget, letter.letterId, letter.day, 'allowance', actor),
    day(serverTarget, day) {
      const byLetter = new Map<string, TodayLetterPrints>();
      for (const row of dayRows.all(day, serverTarget, serverTarget)) {
        let entry = byLetter.get(row.letter_id);
        if (!entry) {
          const lastOutcome = row.kind === 'allowance' ? 'allowed' : (row.outcome ?? 'printing');
          entry = { letterId: row.letter_id, prints: 0, allowedExtra: 0, lastOutcome, lastAt: row.at };
          byLetter.set(row.letter_id, entry);
        }
        if (row.kind === 'allowance') entry.allowedExtra += 1;
        else if (row.outcome === null || row.outcome === 'completed' || row.outcome === 'unknown') entry.prints += 1;
      }
      return [...byLetter.values()];
    },
    closeInterrupted: () => interrupted.run().changes,
    purge: (before) => old.run(before.toISOString()).changes,
  };
}
