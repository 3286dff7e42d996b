/**
 * Rules for the answers of a letter form generated from OpenSID's
 * `form_surat`, shared by the form screen and the core (which re-checks).
 * Values are strings as OpenSID stores them: dates `dd-mm-yyyy`, times
 * `HH:MM`, `hari` a weekday name, `hari-tanggal` "Senin, 01-12-2026".
 */
import type { LetterField } from './contract';

/**
 * A requirement answered "I bring the original to the office" instead of with
 * one of the resident's uploaded documents: OpenSID's own value for it.
 */
export const BRING_ORIGINAL = '-1';

export type FieldProblem = 'required' | 'number' | 'email' | 'url' | 'date' | 'time' | 'day' | 'option';

export const WEEKDAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'] as const;

export function validDate(value: string): boolean {
  const match = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value);
  if (!match) return false;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function checkField(field: LetterField, raw: string | undefined): FieldProblem | null {
  const value = (raw ?? '').trim();
  if (value === '') return field.required ? 'required' : null;
  switch (field.type) {
    case 'number':
      return /^\d+$/.test(value) ? null : 'number';
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? null : 'email';
    case 'url':
      return /^https?:\/\/[^\s.]+\.[^\s]+$/.test(value) ? null : 'url';
    case 'date':
      return validDate(value) ? null : 'date';
    case 'time':
      return /^([01]\d|2[0-3]):[0-5]\d$/.test(value) ? null : 'time';
    case 'hari':
      return (WEEKDAYS as readonly string[]).includes(value) ? null : 'day';
    case 'hari-tanggal': {
      const [day, date] = value.split(', ');
      return (WEEKDAYS as readonly string[]).includes(day ?? '') && validDate(date ?? '') ? null : 'date';
    }
    case 'select':
      return field.options.some((option) => option.value === value) ? null : 'option';
    default:
      return null;
  }
}

/** Problems by field name; empty when every answer is acceptable. */
export function checkAnswers(fields: LetterField[], answers: Record<string, string>): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  for (const field of fields) {
    const problem = checkField(field, answers[field.name]);
    if (problem) problems[field.name] = problem;
  }
  return problems;
}

/** "Senin, 01-12-2026" for a dd-mm-yyyy date. */
export function dayAndDate(date: string): string {
  const [day, month, year] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1)).getUTCDay();
  return `${WEEKDAYS[weekday]}, ${date}`;
}

/** The first required field without an answer, in the form's order: where a fresh or incomplete form opens. */
export function firstMissingField(fields: LetterField[], answers: Record<string, string>): string | null {
  return fields.find((f) => f.required && !(answers[f.name] ?? '').trim())?.name ?? null;
}

/**
 * Where the example of what to write for a field is worded: free text only
 * (choices, dates and numbers show what they take). The locales hold one per
 * field name OpenSID uses (`fieldExample.keperluan`: "untuk melamar
 * pekerjaan"); a field without one shows none.
 */
export function fieldExampleKey(field: LetterField): string | null {
  return field.type === 'text' || field.type === 'textarea' ? `fieldExample.${field.name}` : null;
}
