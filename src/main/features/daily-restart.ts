/**
 * The optional daily restart (`kiosk.dailyRestartAt`, "HH:MM" in the kiosk's
 * time zone): a kiosk that runs for months restarts at a quiet hour, so a
 * slow leak or a wedged driver never builds up. It never interrupts anyone:
 * while a resident is signed in or admin is open it waits and looks again
 * every minute, for an hour at most, then leaves it for the next day.
 * The restart itself is the host's (`ShellControl`), the same one admin's
 * "Mulai ulang aplikasi" uses, so quitting drains the outbox first.
 */
import type { Dispose, ResidentContext } from '../feature';

const RECHECK_MS = 60_000;
/** After this long still busy, today's restart is skipped. */
const GIVE_UP_MS = 60 * 60_000;

/** The next instant after `nowMs` at which the wall clock in `timeZone` reads `hhmm`. */
export function nextRestartAt(nowMs: number, hhmm: string, timeZone: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number) as [number, number];
  const wall = wallClock(nowMs, timeZone);
  for (let day = 0; day <= 2; day++) {
    // The wanted wall-clock time on that day, read as UTC, then moved by the zone's offset at that moment.
    const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day + day, hours, minutes);
    const guess = asUtc - offsetMs(asUtc, timeZone);
    const at = asUtc - offsetMs(guess, timeZone);
    if (at > nowMs) return at;
  }
  throw new Error(`no ${hhmm} after ${new Date(nowMs).toISOString()} in ${timeZone}`);
}

function wallClock(atMs: number, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(new Date(atMs))
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  return parts;
}

/** How far the zone's wall clock is ahead of UTC at `atMs`. */
function offsetMs(atMs: number, timeZone: string): number {
  const w = wallClock(atMs, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(atMs / 1000) * 1000;
}

/** What this feature is handed by the composition root. */
export type DailyRestartContext = Pick<ResidentContext, 'adminOpen' | 'audit' | 'background' | 'config' | 'log' | 'session' | 'shell'>;

export const registerDailyRestart = (ctx: DailyRestartContext): Dispose => {
  const log = ctx.log('shell');
  ctx.background(() => {
    let timer: NodeJS.Timeout | null = null;
    const clear = () => {
      if (timer) clearTimeout(timer);
      timer = null;
    };
    const schedule = () => {
      clear();
      const { dailyRestartAt, timeZone } = ctx.config.current().kiosk;
      if (!dailyRestartAt || !ctx.shell) return;
      const at = nextRestartAt(Date.now(), dailyRestartAt, timeZone);
      log.info({ at: new Date(at).toISOString() }, 'daily restart scheduled');
      timer = setTimeout(() => attempt(at), at - Date.now());
    };
    const attempt = (dueAt: number) => {
      const busy = ctx.session.current() !== null ? 'a resident is signed in' : ctx.adminOpen() ? 'admin is open' : null;
      if (!busy) {
        ctx.audit('system', 'app.dailyRestart');
        log.info('daily restart');
        ctx.shell?.restart();
        // A restart that worked stops this timer with the rest of this start; one that
        // could not start anew leaves this start serving, and tomorrow's is tried again.
        schedule();
        return;
      }
      if (Date.now() - dueAt >= GIVE_UP_MS) {
        log.warn({ busy }, 'daily restart skipped today: the kiosk stayed in use');
        schedule();
        return;
      }
      log.info({ busy }, 'daily restart waits: the kiosk is in use');
      timer = setTimeout(() => attempt(dueAt), RECHECK_MS);
    };
    schedule();
    const stopWatching = ctx.config.onChange(schedule);
    return () => {
      stopWatching();
      clear();
    };
  });
  return () => {};
};
