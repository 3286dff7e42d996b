/**
 * The technician's side: the admin PIN (with its lock), the admin session,
 * and the status screen. Opening admin ends the resident's session and makes
 * the resident screens wait (`kiosk.getInfo().adminOpen`); admin closes on
 * "Keluar", after its idle time, or when another technician opens it.
 * Every attempt and every action goes to the audit log with who did it.
 */
import type { AdminSession, AdminStatus } from '../../shared/admin-contract';
import type { PrinterStatus } from '../../shared/device-status';
import { isStrongAdminPin } from '../../shared/admin-pin';
import { fail, ok } from '../../shared/result';
import { appVersion } from '../app-version';
import type { Dispose, AdminContext } from '../feature';
import { checkServer } from '../village/server-check';
import type { AdminHolder } from '../admin/admin-sessions';
import { demoAdminPinOf, neverCommissioned } from '../admin/commissioning';
import { diskSpace, technicianNotices } from '../admin/technician-notices';

/** A technician card tapped this recently names who opens admin with the PIN. */
const CARD_WINDOW_MS = 60_000;
const RECENT_PRINTER_CHANGES = 10;

/** What this feature is handed by the composition root. */
export type AdminScreensContext = Pick<AdminContext, 'adminAuth' | 'adminSessions' | 'audit' | 'call' | 'config' | 'dataDir' | 'demoMode' | 'emit' | 'handleAdmin' | 'handlePublicAdmin' | 'log' | 'metrics' | 'metricsPortBusy' | 'needsTechnician' | 'observe' | 'outbox' | 'printing' | 'readerLog' | 'references' | 'serverTarget' | 'shell' | 'sync' | 'village'>;

export const registerAdmin = (ctx: AdminScreensContext): Dispose => {
  const log = ctx.log('admin');
  const startedAt = Date.now();
  const printerChanges: Array<{ status: PrinterStatus; at: string }> = [];
  let lastPassAt: string | null = null;
  let technicianCard: { label: string; at: number } | null = null;

  const stopObserving = ctx.observe((name, payload) => {
    const at = new Date().toISOString();
    if (name === 'printer.status') {
      printerChanges.unshift({ status: (payload as { status: PrinterStatus }).status, at });
      printerChanges.length = Math.min(printerChanges.length, RECENT_PRINTER_CHANGES);
    } else if (name === 'input.technicianCard') {
      technicianCard = { label: (payload as { label: string }).label, at: Date.now() };
    } else if (name === 'sync.status') {
      lastPassAt = at;
    }
  });

  const demoPin = () => demoAdminPinOf(ctx);
  const recentCard = () => (technicianCard && Date.now() - technicianCard.at <= CARD_WINDOW_MS ? technicianCard.label : null);

  // Only a kiosk never put into service takes its first PIN on the touchscreen (admin/commissioning.ts).
  const firstPinHere = () => !ctx.adminAuth.pinSet() && neverCommissioned(ctx.dataDir, ctx.outbox);

  function opened(actor: string, holder: AdminHolder): AdminSession {
    const session = ctx.adminSessions.open(actor, holder);
    technicianCard = null;
    ctx.audit(actor, 'admin.opened');
    log.info({ actor }, 'admin opened; the resident session ends and resident screens wait');
    void ctx.call('session.end', { reason: 'admin' });
    announce();
    const config = ctx.config.current();
    return { session, actor, idleSeconds: config.admin.idleMinutes * 60, timeZone: config.kiosk.timeZone };
  }

  // The resident screens follow whether admin is open; an idle admin session closes by itself.
  let wasOpen = false;
  function announce(): void {
    const open = ctx.adminSessions.anyOpen();
    if (open === wasOpen) return;
    wasOpen = open;
    ctx.emit('kiosk.adminChanged', { open });
    if (open) return;
    log.info('admin closed; resident screens are back');
    // Sending never stays paused without a technician watching.
    ctx.sync.setPaused(false);
  }
  const idleCheck = setInterval(announce, 1000);
  idleCheck.unref();
  // The admin page closed without "Keluar" (a reload, a crash, a closed window): admin ends with it.
  const stopHolderWatch = ctx.adminSessions.onHolderGone((actor) => {
    ctx.audit(actor, 'admin.closed', { reason: 'page-closed' });
    log.info({ actor }, 'the admin page closed; admin ends with it');
    announce();
  });

  ctx.handlePublicAdmin('admin.state', () =>
    ok({
      pinSet: ctx.adminAuth.pinSet(),
      firstPinHere: firstPinHere(),
      demoPin: demoPin(),
      lockedSeconds: ctx.adminAuth.lockedSeconds(),
      card: recentCard(),
    }),
  );

  ctx.handlePublicAdmin('admin.unlock', async ({ pin }, holder) => {
    const card = recentCard();
    const actor = card ? `card:${card}` : 'pin';
    const check = await ctx.adminAuth.check(pin, { fallbackPin: demoPin() ?? undefined });
    ctx.metrics.adminLogin(check.ok ? 'success' : check.reason === 'wrong' ? 'wrong-pin' : check.reason);
    if (check.ok) return ok(opened(actor, holder));
    if (check.reason === 'not-set') return fail(firstPinHere() ? 'admin-pin-not-set' : 'admin-pin-on-pc');
    if (check.reason === 'locked') {
      ctx.audit(actor, 'admin.refused', { reason: 'locked', seconds: check.seconds });
      return fail('admin-locked', { count: check.seconds });
    }
    ctx.audit(actor, 'admin.refused', { reason: 'wrong-pin', triesLeft: check.triesLeft });
    log.warn({ actor, triesLeft: check.triesLeft }, 'wrong admin PIN');
    return check.lockedSeconds > 0 ? fail('admin-locked', { count: check.lockedSeconds }) : fail('admin-wrong-pin', { count: check.triesLeft });
  });

  ctx.handlePublicAdmin('admin.setFirstPin', async ({ pin }, holder) => {
    if (ctx.adminAuth.pinSet()) return fail('admin-pin-already-set');
    if (!firstPinHere()) {
      ctx.metrics.adminLogin('refused');
      ctx.audit('pin', 'admin.refused', { reason: 'first-pin-on-pc' });
      log.warn('a first admin PIN was offered on the screen of a kiosk in service; refused (it is set on the PC)');
      return fail('admin-pin-on-pc');
    }
    if (!isStrongAdminPin(pin)) {
      ctx.metrics.adminLogin('refused');
      return fail('admin-pin-weak');
    }
    if ((await ctx.adminAuth.setFirstPin(pin)) === 'already-set') return fail('admin-pin-already-set');
    ctx.metrics.adminLogin('success');
    ctx.audit('pin', 'admin.pin.set', { first: true, via: 'screen' });
    return ok(opened('pin', holder));
  });

  ctx.handleAdmin('admin.lock', (_input, actor) => {
    ctx.adminSessions.closeAll();
    ctx.audit(actor, 'admin.closed');
    announce();
    return ok(null);
  });

  ctx.handleAdmin('admin.shell', ({ action }, actor) => {
    const shell = ctx.shell;
    if (!shell) return fail('not-supported');
    ctx.audit(actor, action === 'restart' ? 'app.restart' : 'app.exit');
    log.info({ actor, action }, action === 'restart' ? 'restart asked for by a technician' : 'quit asked for by a technician');
    ctx.adminSessions.closeAll();
    announce();
    // After this answer has gone out: the host closes the core (the sync worker's pass finishes first).
    setImmediate(() => (action === 'restart' ? shell.restart() : shell.exit()));
    return ok(null);
  });

  ctx.handleAdmin('admin.status', async () => ok(await status(ctx, { startedAt, printerChanges, lastPassAt })));

  return () => {
    clearInterval(idleCheck);
    stopHolderWatch();
    stopObserving();
  };
};

