/**
 * Keyboard-wedge card readers and scanners: every physical key press reaches
 * the core (`input.key`; the Electron shell and the web host capture them
 * before the page can act on them) and goes through the burst detector. A
 * burst is classified by shape: a card UID fills in the NIK it is known for
 * (`input.card`; the PIN is always still needed), a reference of this kiosk's
 * receipt opens its status (`input.receipt`). Everything else is dropped.
 * Whether a code is one of this kiosk's references is answered only so many
 * times a minute (a scan or `requests.receiptStatus`), so references cannot
 * be guessed.
 *
 * Card -> NIK hints are learned when a resident signs in at the server: from
 * the server's `tag_id_card`, and from a card tapped just before in the same
 * visit (never one tapped before a Batal, an idle reset or another visit's end).
 */
import { createBurstDetector, type BurstDetector } from '../../devices/input/burst-detector';
import type { InputSourceName, InputSourcesConfig, InputSourcesListener, InputSourceStatus } from '../../devices/input/input-sources';
import { classifyScan } from '../../devices/input/scan-event';
import { fail, ok } from '../../shared/result';
import { isReferenceShape } from '../outbox/reference';
import type { KioskConfig } from '../config/schema';
import type { Logger } from 'pino';
import type { Dispose, ResidentContext } from '../feature';
import { type RequestStatusCode } from '../../shared/request-status';
import { residentLocalState } from '../../shared/outbox-states';

/** Unused hints are looked for as often as the core's other retention work runs. */
const HINT_PURGE_EVERY_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** What this feature is handed by the composition root. */
export type ReaderInputContext = Pick<ResidentContext, 'adminOpen' | 'background' | 'cardHints' | 'cardTaps' | 'config' | 'emit' | 'handle' | 'inputSources' | 'log' | 'outbox' | 'readerLog' | 'receiptLookups' | 'technicianCard'>;

