/**
 * What the signed-letter features share: the A4 printer, the record of
 * prints per letter and day (`letter-prints.ts`), the print jobs
 * (`letter-print-jobs.ts`) and the kiosk's local day the daily limit counts in.
 */
import type { Logger } from 'pino';
import type { KioskConfig } from '../config/schema';
import type { Database } from '../db/database';
import { localDay } from '../printing/queue-numbers';
import type { DocumentPrinter } from '../../devices/document-printer/types';
import { createCupsPrinter } from '../../devices/document-printer/cups-printer';
import { createLetterPrintJobs, type LetterPrintJobs } from './letter-print-jobs';
import { createLetterPrintStore, type LetterPrintStore } from './letter-prints';

export interface LetterPrinting {
  printer: DocumentPrinter;
  prints: LetterPrintStore;
  jobs: LetterPrintJobs;
  /** Today on the kiosk's clock, in its time zone (YYYY-MM-DD). */
  today(): string;
}

export interface LetterPrintingDeps {
  db: Database;
  /** Defaults to CUPS (`CUPS_SERVER`, else the local cupsd). */
  printer?: DocumentPrinter;
  config(): KioskConfig;
  audit(actor: string, action: string, detail?: unknown): void;
  log: Logger;
  now?: () => Date;
}

export function createLetterPrinting(deps: LetterPrintingDeps): LetterPrinting {
  const prints = createLetterPrintStore(deps.db);
  const interrupted = prints.closeInterrupted();
  if (interrupted > 0) deps.log.warn({ jobs: interrupted }, 'letter print jobs of an earlier run had no final word; counted as printed');
  const now = deps.now ?? (() => new Date());
  const printer = deps.printer ?? createCupsPrinter({ log: deps.log });
  return {
    printer,
    prints,
    jobs: createLetterPrintJobs({ printer, settings: () => deps.config().letterPrinter, audit: deps.audit, log: deps.log }),
    today: () => localDay(now(), deps.config().kiosk.timeZone),
  };
}
