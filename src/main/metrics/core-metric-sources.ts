/**
 * Where each fleet gauge reads from in a running kiosk core, at scrape time:
 *
 * - `adm_info`: the app's version and `kioskIdentity` of the running
 *   configuration and the cached village profile (a changed config.json or a
 *   newly fetched profile shows at the next scrape).
 * - receipt printer: the printing service's last polled state (never a new
 *   query: a scrape must not wait behind a slip being printed).
 * - A4 printer (only while `letterPrinter.enabled`): its CUPS queue's state,
 *   asked at each scrape with a short time limit ("unknown" when CUPS does
 *   not answer); paper near end from its `media-low` reason.
 * - outbox: COUNT / MIN / MAX queries of the outbox store, never its rows.
 * - last successful sync: the newest delivered request's time in the outbox
 *   (rows are never deleted, so it survives a restart).
 * - readers: the reader log's last state per configured reader.
 * - needs technician: the Status screen's own rule (`admin/technician-notices.ts`).
 *   Two of its facts cost more than a scrape should: asking the village
 *   server, and opening every sealed secret. They are refreshed at most every
 *   few minutes; the server check runs beside the scrape, never inside it.
 * - disk: statfs of the data directory.
 */
import type { ReaderLog } from '../input/reader-log';
import type { ConfigHolder } from '../config/running-config';
import type { PrintingService } from '../printing/printing-service';
import type { ReferenceCache } from '../village/reference-cache';
import type { VillageServer } from '../village/types';
import { checkServer } from '../village/server-check';
import type { DocumentPrinter } from '../../devices/document-printer/types';
import { parseReason } from '../../devices/document-printer/ipp-state';
import { diskSpace, technicianNotices, type NoticeContext, type NoticeFacts } from '../admin/technician-notices';
import { appVersion } from '../app-version';
import type { A4PrinterReading, FleetMetricSources } from './fleet-metrics';
import { kioskIdentity } from './kiosk-identity';

/** How old the village server's answer and the count of unreadable secrets may be in a scrape. */
export const SLOW_FACTS_MAX_AGE_MS = 5 * 60_000;
/** A scrape waits this long for CUPS before the A4 printer counts as "unknown". */
export const A4_STATE_TIMEOUT_MS = 2_000;

export interface CoreMetricDeps extends NoticeContext {
  config: ConfigHolder;
  printing: Pick<PrintingService, 'lastStatus'>;
  /** The A4 printer (CUPS). */
  letterPrinter: DocumentPrinter;
  references: Pick<ReferenceCache, 'profile' | 'letters'>;
  readerLog: Pick<ReaderLog, 'sources'>;
  village(): VillageServer | null;
  now?(): number;
}

export function coreMetricSources(deps: CoreMetricDeps): FleetMetricSources {
  const now = deps.now ?? (() => Date.now());

  // The village server's answer, asked beside the scrapes (never awaited by one) and kept for a while.
  let server: { client: VillageServer; at: number; facts: NoticeFacts['server'] } | null = null;
  let checking = false;
  function serverFacts(): NoticeFacts['server'] {
    const client = deps.village();
    if (!client) return null;
    const known = server?.client === client ? server : null;
    if (!checking && (!known || now() - known.at > SLOW_FACTS_MAX_AGE_MS)) {
      checking = true;
      void checkServer(client, 'metrics')
        .then(({ reachable, licensed }) => void (server = { client, at: now(), facts: { reachable, licensed } }))
        .catch(() => void (server = { client, at: now(), facts: { reachable: false, licensed: null } }))
        .finally(() => (checking = false));
    }
    return known?.facts ?? null;
  }

  let unreadable: { at: number; count: number } | null = null;
  function unreadableSecrets(): number {
    if (!unreadable || now() - unreadable.at > SLOW_FACTS_MAX_AGE_MS) unreadable = { at: now(), count: deps.outbox.unreadableSecrets() };
    return unreadable.count;
  }

  async function a4Printer(): Promise<A4PrinterReading | null> {
    const settings = deps.config.current().letterPrinter;
    if (!settings.enabled) return null;
    try {
      const queue = settings.queue ?? (await inTime(deps.letterPrinter.queues())).defaultQueue;
      if (queue === null) return { status: 'unknown', paperNearEnd: false };
      const state = await inTime(deps.letterPrinter.printerState(queue));
      return { status: state.status, paperNearEnd: state.reasons.some((reason) => parseReason(reason).keyword === 'media-low') };
    } catch {
      // CUPS down, no such queue, or too slow: the Printer screen says why; the fleet sees "unknown".
      return { status: 'unknown', paperNearEnd: false };
    }
  }

  const diskFree = () => diskSpace(deps.dataDir)?.freeBytes ?? null;

  return {
    info: () => ({ version: appVersion(), identity: kioskIdentity(deps.config.current(), deps.references.profile()?.value ?? null) }),
    receiptPrinter: () => deps.printing.lastStatus(),
    a4Printer,
    outboxCounts: () => deps.outbox.counts(),
    oldestPendingAt: () => dateOrNull(deps.outbox.oldestPendingAt()),
    lastSyncSuccessAt: () => dateOrNull(deps.outbox.lastSyncedAt()),
    readers: () => deps.readerLog.sources().map(({ source, state }) => ({ reader: source, state })),
    technicianNotices: async () =>
      technicianNotices(deps, {
        printerStatus: deps.printing.lastStatus(),
        server: serverFacts(),
        unreadableSecrets: unreadableSecrets(),
        diskFreeBytes: diskFree(),
      }).map((notice) => notice.code),
    dataDiskFreeBytes: diskFree,
    letterSlugs: () => deps.references.letters()?.value.map((letter) => letter.slug) ?? [],
  };
}

function dateOrNull(iso: string | null): Date | null {
  return iso === null ? null : new Date(iso);
}

/** The answer, or a rejection once the A4 printer has had its time. */
function inTime<T>(answer: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('CUPS did not answer in time')), A4_STATE_TIMEOUT_MS);
  });
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}
