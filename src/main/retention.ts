/**
 * How long personal data stays on the kiosk. Every hour (and once at start)
 * it removes what the configuration says is old enough:
 * - the personal fields of requests older than `sync.retentionDays`;
 * - PINs kept with held requests (for a technician's retry) older than
 *   `sync.pinMaxAgeHours`, like any other PIN, and the secrets of deleted rows;
 * - the virtual printer's slips older than the retention period (they carry names);
 * - the record of which letters were printed, after the same period.
 */
import type { Logger } from 'pino';
import type { KioskConfig } from './config/schema';
import type { OutboxStore } from './outbox/outbox-store';
import type { PrintingService } from './printing/printing-service';
import type { LetterPrintStore } from './letters/letter-prints';

export interface RetentionDeps {
  outbox: Pick<OutboxStore, 'purgePersonalData' | 'dropStaleSecrets' | 'scrubDeletedSecrets'>;
  printing: Pick<PrintingService, 'purgeOutput'>;
  letterPrints: Pick<LetterPrintStore, 'purge'>;
  config(): KioskConfig;
  log: Logger;
  now?: () => number;
}

export const RETENTION_INTERVAL_MS = 3_600_000;

export interface Retention {
  /** One purge now. */
  purge(): void;
  /** Purges now and then every hour; returns the stop function. */
  start(): () => void;
}

export function createRetention({ outbox, printing, letterPrints, config, log, now = Date.now }: RetentionDeps): Retention {
  function purge(): void {
    const { retentionDays, pinMaxAgeHours } = config().sync;
    const before = new Date(now() - retentionDays * 86_400_000);
    const purged = outbox.purgePersonalData(before);
    outbox.dropStaleSecrets(new Date(now() - pinMaxAgeHours * 3_600_000));
    outbox.scrubDeletedSecrets();
    if (purged > 0) log.info({ purged, retentionDays }, 'personal data of old requests removed');
    const prints = letterPrints.purge(before);
    if (prints > 0) log.info({ rows: prints }, 'old records of letter prints removed');
    const slips = printing.purgeOutput(before);
    if (slips > 0) log.info({ files: slips }, 'old virtual printer slips removed');
  }
  return {
    purge,
    start() {
      purge();
      const timer = setInterval(purge, RETENTION_INTERVAL_MS);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
