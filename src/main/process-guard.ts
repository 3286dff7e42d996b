/**
 * The kiosk process must outlive any one failure: an exception nobody caught
 * or a promise nobody awaited is logged (with its stack, for a technician) and
 * the kiosk goes on serving. Both hosts install this first thing.
 */
import type { Logger } from 'pino';

interface ProcessEvents {
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/** `log` may be a function: the web host's restart replaces the core, and with it the log to write to. */
export function installProcessGuards(log: Logger | (() => Logger), target: ProcessEvents = process): void {
  const current = typeof log === 'function' ? log : () => log;
  target.on('uncaughtException', (error) => {
    current().error({ err: error }, 'uncaught exception; the kiosk keeps running');
  });
  target.on('unhandledRejection', (reason) => {
    current().error({ err: reason }, 'unhandled promise rejection; the kiosk keeps running');
  });
}
