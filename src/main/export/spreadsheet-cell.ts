/**
 * CSV files the kiosk writes are opened in the office's spreadsheet. A text
 * cell that starts like a formula (`=HYPERLINK(...)`, `+SUM(...)`, `@...`,
 * `-cmd|...`) would run as one there (OWASP "CSV injection"), and such text
 * reaches the kiosk from the village server (letter names, statuses, errors)
 * or from a technician's typing (a card's name). Such a cell gets a leading
 * single quote, which spreadsheets show as text, and stays inside quotes.
 *
 * Also caught: the start after leading whitespace (an import that trims
 * spaces would expose it), a tab or carriage return first, and the full-width
 * ＝＋－＠ that some spreadsheets fold into their ASCII twins. A text cell
 * starting with `-` is quoted even when it reads as a negative number ("-5"):
 * it is text from elsewhere. Numeric columns are numbers, cast apart by the
 * caller, and never changed.
 */
import type { CastReturnObject } from 'csv-stringify';

const FORMULA_START = /^[\t\r]|^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** csv-stringify's `cast.string`: a neutralised cell is always quoted. */
export function spreadsheetCell(text: string): string | CastReturnObject {
  const safe = neutraliseFormula(text);
  return safe === text ? text : { value: safe, quoted: true };
}
