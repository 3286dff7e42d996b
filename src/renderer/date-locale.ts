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

// The village server writes its own dates (articles) as the village's wall-clock time without a zone
// ("2026-11-25 16:30:00"); a zone designator ("...Z", "+07:00") makes a string an instant instead.
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * A moment as residents read it, "25 November 2026, 16.30" ("25 November 2026,
 * 16:30" in English): an instant (a Date, or a string with its zone) in the
 * kiosk's time zone; the server's wall-clock strings as the village's clock
 * showed them (the village is where the kiosk stands). Anything that is no
 * real date ("0000-00-00 00:00:00", "", garbage) gives "": nothing shown
 * rather than nonsense.
 */
export function formatDateAndTime(language: string, value: Date | string, timeZone: string): string {
  const moment = typeof value === 'string' ? readMoment(value, timeZone) : { date: value, timeZone, withTime: true };
  if (moment === null || Number.isNaN(moment.date.getTime())) return '';
  const locale = dateLocale(language);
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: moment.timeZone }).format(moment.date);
  if (!moment.withTime) return day;
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: moment.timeZone }).format(moment.date);
  return `${day}, ${time}`;
}

function readMoment(value: string, timeZone: string): { date: Date; timeZone: string; withTime: boolean } | null {
  const text = value.trim();
  if (INSTANT.test(text)) return { date: new Date(text), timeZone, withTime: true };
  const parts = WALL_CLOCK.exec(text);
  if (!parts) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = parts.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  if (year === undefined || month === undefined || day === undefined || year < 1) return null;
  // The wall clock kept as UTC fields, shown in UTC: exactly as written, whatever zone this machine is set to.
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const asWritten =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
  return asWritten ? { date, timeZone: 'UTC', withTime: parts[4] !== undefined } : null;
}
