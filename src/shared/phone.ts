/**
 * Indonesian phone numbers as the village server and the kiosk keep them:
 * digits only, national form. The server's own records are often written
 * "0813 2222 0006" or "+62 813-2222-0006"; the kiosk normalises before it
 * shows or sends a number, so a prefilled number is never refused.
 */
export const PHONE_MIN_DIGITS = 8;
export const PHONE_MAX_DIGITS = 15;

export function normalisePhone(raw: string | null | undefined): string {
  if (!raw) return '';
  const digits = raw.replace(/\D/g, '');
  // +62 / 62 is Indonesia's country code: 62 813... is 0813...
  if (/^\s*\+?62/.test(raw) && digits.startsWith('62')) return `0${digits.slice(2)}`;
  return digits;
}

export function isValidPhone(phone: string): boolean {
  return new RegExp(`^\\d{${PHONE_MIN_DIGITS},${PHONE_MAX_DIGITS}}$`).test(phone);
}

/** The phone number's problem code in a `validation` error's fields (the core's check and the form's own). */
export const PHONE_PROBLEM = 'phone';
