/**
 * `kiosk.getInfo`: what the attract screen and the idle timer need. Pushes
 * `kiosk.infoChanged` when a technician edits the configuration, so the screen
 * follows without a restart.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { KioskInfo } from '../../shared/contract';
import { ok } from '../../shared/result';
import type { KioskConfig } from '../config/schema';
import type { Feature } from '../feature';

const MAX_LOGO_BYTES = 1024 * 1024;
const LOGO_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

export const registerKioskInfo: Feature = (ctx) => {
  const log = ctx.log('kiosk-info');
  ctx.handle('kiosk.getInfo', () => ok(buildKioskInfo(ctx.config.current(), ctx.dataDir, log)));
  return ctx.config.onChange((config) => ctx.emit('kiosk.infoChanged', buildKioskInfo(config, ctx.dataDir, log)));
};

export function buildKioskInfo(config: KioskConfig, dataDir: string, log: Logger): KioskInfo {
  return {
    kioskName: config.kiosk.name,
    village: { name: config.village.name, logoDataUrl: readLogo(config.village.logoFile, dataDir, log) },
    locale: config.kiosk.locale,
    timeZone: config.kiosk.timeZone,
    idle: { seconds: config.kiosk.idleSeconds, warningSeconds: config.kiosk.idleWarningSeconds },
    screenPpi: config.kiosk.screenPpi,
    serverConfigured: config.server.url !== null,
  };
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
