/**
 * CSV files the kiosk writes are opened in the office's spreadsheet. A text
 * cell that starts like a formula (`=HYPERLINK(...)`, `+SUM(...)`, `@...`,
 * `-cmd|...`) would run as one there (OWASP "CSV injection"), and such text
 * reaches the kiosk from the village server (letter names, statuses, errors)
 * or from a technician's typing (a card's name). Such a cell gets a leading
 * single quote, which spreadsheets show as text.
 *
 * Also caught: the start after leading whitespace (an import that trims
 * spaces would expose it), a tab or carriage return first, and the full-width
 * ＝＋－＠ that some spreadsheets fold into their ASCII twins. A text cell
 * starting with `-` is neutralised even when it reads as a negative number
 * ("-5"): it is text from elsewhere.
 *
 * The file is comma-separated, but a spreadsheet in the Indonesian locale
 * splits at `;` (its list separator), an import may be told tabs, and one
 * told to ignore quotes splits at every separator and line break inside a
 * cell too. So a formula start after such a character inside the text
 * (`Surat X;=cmd|...`) gets its single quote as well, right after that
 * character (before any spaces or quotes a parser might swallow), and every
 * text cell is quoted, so that a parser that keeps to the quotes sees the
 * cell whole. Numeric columns are numbers, cast apart by the caller, and
 * never changed.
 */
import type { CastReturnObject } from 'csv-stringify';

const FORMULA_SIGNS = '=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20';
const FORMULA_START = new RegExp(`^[\\t\\r]|^\\s*[${FORMULA_SIGNS}]`, 'u');
/**
 * `,` or `;` (by locale), a tab or a line break (CR LF as one; the Unicode and vertical ones too), then a formula
 * sign behind spaces or quotes (not behind another line break: that one gets its own quote).
 */
const FORMULA_AFTER_SEPARATOR = new RegExp(`(\\r\\n|[,;\\t\\r\\n\\v\\f\\u0085\\u2028\\u2029])(?=(?:[^\\S\\r\\n\\v\\f\\u0085\\u2028\\u2029]|")*[${FORMULA_SIGNS}])`, 'gu');

export function neutraliseFormula(text: string): string {
  const inside = text.replace(FORMULA_AFTER_SEPARATOR, "$1'");
  return FORMULA_START.test(text) ? `'${inside}` : inside;
}

/** csv-stringify's `cast.string`: every text cell neutralised and quoted. */
export function spreadsheetCell(text: string): CastReturnObject {
  return { value: neutraliseFormula(text), quoted: true };
}
