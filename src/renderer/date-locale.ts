/**
 * The locale dates and times are written in for the screen's language:
 * Indonesian as Indonesians write it, English in day-month order (en-GB),
 * never the American month-first order.
 */
export function dateLocale(language: string): 'en-GB' | 'id-ID' {
  return language === 'en' ? 'en-GB' : 'id-ID';
}

/** A date and/or time in the screen's language. */
export function formatDateTime(language: string, value: Date | string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(dateLocale(language), options).format(new Date(value));
}
