/**
 * `kiosk.getInfo`: what the attract screen and the idle timer need. Pushes
 * `kiosk.infoChanged` when a technician edits the configuration, so the screen
 * follows without a restart.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { KioskInfo } from '../../shared/contract';
import { isValidPhone, normalisePhone } from '../../shared/phone';
import { ok } from '../../shared/result';
import type { KioskConfig } from '../config/schema';
import type { Feature } from '../feature';
import { availableVoices } from '../voice/espeak';

const MAX_LOGO_BYTES = 1024 * 1024;
const LOGO_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

/** The village profile is refreshed this often (it is also the reachability probe). */
const PROFILE_REFRESH_MS = 60 * 60 * 1000;

export const registerKioskInfo: Feature = (ctx) => {
  const log = ctx.log('kiosk-info');
  const info = (config: KioskConfig = ctx.config.current()): KioskInfo =>
    buildKioskInfo(config, ctx.dataDir, log, {
      cachedVillageName: villageTitle(ctx.references.profile()?.value ?? null),
      demoMode: ctx.demoMode,
      needsTechnician: ctx.needsTechnician() !== null,
      officePhone: officePhoneOf(config, ctx.references.profile()?.value ?? null),
      voices: availableVoices(),
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

  async function refreshProfile(): Promise<void> {
    const village = ctx.village();
    if (!village) return;
    const profile = await village.villageProfile();
    if (!profile.ok) {
      log.info({ error: profile.error.kind }, 'village profile not refreshed; keeping the cached one');
      return;
    }
    const changed = ctx.references.profile()?.value.villageName !== profile.value.villageName;
    ctx.references.saveProfile(profile.value);
    if (changed) ctx.emit('kiosk.infoChanged', info());
  }

  ctx.background(() => {
    void refreshProfile();
    const timer = setInterval(() => void refreshProfile(), PROFILE_REFRESH_MS);
    timer.unref();
    return () => clearInterval(timer);
  });

  return ctx.config.onChange((config) => ctx.emit('kiosk.infoChanged', info(config)));
};

export function buildKioskInfo(
  config: KioskConfig,
  dataDir: string,
  log: Logger,
  extra: {
    cachedVillageName?: string | null;
    demoMode?: boolean;
    needsTechnician?: boolean;
    officePhone?: string | null;
    voices?: { id: boolean; en: boolean };
  } = {},
): KioskInfo {
  // The configured name wins (a technician set it); then the server's profile.
  const cachedName = extra.cachedVillageName ?? null;
  return {
    kioskName: config.kiosk.name,
    village: { name: config.village.name ?? cachedName, logoDataUrl: readLogo(config.village.logoFile, dataDir, log) },
    locale: config.kiosk.locale,
    timeZone: config.kiosk.timeZone,
    idle: { seconds: config.kiosk.idleSeconds, warningSeconds: config.kiosk.idleWarningSeconds },
    screenPpi: config.kiosk.screenPpi,
    serverConfigured: config.server.url !== null || extra.demoMode === true,
    demoMode: extra.demoMode === true,
    needsTechnician: extra.needsTechnician === true,
    officePhone: extra.officePhone ?? null,
    voice: { id: extra.voices?.id ?? false, en: extra.voices?.en ?? false, guidance: config.kiosk.audioGuidance },
  };
}

/** The technician's office number, else the village profile's operator phone; normalised, or null when neither is a number. */
export function officePhoneOf(config: KioskConfig, profile: { operatorPhone: string | null } | null): string | null {
  const phone = normalisePhone(config.village.officePhone ?? profile?.operatorPhone ?? null);
  return isValidPhone(phone) ? phone : null;
}

/** "Desa Sukamaju" (or "Kelurahan ...", "Nagari ...": the village's own term). */
function villageTitle(profile: { villageTerm: string; villageName: string } | null): string | null {
  return profile ? `${profile.villageTerm} ${profile.villageName}` : null;
}

/** The logo travels as a data URL: the renderer's CSP allows no other image origin. */
function readLogo(logoFile: string | null, dataDir: string, log: Logger): string | null {
  if (!logoFile) return null;
  const file = path.resolve(dataDir, logoFile);
  const type = LOGO_TYPES[path.extname(file).toLowerCase()];
  if (!type) {
    log.warn({ file }, 'village logo must be PNG, JPEG, WebP or SVG; showing none');
    return null;
  }
  try {
    if (statSync(file).size > MAX_LOGO_BYTES) {
      log.warn({ file }, 'village logo is larger than 1 MiB; showing none');
      return null;
    }
    return `data:${type};base64,${readFileSync(file).toString('base64')}`;
  } catch (error) {
    log.warn({ file, err: error }, 'village logo could not be read; showing none');
    return null;
  }
}