async function status(
  ctx: AdminScreensContext,
  seen: {
    startedAt: number;
    printerChanges: Array<{ status: PrinterStatus; at: string }>;
    lastPassAt: string | null;
  },
): Promise<AdminStatus> {
  const config = ctx.config.current();
  const village = ctx.village();
  const url = ctx.demoMode ? null : config.server.url;
  const server = village ? await checkServer(village, url ?? 'demo') : null;
  const printerStatus = await ctx.printing.status().catch(() => 'error' as const);
  const printer = ctx.printing.describe();
  const outbox = ctx.outbox.counts();
  const disk = diskSpace(ctx.dataDir);
  const notices = technicianNotices(ctx, {
    printerStatus,
    server,
    unreadableSecrets: ctx.outbox.unreadableSecrets(),
    diskFreeBytes: disk?.freeBytes ?? null,
  });

  return {
    appVersion: appVersion(),
    uptimeSeconds: Math.floor((Date.now() - seen.startedAt) / 1000),
    kioskName: config.kiosk.name,
    demoMode: ctx.demoMode,
    server: {
      url,
      reachable: server?.reachable ?? null,
      version: server?.version ?? null,
      village: server?.village ?? null,
      licensed: server?.licensed ?? null,
      problem: server?.problem ?? null,
    },
    sync: { lastPassAt: seen.lastPassAt },
    outbox,
    printer: { status: printerStatus, transport: printer.transport, profile: printer.profile, changes: [...seen.printerChanges] },
    reader: { lastEvent: lastReaderEvent(ctx) },
    disk,
    notices,
  };
}

/** When and what a reader last read (from the Readers screen's log), never whose. */
function lastReaderEvent(ctx: AdminScreensContext): AdminStatus['reader']['lastEvent'] {
  const event = ctx.readerLog.events().find((e) => e.kind === 'card' || e.kind === 'technician-card' || e.kind === 'receipt');
  return event ? { kind: event.kind === 'receipt' ? 'receipt' : 'card', at: event.at } : null;
}
