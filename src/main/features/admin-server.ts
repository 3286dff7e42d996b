/**
 * The admin's Server screen: the village server's URL, a check of it (the
 * same as `adm server check`, also for a URL typed but not yet saved), and a
 * refresh of the reference data the kiosk can fetch without a resident.
 *
 * A new URL never moves residents' requests by itself: while requests made
 * for another server are waiting, the technician is asked first whether they
 * stay for their own server (held, shown on the Status screen) or go to the
 * new one. Requests of the demo server never go to a village server.
 */
import type { AdminServer, PendingElsewhere } from '../../shared/admin-contract';
import { fail, invalid, ok } from '../../shared/result';
import type { Dispose, AdminContext } from '../feature';
import { demoEndsOnSave, demoEnded } from '../admin/commissioning';
import { createOpensidClient } from '../village/opensid-client';
import { checkServer } from '../village/server-check';
import { DEMO_TARGET, serverTarget } from '../village/server-target';

/** What this feature is handed by the composition root. */
export type AdminServerContext = Pick<AdminContext, 'adminAuth' | 'audit' | 'config' | 'dataDir' | 'demoMode' | 'handleAdmin' | 'log' | 'outbox' | 'references' | 'serverTarget' | 'sync' | 'village'>;

export const registerAdminServer = (ctx: AdminServerContext): Dispose => {
  const log = ctx.log('admin');

  ctx.handleAdmin('admin.server', () => ok(serverView(ctx)));

  ctx.handleAdmin('admin.serverCheck', async ({ url }) => {
    if (url === null || url === '') {
      const village = ctx.village();
      if (!village) return fail('no-server');
      return ok({ check: await checkServer(village, ctx.demoMode ? 'demo' : (ctx.config.current().server.url ?? '')) });
    }
    const checked = parseUrl(ctx, url);
    if (!checked.ok) return checked.failure;
    const { server } = ctx.config.current();
    const client = createOpensidClient({ baseUrl: checked.url, readTimeoutMs: server.readTimeoutSeconds * 1000 });
    return ok({ check: await checkServer(client, checked.url) });
  });

  ctx.handleAdmin('admin.refreshReference', async (_input, actor) => {
    const village = ctx.village();
    if (!village) return fail('no-server');
    const profile = await village.villageProfile();
    ctx.audit(actor, 'server.refresh', { ok: profile.ok });
    if (!profile.ok) {
      log.info({ error: profile.error.kind }, 'village profile not refreshed on request');
      return ok({ refreshed: false, problem: `${profile.error.kind}: ${profile.error.message}`, server: serverView(ctx) });
    }
    // The attract screen hears of it and fetches its pictures (attract-content.ts).
    ctx.references.saveProfile(profile.value);
    return ok({ refreshed: true, problem: null, server: serverView(ctx) });
  });

  ctx.handleAdmin('admin.setServerUrl', async ({ url, pending, endDemo }, actor) => {
    const wanted = url === null || url === '' ? null : url;
    let next = null as string | null;
    if (wanted !== null) {
      const checked = parseUrl(ctx, wanted);
      if (!checked.ok) return checked.failure;
      next = checked.url;
    }
    const config = ctx.config.current();
    const nextTarget = next === null ? null : serverTarget(next);
    // Nothing is sent anywhere without a server: no decision to make until one is set.
    const elsewhere = nextTarget === null ? [] : movable(ctx.outbox.pendingForOtherTargets(nextTarget));
    if (elsewhere.length > 0 && pending === 'ask') return ok({ outcome: 'decide', pending: elsewhere });

    const before = config.server.url;
    const ending = demoEndsOnSave(ctx, { server: { url: next } });
    if (ending && !endDemo) return fail('ends-demo', { ...ending });
    const saved = await ctx.config.save(config, { ...config, server: { ...config.server, url: next } }, actor);
    if (!saved.ok) return saved;
    if (ending) demoEnded(ctx, actor, ending);
    const retargeted =
      pending === 'retarget' && nextTarget !== null
        ? ctx.outbox.retargetAll(
            elsewhere.map((group) => group.target),
            nextTarget,
          )
        : 0;
    ctx.audit(actor, 'server.url', {
      from: before,
      to: next,
      retargeted,
      keptForOtherServers: elsewhere.reduce((sum, group) => sum + group.count, 0) - retargeted,
    });
    log.info({ from: before, to: next, retargeted }, 'village server URL changed by a technician');
    if (retargeted > 0) ctx.sync.wake();
    // In demo mode the embedded demo server stays in use until the kiosk starts again with the saved URL.
    return ok({ outcome: 'saved', retargeted, restartNeeded: ctx.demoMode, server: serverView(ctx) });
  });

  return () => {};
};

function serverView(ctx: AdminServerContext): AdminServer {
  const target = ctx.serverTarget();
  const stamp = <T>(cached: { fetchedAt: string; value: T } | null) => cached?.fetchedAt ?? null;
  return {
    url: ctx.config.current().server.url,
    demoMode: ctx.demoMode,
    target,
    reference: { profile: stamp(ctx.references.profile()), letters: stamp(ctx.references.letters()), articles: stamp(ctx.references.articles()) },
    pendingElsewhere: target === null ? [] : ctx.outbox.pendingForOtherTargets(target),
  };
}

/** Requests a URL change may move: never the demo server's (demo residents are not the village's). */
function movable(groups: PendingElsewhere[]): PendingElsewhere[] {
  return groups.filter((group) => group.target !== DEMO_TARGET);
}

/** The URL as the configuration schema accepts it (http or https), or the same refusal the Pengaturan screen gives. */
function parseUrl(ctx: AdminServerContext, url: string) {
  const config = ctx.config.current();
  const parsed = ctx.config.schema.safeParse({ ...config, server: { ...config.server, url } });
  if (parsed.success && parsed.data.server.url !== null) return { ok: true as const, url: parsed.data.server.url };
  return { ok: false as const, failure: invalid({ 'server.url': 'invalid' }) };
}
