import type { TFunction } from 'i18next';
import type { CallError } from '../shared/result';
import { PHONE_PROBLEM } from '../shared/phone';

/**
 * What to show for a failed call, in the resident's language: the core sends
 * a code and the values its message needs (tries left, minutes to wait), and
 * the locale files word it (`errors.<code>`; a NIK problem uses the same
 * `nik.<problem>` texts as the keypad's own check).
 */
export function errorText(t: TFunction, error: CallError): string {
  const params = error.params ?? {};
  if (error.code === 'invalid-nik' && typeof params.problem === 'string') {
    return t(`nik.${params.problem}`, { ...params, defaultValue: t('errors.invalid-nik') });
  }
  // Why config.json refuses a save when it is not broken text (gone, a key written twice), then where it is broken.
  if (error.code === 'config-unreadable' && typeof params.reason === 'string') {
    return t(`errors.config-unreadable-${params.reason}`, { ...params, defaultValue: t('errors.config-unreadable') });
  }
  if (error.code === 'config-unreadable' && typeof params.line === 'number') return t('errors.config-unreadable-at', params);
  // Which problem the A4 printer reported (stopped, out of paper, offline...): the resident and the staff know what to fix.
  if (error.code === 'letter-printer-problem' && typeof params.status === 'string') {
    return t(`errors.letter-printer-problem-${params.status}`, { defaultValue: t('errors.letter-printer-problem') });
  }
  return t(`errors.${error.code}`, { ...params, defaultValue: t('errors.internal') });
}

/**
 * A field's problem code (the form's own check or the core's `validation`), in words. Screens keep
 * the code and call this when they draw, so a language switch rewords a problem already on screen.
 */
export function fieldProblemText(t: TFunction, problem: string): string {
  return problem === PHONE_PROBLEM ? t('form.phoneInvalid') : t(`field.${problem}`, { defaultValue: t('errors.validation') });
}
