/**
 * Pictures the village server points at (its logo, gallery photos, article
 * images), fetched for the attract screen's cache. A server may name any
 * address, relative or on another host, and answer anything: only http(s),
 * only up to a size (`read-capped-body.ts`), and only PNG, JPEG, GIF or WebP by their first bytes
 * (never by the server's Content-Type; SVG is refused, it is a document).
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
  /** Relative addresses are the server's own. */
  baseUrl: string;
  timeoutMs: number;
  maxBytes: number;
  fetch?: typeof fetch;
}

/** The picture format by its signature, or null when it is none we show. */
export function imageTypeOf(bytes: Uint8Array): ImageType | null {
  const starts = (signature: number[], offset = 0) => signature.every((byte, i) => bytes[offset + i] === byte);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

export async function downloadImage(address: string, options: ImageDownloadOptions): Promise<VillageResult<DownloadedImage>> {
  let url: URL;
  try {
    url = new URL(address, `${options.baseUrl.replace(/\/+$/, '')}/`);
  } catch {
    return refused(`not an address: ${address.slice(0, 80)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return refused(`not an http(s) address: ${url.protocol}`);
  try {
    const response = await (options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(options.timeoutMs), redirect: 'follow' });
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
  } catch (error) {
    return { ok: false, error: classifyThrown(error) };
  }
}

function refused(message: string): VillageResult<never> {
  return { ok: false, error: { kind: 'permanent', status: 0, message } };
}
