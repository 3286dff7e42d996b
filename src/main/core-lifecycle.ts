/**
 * The kiosk core's two moments after wiring (`core.ts`): the hosts' start of
 * the background work, and the close, in the order that loses nothing.
 */
import type { Logger } from 'pino';
import type { Dispose } from './feature';
import type { KioskCore } from './kiosk-core';

export interface CoreParts {
  /** The background work the features and the core asked for (`KioskServices.background`), started in order. */
  starters: ReadonlyArray<() => Dispose>;
  config: { stop(): void };
  sync: { start(): void; stop(): Promise<void> };
  retention: { start(): () => void };
  printing: { whenIdle(): Promise<void> };
  /** The features' dispose functions, in start order (closed in reverse). */
  disposers: readonly Dispose[];
  events: { clear(): void };
  db: { close(): void };
  log: Logger;
  logger: { close(): Promise<void> };
}

export function coreLifecycle(parts: CoreParts): Pick<KioskCore, 'startBackground' | 'close'> {
  let closed = false;
  const backgroundStops: Dispose[] = [];
  return {
    startBackground() {
      parts.sync.start();
      for (const start of parts.starters) backgroundStops.push(start());
      backgroundStops.push(parts.retention.start());
    },
    async close() {
      if (closed) return;
      closed = true;
      parts.config.stop();
      for (const stop of backgroundStops.splice(0)) await stop();
      await parts.sync.stop();
      await parts.printing.whenIdle(); // a receipt still printing finishes before the database closes
      for (const dispose of [...parts.disposers].reverse()) await dispose();
      parts.events.clear();
      parts.db.close();
      parts.log.info('kiosk core stopped');
      await parts.logger.close();
    },
  };
}
