import type { TFunction } from 'i18next';
import type { CallError } from '../shared/result';

/**
 * What to show for a failed call. The core words its messages in Bahasa
 * Indonesia with the details that matter (tries left, minutes to wait), so
 * in Indonesian they are shown as they are; other languages get the keyed
 * text for the error code.
 */
export function errorText(t: TFunction, language: string, error: CallError): string {
  if (language === 'id') return error.message;
  return t(`errors.${error.code}`, { defaultValue: error.message });
}
