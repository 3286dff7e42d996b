/**
 * The resident's `arsip` rows as the kiosk keeps them (`opensid-api.md`,
 * "Issued letters"). What decides whether a letter may be printed is `tte`,
 * so it is read exactly: only the number 1 is "signed", only the number 0 is
 * "waiting for the signature", and JSON null is "not signed electronically".
 * Anything else (the string "1", true, 2, an absent key) is not a value this
 * API sends; it is read as null, the one state that never offers printing
 * (the resident is sent to the counter), and said once per listing in the
 * technician's log. Reading "1" as signed would print on a guess.
 */
import type { Logger } from 'pino';
import type { IssuedLetterRecord } from './types';
import { ISSUED_LETTER_ID } from '../../shared/signed-letters';

export interface RawIssuedLetter {
  id: string;
  attributes: {
    nomor_surat: string | null;
    jenis_surat: string | null;
    nama_pamong: string | null;
    tanggal: string | null;
    /** Absent in the answer: undefined. */
    tte?: unknown;
  };
}

/** A server id the kiosk passes back in a path (the rule is `shared/signed-letters.ts`, which the contract uses too). */

export function isLetterId(id: string): boolean {
  return ISSUED_LETTER_ID.test(id);
}

/** `tte` read exactly, or null with what was odd about it (for the log: a kind and a short value, never a row). */
export function readTte(value: unknown): { tte: 0 | 1 | null; odd: string | null } {
  if (value === 1) return { tte: 1, odd: null };
  if (value === 0) return { tte: 0, odd: null };
  if (value === null) return { tte: null, odd: null };
  if (value === undefined) return { tte: null, odd: 'absent' };
  if (typeof value === 'string') return { tte: null, odd: `string ${JSON.stringify(value.slice(0, 12))}` };
  if (typeof value === 'number' || typeof value === 'boolean') return { tte: null, odd: `${typeof value} ${String(value)}` };
  return { tte: null, odd: Array.isArray(value) ? 'array' : typeof value };
}

/**
 * The rows the kiosk keeps, newest (highest id) first: rows whose id is not
 * a string of digits are dropped (the kiosk could not ask for their file
 * safely), odd `tte` values become null. Both are said once, with counts.
 */
export function toIssuedLetters(rows: RawIssuedLetter[], log?: Logger): IssuedLetterRecord[] {
  const oddTte = new Map<string, number>();
  let droppedIds = 0;
  const letters: IssuedLetterRecord[] = [];
  for (const row of rows) {
    if (!isLetterId(row.id)) {
      droppedIds += 1;
      continue;
    }
    const { tte, odd } = readTte(row.attributes.tte);
    if (odd !== null) oddTte.set(odd, (oddTte.get(odd) ?? 0) + 1);
    letters.push({
      id: row.id,
      number: row.attributes.nomor_surat,
      letterName: row.attributes.jenis_surat,
      official: row.attributes.nama_pamong,
      date: row.attributes.tanggal,
      tte,
    });
  }
  if (oddTte.size > 0) {
    log?.warn(
      { oddTte: Object.fromEntries(oddTte) },
      'issued letters with a tte the API does not send (not 1, 0 or null): shown as not signed electronically, to be collected at the counter',
    );
  }
  if (droppedIds > 0) log?.warn({ droppedIds }, 'issued letters whose id is not a number: left out of the list');
  return letters.sort((a, b) => compareIdsDescending(a.id, b.id));
}

/** Digit strings compared as numbers (without converting: ids may pass 2^53), larger first. */
function compareIdsDescending(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return y.length - x.length;
  return x < y ? 1 : x > y ? -1 : 0;
}
