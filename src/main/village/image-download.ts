/**
 * Pictures the village server points at (its logo, gallery photos, article
 * images), fetched for the attract screen's cache. A server may name any
 * address and answer anything, and the kiosk sits inside the village office's
 * network: a picture address is a way to make the kiosk fetch, keep and show
 * what another service on the PC or the network answers. So:
 * - only from the village server's own origin (scheme, host and port of
 *   `server.url`): the OpenSID profile names no separate origin for its
 *   files, so there is no other to allow;
 * - redirects are followed by hand, at most MAX_REDIRECTS, each checked by
 *   the same rule (never file:, data:, another port or host);
 * - no user name or password in the address;
 * - only up to a size, read through `read-capped-body.ts`;
 * - only PNG, JPEG, GIF or WebP by their first bytes (never by the server's
 *   Content-Type; SVG is refused, it is a document).
 * A refusal is a permanent error: the address names one picture, and asking
 * again gets the same answer.
 */
import type { VillageResult } from './types';
import { classifyThrown } from './errors';
import { readCappedBody } from './read-capped-body';

export type ImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

export interface DownloadedImage {
  bytes: Buffer;
  type: ImageType;
}

export interface ImageDownloadOptions {
  /** The village server: relative addresses are its own, and its origin is the only one pictures come from. */
  baseUrl: string;
  timeoutMs: number;
  maxBytes: number;
  fetch?: typeof fetch;
}

/** Hosting moves (http to https, an old upload folder) take one or two; more is a loop or a detour. */
export const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The picture format by its signature, or null when it is none we show. */
export function imageTypeOf(bytes: Uint8Array): ImageType | null {
  const starts = (signature: number[], offset = 0) => signature.every((byte, i) => bytes[offset + i] === byte);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

/**
 * The address to fetch, resolved against `base`, or why it is refused: it
 * must be http(s), carry no user name or password, and be of `allowedOrigin`.
 */
function checkAddress(address: string, base: string, allowedOrigin: string): { ok: true; url: URL } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(address, base);
  } catch {
    return { ok: false, reason: `not an address: ${address.slice(0, 80)}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `not an http(s) address: ${url.protocol}` };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'an address with a user name or password' };
  if (url.origin !== allowedOrigin) return { ok: false, reason: `not from the village server's origin: ${url.origin}` };
  return { ok: true, url };
}

/** What relative addresses resolve against, and the one origin pictures come from. */
function serverOrigin(baseUrl: string): { base: string; origin: string } | null {
  const base = `${baseUrl.replace(/\/+$/, '')}/`;
  try {
    return { base, origin: new URL(base).origin };
  } catch {
    return null;
  }
}

/** Why a picture at this address is never fetched (nor shown from the cache), or null when it may be. */
export function pictureRefusal(address: string, baseUrl: string): string | null {
  const server = serverOrigin(baseUrl);
  if (!server) return `the village server address is not one: ${baseUrl.slice(0, 80)}`;
  const checked = checkAddress(address, server.base, server.origin);
  return checked.ok ? null : checked.reason;
}

export async function downloadImage(address: string, options: ImageDownloadOptions): Promise<VillageResult<DownloadedImage>> {
  const server = serverOrigin(options.baseUrl);
  if (!server) return refused(`the village server address is not one: ${options.baseUrl.slice(0, 80)}`);
  const first = checkAddress(address, server.base, server.origin);
  if (!first.ok) return refused(first.reason);
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    let url = first.url;
    for (let redirects = 0; ; redirects++) {
      const response = await (options.fetch ?? fetch)(url, { signal, redirect: 'manual' });
      if (REDIRECT_STATUSES.has(response.status)) {
        await response.body?.cancel();
        if (redirects === MAX_REDIRECTS) return refused(`more than ${MAX_REDIRECTS} redirects`);
        const location = response.headers.get('location');
        if (!location) return refused(`HTTP ${response.status} without a Location`);
        const next = checkAddress(location, url.href, server.origin);
        if (!next.ok) return refused(`redirected: ${next.reason}`);
        url = next.url;
        continue;
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        return response.status >= 500 || response.status === 408 || response.status === 429
          ? { ok: false, error: { kind: 'transient', reason: 'server', status: response.status, message: `HTTP ${response.status}` } }
          : { ok: false, error: { kind: 'permanent', status: response.status, message: `HTTP ${response.status}` } };
      }
      const body = await readCappedBody(response, options.maxBytes);
      if (!body.ok) return refused(body.tooLarge.message);
      const type = imageTypeOf(body.bytes);
      if (!type) return refused('not a PNG, JPEG, GIF or WebP picture');
      return { ok: true, value: { bytes: body.bytes, type } };
    }
  } catch (error) {
    return { ok: false, error: classifyThrown(error) };
  }
}

function refused(message: string): VillageResult<never> {
  return { ok: false, error: { kind: 'permanent', status: 0, message } };
}