export const registerReaderInput = (ctx: ReaderInputContext): Dispose => {
  const log = ctx.log('input');
  const detectorFor = (config: KioskConfig): BurstDetector => {
    const settings = burstSettings(config);
    return createBurstDetector(settings, (rejected) => ctx.readerLog.rejected(rejected, settings));
  };
  let detector = detectorFor(ctx.config.current());
  let idleTimer: NodeJS.Timeout | null = null;
  const stopWatching = ctx.config.onChange((config) => {
    detector = detectorFor(config);
  });

  function handleCard(uid: string, source: 'keyboard' | InputSourceName): void {
    // A registered technician card opens the admin PIN; it never fills a resident's NIK.
    const technician = ctx.technicianCard(uid);
    if (technician) {
      log.info({ source }, 'technician card tapped');
      ctx.readerLog.technicianCard(source);
      ctx.emit('input.technicianCard', { label: technician });
      return;
    }
    const nik = ctx.cardHints.nikFor(uid);
    const adminOpen = ctx.adminOpen();
    // A tap with admin open is a technician's (to register), never the next resident's card.
    ctx.cardTaps.remember(uid, adminOpen ? 'admin' : 'resident');
    ctx.readerLog.card(uid, source, nik !== null);
    log.info({ known: nik !== null, source }, 'card tapped');
    // A technician testing readers (or registering a card) fills in no one's NIK for the next resident.
    if (adminOpen) return;
    ctx.emit('input.card', { nik });
  }

  function handleBurst(text: string): void {
    const config = ctx.config.current().input;
    const event = classifyScan(text, { reversedUid: config.reversedUid, cardPrefix: config.cardPrefix });
    if (event.kind === 'card') {
      handleCard(event.uid, 'keyboard');
      return;
    }
    handleCode(event.text, 'keyboard');
  }

  function handleCode(text: string, source: 'keyboard' | InputSourceName): void {
    // A code that cannot be a reference (a product's barcode) asks nothing of the look-up budget.
    if (!isReferenceShape(text)) {
      ctx.readerLog.code(text.length, source);
      log.info({ length: text.length }, 'scanned code is not shaped like a receipt reference; ignored');
      return;
    }
    // Whether a scan opens a status screen says whether that reference exists: counted like the status itself.
    if (!ctx.receiptLookups.take().allowed) {
      log.warn({ length: text.length }, 'scanned code not looked up: too many receipt look-ups in a minute');
      return;
    }
    if (ctx.outbox.byReference(text)) {
      ctx.readerLog.receipt(source);
      log.info('receipt scanned');
      if (ctx.adminOpen()) return; // the resident screens are waiting for admin
      ctx.emit('input.receipt', { reference: text });
      return;
    }
    ctx.readerLog.code(text.length, source);
    log.info({ length: text.length }, 'scanned code is not one of this kiosk\'s receipts; ignored');
  }

  ctx.handle('input.key', ({ key, atMs }) => {
    const burst = detector.push({ key, atMs });
    if (burst !== null) handleBurst(burst);
    // A reader without a terminator: its burst ends with the pause after it.
    if (ctx.config.current().input.terminator === 'none') {
      if (idleTimer) clearTimeout(idleTimer);
      const gap = ctx.config.current().input.maxGapMs;
      const started = Date.now();
      idleTimer = setTimeout(() => {
        const tail = detector.idle(atMs + (Date.now() - started));
        if (tail !== null) handleBurst(tail);
      }, gap + 5);
      idleTimer.unref();
    }
    return ok(null);
  });

  ctx.handle('requests.receiptStatus', ({ reference }) => {
    const allowed = ctx.receiptLookups.take();
    if (!allowed.allowed) {
      log.warn('receipt status refused: too many receipt look-ups in a minute');
      return fail('receipts-rate-limited', { count: Math.max(1, allowed.retryInSeconds) });
    }
    const request = ctx.outbox.byReference(reference);
    if (!request) return fail('receipt-unknown');
    return ok({
      reference: request.reference,
      letterName: request.letterName,
      createdAt: request.createdAt,
      queueNumber: request.queueNumber,
      localState: residentLocalState(request.syncState),
      statusCode: request.serverStatus as RequestStatusCode | null,
    });
  });

  // Device readers (PC/SC, serial, USB HID), as configured; restarted when their settings change.
  // Each source reports its status only when it changed.
  const listener: InputSourcesListener = {
    event: (event, source) => (event.kind === 'card' ? handleCard(event.uid, source) : handleCode(event.text, source)),
    status: (change) => {
      ctx.readerLog.status(change);
      logSourceStatus(log, change);
    },
  };
  let stopSources: (() => void) | null = null;
  let runningWith = '';
  function startSources(config: KioskConfig): void {
    const wanted = sourcesConfig(config);
    const key = JSON.stringify(wanted);
    if (stopSources && key === runningWith) return;
    stopSources?.();
    runningWith = key;
    ctx.readerLog.keepSources(runningSources(wanted));
    stopSources = ctx.inputSources(wanted, listener);
  }
  ctx.background(() => {
    startSources(ctx.config.current());
    const stopFollowing = ctx.config.onChange((config) => startSources(config));
    return () => {
      stopFollowing();
      stopSources?.();
      stopSources = null;
    };
  });

  // A card's hint names a resident: one not used for the retention period is forgotten, like a request's personal data.
  ctx.background(() => {
    const forgetUnused = (): void => {
      const { retentionDays } = ctx.config.current().sync;
      const forgotten = ctx.cardHints.forgetUnusedSince(new Date(Date.now() - retentionDays * DAY_MS));
      if (forgotten > 0) log.info({ forgotten, retentionDays }, 'card hints unused for the retention period forgotten');
    };
    forgetUnused();
    const timer = setInterval(forgetUnused, HINT_PURGE_EVERY_MS);
    timer.unref();
    return () => clearInterval(timer);
  });

  return () => {
    stopWatching();
    if (idleTimer) clearTimeout(idleTimer);
  };
};

function sourcesConfig(config: KioskConfig): InputSourcesConfig {
  const { reversedUid, cardPrefix, pcsc, serialScanner, hid } = config.input;
  return { reversedUid, cardPrefix, pcsc, serialScanner, hid };
}

function runningSources(config: InputSourcesConfig): InputSourceName[] {
  return [...(config.pcsc ? (['pcsc'] as const) : []), ...(config.serialScanner ? (['serial'] as const) : []), ...(config.hid ? (['hid'] as const) : [])];
}

function logSourceStatus(log: Logger, change: InputSourceStatus): void {
  const { source, status } = change;
  if (source === 'pcsc' && status.state === 'no-daemon') {
    log.warn('pcscd tidak berjalan: PC/SC card readers cannot be read (install and start pcscd)');
  } else if (status.state === 'error' || status.state === 'closed' || status.state === 'absent') {
    log.warn({ source, status }, 'input device not available');
  } else {
    log.info({ source, status }, 'input device status');
  }
}

function burstSettings(config: KioskConfig) {
  const { maxGapMs, minLength, terminator, prefix, suffix } = config.input;
  return { maxGapMs, minLength, terminator, prefix, suffix };
}

