/**
 * NIK (Nomor Induk Kependudukan) rules, shared by the keypad screen and the core.
 *
 * Layout of a regular NIK: PP KK CC DDMMYY SSSS
 *   PP   province code (11..94)
 *   KK   regency/city, CC district
 *   DDMMYY birth date; women add 40 to the day (41..71)
 *   SSSS serial number
 * Temporary NIKs that OpenSID issues to residents without a Dukcapil NIK start
 * with 0 and carry no region or birth date, so only their length is checked.
 */

export const NIK_LENGTH = 16;

export type NikProblem = 'empty' | 'not-digits' | 'too-short' | 'too-long' | 'province' | 'birth-date';

export type NikCheck = { valid: true; temporary: boolean } | { valid: false; problem: NikProblem };

export function checkNik(input: string): NikCheck {
  const nik = input.trim();
  const problem = findProblem(nik);
  if (problem) return { valid: false, problem };
  return { valid: true, temporary: nik.startsWith('0') };
}

/**
 * What the message for a NIK problem shows (the locale files word it, `nik.<problem>`):
 * how many digits were typed and are missing, and the part that is wrong.
 */
export function nikProblemParams(input: string, problem: NikProblem): { problem: NikProblem; count: number; missing: number; part: string } {
  const nik = input.trim();
  return {
    problem,
    count: nik.length,
    missing: Math.max(0, NIK_LENGTH - nik.length),
    part: problem === 'province' ? nik.slice(0, 2) : problem === 'birth-date' ? nik.slice(6, 12) : '',
  };
}

export function isValidNik(input: string): boolean {
  return checkNik(input).valid;
}

function findProblem(nik: string): NikProblem | null {
  if (nik.length === 0) return 'empty';
  if (!/^\d+$/.test(nik)) return 'not-digits';
  if (nik.length < NIK_LENGTH) return 'too-short';
  if (nik.length > NIK_LENGTH) return 'too-long';
  if (nik.startsWith('0')) return null;
  const province = Number(nik.slice(0, 2));
  if (province < 11 || province > 94) return 'province';
  if (!isBirthDate(nik.slice(6, 12))) return 'birth-date';
  return null;
}

/** DDMMYY with women's days offset by 40. The century is unknown, so 29 Feb is
 * accepted when either 19YY or 20YY is a leap year. */
function isBirthDate(ddmmyy: string): boolean {
  let day = Number(ddmmyy.slice(0, 2));
  const month = Number(ddmmyy.slice(2, 4));
  const yy = Number(ddmmyy.slice(4, 6));
  if (day >= 41 && day <= 71) day -= 40;
  if (day < 1 || day > 31 || month < 1 || month > 12) return false;
  return [1900 + yy, 2000 + yy].some((year) => day <= daysInMonth(year, month));
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "3201234567890001" -> "320123******0001": first 6 and last 4 digits, as on receipts. */
export function maskNik(nik: string): string {
  if (nik.length <= 10) return '*'.repeat(nik.length);
  return nik.slice(0, 6) + '*'.repeat(nik.length - 10) + nik.slice(-4);
}

/** Masks every 16-digit run inside free text (log messages, error strings). */
export function maskNiksInText(text: string): string {
  return text.replace(/(?<!\d)\d{16}(?!\d)/g, maskNik);
}
