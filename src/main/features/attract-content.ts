/**
 * `kiosk.attract`: what the attract screen shows while nobody uses the kiosk.
 * The village profile is fetched hourly (it is also the reachability probe);
 * its logo and gallery, and the images of the cached articles, are kept on
 * disk (`village/media-cache.ts`) so they still show while the server is
 * away. Office address and hours and the running text come from the
 * configuration. Nothing personal: articles are public news, and what a
 * resident's session fetched is shared by every resident.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { AttractContent } from '../../shared/contract';
import { ok } from '../../shared/result';
import type { KioskConfig } from '../config/schema';
import type { Dispose, ResidentContext } from '../feature';
import { createMediaCache } from '../village/media-cache';

/** The village profile is refreshed this often. */
const PROFILE_REFRESH_MS = 60 * 60 * 1000;
/** One picture at most this large; with the counts below the cache stays under about 12 MiB. */
export const MAX_PICTURE_BYTES = 1024 * 1024;
export const MAX_GALLERY_PHOTOS = 6;
export const MAX_ARTICLES = 4;

const MAX_LOGO_BYTES = 1024 * 1024;
const LOGO_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

/** What this feature is handed by the composition root. */
export type AttractContentContext = Pick<ResidentContext, 'background' | 'config' | 'dataDir' | 'emit' | 'handle' | 'log' | 'references' | 'village'>;

export const registerAttractContent = (ctx: AttractContentContext): Dispose => {
  const log = ctx.log('attract');
  const media = createMediaCache(path.join(ctx.dataDir, 'media'), log);

  // A picture that is refused or fails is said once per address and reason,
  // not at every refresh (hourly, and each time a session fetches the news).
  const said = new Set<string>();
  function sayOnce(address: string, reason: string, message: string): void {
    const key = `${address}\n${reason}`;
    if (said.has(key)) return;
    if (said.size >= 200) said.clear();
    said.add(key);
    log.warn({ address: address.slice(0, 200), reason }, message);
  }

  /** Pictures come only from the village server's origin; a picture cached before that rule is not shown either. */
  function allowed(address: string | null): address is string {
    if (address === null) return false;
    const refusal = ctx.village()?.pictureRefusal(address) ?? null;
    if (refusal) sayOnce(address, refusal, 'a picture for the attract screen is refused; it is not shown');
    return refusal === null;
  }
  const cached = (address: string | null): string | null => (allowed(address) ? media.dataUrl(address) : null);

  function shown() {
    const profile = ctx.references.profile()?.value ?? null;
    const articles = (ctx.references.articles()?.value ?? []).slice(0, MAX_ARTICLES);
    const gallery = (profile?.gallery ?? []).slice(0, MAX_GALLERY_PHOTOS);
    const pictures = [profile?.logoUrl ?? null, ...gallery.map((photo) => photo.imageUrl), ...articles.map((a) => a.imageUrl)];
    return { profile, articles, gallery, pictures: pictures.filter(allowed) };
  }

  function content(config: KioskConfig = ctx.config.current()): AttractContent {
    const { profile, articles, gallery } = shown();
    return {
      logoDataUrl: readLogo(config.village.logoFile, ctx.dataDir, log) ?? cached(profile?.logoUrl ?? null),
      gallery: gallery.flatMap((photo) => {
        const dataUrl = cached(photo.imageUrl);
        return dataUrl ? [{ caption: photo.name, dataUrl }] : [];
      }),
      articles: articles.map((article) => ({
        title: article.title,
        date: article.createdAt || null,
        imageDataUrl: cached(article.imageUrl),
      })),
      officeAddress: config.village.officeAddress ?? profile?.officeAddress ?? null,
      officeHours: config.village.officeHours,
      runningText: config.attract.runningText,
    };
  }

  ctx.handle('kiosk.attract', () => ok(content()));

  // One refresh of the pictures at a time; a later request waits for the one running.
  // A refresh that fails is logged and the next one runs: it must never leave the chain rejected.
  let pictures: Promise<void> = Promise.resolve();
  function refreshPictures(): Promise<void> {
    pictures = pictures
      .then(async () => {
        const village = ctx.village();
        const wanted = shown().pictures;
        const before = media.stats().pictures;
        if (village) {
          const { added, failed } = await media.fetchMissing(wanted, (address) => village.image(address, MAX_PICTURE_BYTES));
          for (const failure of failed) {
            sayOnce(failure.address, failure.reason, 'a picture for the attract screen was not fetched; trying again with the next refresh');
          }
          if (added > 0) log.info({ added, ...media.stats() }, 'attract screen pictures cached');
        }
        media.keepOnly(wanted);
        if (media.stats().pictures !== before) ctx.emit('kiosk.attractChanged', {});
      })
      .catch((error: unknown) => log.warn({ err: error }, 'attract screen pictures not refreshed; trying again with the next refresh'));
    return pictures;
  }

  const stopListening = ctx.references.onSaved((key) => {
    if (key !== 'profile' && key !== 'articles') return;
    // Titles and the address show at once; pictures follow when fetched.
    ctx.emit('kiosk.attractChanged', {});
    void refreshPictures();
  });

  async function refreshProfile(): Promise<void> {
    const village = ctx.village();
    if (!village) return;
    const profile = await village.villageProfile();
    if (!profile.ok) {
      log.info({ error: profile.error.kind }, 'village profile not refreshed; keeping the cached one');
      return;
    }
    ctx.references.saveProfile(profile.value);
  }

  ctx.background(() => {
    void refreshProfile();
    const timer = setInterval(() => void refreshProfile(), PROFILE_REFRESH_MS);
    timer.unref();
    return () => clearInterval(timer);
  });

  const stopConfig = ctx.config.onChange(() => ctx.emit('kiosk.attractChanged', {}));
  return async () => {
    stopListening();
    stopConfig();
    await pictures;
  };
};

/** The technician's logo file (PNG, JPEG, WebP or SVG, at most 1 MiB) as a data URL, or null. */
export function readLogo(logoFile: string | null, dataDir: string, log: Logger): string | null {
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
