/**
 * `kiosk.getInfo`: what every screen and the idle timer need. Pushes
 * `kiosk.infoChanged` when a technician edits the configuration, so the screen
 * follows without a restart.
 */
import type { KioskInfo, SignInRefusal } from '../../shared/contract';
import { ok } from '../../shared/result';
import type { KioskConfig } from '../config/schema';
import type { Dispose, ResidentContext } from '../feature';
import { availableVoices } from '../voice/espeak';
import { signInRefusal } from '../session/sign-in-refusal';
import { officePhoneOf } from '../village/office-phone';

/** What this feature is handed by the composition root. */
export type KioskInfoContext = Pick<ResidentContext, 'adminOpen' | 'audit' | 'config' | 'demoMode' | 'emit' | 'handle' | 'log' | 'needsTechnician' | 'references' | 'village'>;

export const registerKioskInfo = (ctx: KioskInfoContext): Dispose => {
  const log = ctx.log('kiosk-info');
  const info = (config: KioskConfig = ctx.config.current()): KioskInfo =>
    buildKioskInfo(config, {
      cachedVillageName: villageTitle(ctx.references.profile()?.value ?? null),
      demoMode: ctx.demoMode,
      needsTechnician: ctx.needsTechnician() !== null,
      signInRefused: signInRefusal(ctx),
      officePhone: officePhoneOf(config, ctx.references.profile()?.value ?? null),
      voices: availableVoices(),
      adminOpen: ctx.adminOpen(),
    });

  ctx.handle('kiosk.getInfo', () => ok(info()));
  const voices = availableVoices();
  if (!voices.id || !voices.en) log.info({ voices }, 'spoken prompts need espeak-ng with its id and en voices (apt-get install espeak-ng)');

  // A resident asked for help in person. The log and the audit trail say when and from which screen, never who.
  ctx.handle('kiosk.callStaff', ({ screen }) => {
    const calledAt = new Date().toISOString();
    log.warn({ screen }, 'a resident asked for staff at the kiosk (Panggil petugas)');
    ctx.audit('resident', 'staff.called', { screen });
    return ok({ calledAt });
  });

  // The village profile is fetched by the attract content feature; a new name or office phone shows at once.
  let sent = JSON.stringify(info());
  const stopListening = ctx.references.onSaved((key) => {
    if (key !== 'profile') return;
    const next = info();
    if (JSON.stringify(next) === sent) return;
    sent = JSON.stringify(next);
    ctx.emit('kiosk.infoChanged', next);
  });

  const stopConfig = ctx.config.onChange((config) => ctx.emit('kiosk.infoChanged', info(config)));
  return () => {
    stopListening();
    stopConfig();
  };
};

export function buildKioskInfo(
  config: KioskConfig,
  extra: {
    cachedVillageName?: string | null;
    demoMode?: boolean;
    needsTechnician?: boolean;
    signInRefused?: SignInRefusal | null;
    officePhone?: string | null;
    voices?: { id: boolean; en: boolean };
    adminOpen?: boolean;
  } = {},
): KioskInfo {
  // The configured name wins (a technician set it); then the server's profile.
  const cachedName = extra.cachedVillageName ?? null;
  return {
    kioskName: config.kiosk.name,
    village: { name: config.village.name ?? cachedName },
    locale: config.kiosk.locale,
    timeZone: config.kiosk.timeZone,
    idle: { seconds: config.kiosk.idleSeconds, warningSeconds: config.kiosk.idleWarningSeconds },
    screenPpi: config.kiosk.screenPpi,
    serverConfigured: config.server.url !== null || extra.demoMode === true,
    demoMode: extra.demoMode === true,
    needsTechnician: extra.needsTechnician === true,
    signInRefused: extra.signInRefused ?? null,
    officePhone: extra.officePhone ?? null,
    voice: { id: extra.voices?.id ?? false, en: extra.voices?.en ?? false, guidance: config.kiosk.audioGuidance },
    adminOpen: extra.adminOpen === true,
    adminGesture: { taps: config.admin.gestureTaps, seconds: config.admin.gestureSeconds },
  };
}

/** "Desa Sukamaju" (or "Kelurahan ...", "Nagari ...": the village's own term). */
function villageTitle(profile: { villageTerm: string; villageName: string } | null): string | null {
  return profile ? `${profile.villageTerm} ${profile.villageName}` : null;
}
