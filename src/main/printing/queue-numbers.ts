/**
 * Queue numbers: short, per kiosk and per local day, never repeated
 * within a day. `reserveQueueNumber` must run inside the transaction that
 * stores what the number is for; the counter row is the single source, so
 * concurrent or crashed transactions cannot hand out the same number.
 */
import type { Database } from '../db/database';

export function localDay(now: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function formatQueueNumber(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(3, '0')}`;
}

export function reserveQueueNumber(db: Database, options: { kioskName: string; prefix: string; now: Date; timeZone: string }): string {
  const day = localDay(options.now, options.timeZone);
  const next = db
    .prepare(
      `INSERT INTO queue_counter (kiosk_name, day, last) VALUES (?, ?, 1)
       ON CONFLICT (kiosk_name, day) DO UPDATE SET last = last + 1
       RETURNING last`,
    )
    .pluck()
    .get(options.kioskName, day) as number;
  return formatQueueNumber(options.prefix, next);
}
