/**
 * The attract screen's pictures on disk (`<data dir>/media/`), so the village
 * logo, gallery and article images still show while the server is away. One
 * file per picture address, named by its hash, and `index.json` saying which
 * address each file holds; both written atomically (temporary file, rename).
 * A picture is fetched once: the server gives a new address for a new picture.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { isStorageFull } from '../db/database';
import type { DownloadedImage } from './image-download';
import type { VillageResult } from './types';

const indexSchema = z.object({
  entries: z.record(
    z.string(),
    z.object({ file: z.string().regex(/^[0-9a-f]{32}$/), type: z.enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp']), bytes: z.number() }),
  ),
});
type Index = z.infer<typeof indexSchema>;

const INDEX_FILE = 'index.json';

export interface MediaCache {
  /** Fetches every address not cached yet; one failure stops none of the others (a full disk stops this round). */
  fetchMissing(
    addresses: string[],
    download: (address: string) => Promise<VillageResult<DownloadedImage>>,
  ): Promise<{ added: number; failed: Array<{ address: string; reason: string }> }>;
  /** The cached picture as a data URL (the renderer's CSP allows no other origin), or null. */
  dataUrl(address: string): string | null;
  /** Removes every picture whose address is not among these (and stray files). */
  keepOnly(addresses: string[]): void;
  /** What the cache holds (for the log and the technician). */
  stats(): { pictures: number; bytes: number };
}

export interface MediaCacheIo {
  /** Tests make it fail as a full disk does. */
  writeFile(file: string, bytes: Uint8Array): void;
}

export function createMediaCache(dir: string, log: Logger, io: MediaCacheIo = { writeFile: writeFileSync }): MediaCache {
  mkdirSync(dir, { recursive: true });
  let index = readIndex();

  function readIndex(): Index {
    let text: string;
    try {
      text = readFileSync(path.join(dir, INDEX_FILE), 'utf8');
    } catch {
      return { entries: {} };
    }
    try {
      const parsed = indexSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON: as below
    }
    // Only the pictures are lost (they are fetched again); the screen is not.
    log.warn({ dir }, 'the picture cache index is unreadable; starting it again');
    return { entries: {} };
  }

  function saveIndex(): void {
    const temporary = path.join(dir, `${INDEX_FILE}.tmp`);
    try {
      io.writeFile(temporary, Buffer.from(JSON.stringify(index)));
      renameSync(temporary, path.join(dir, INDEX_FILE));
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  }

  const fileOf = (address: string) => createHash('sha256').update(address).digest('hex').slice(0, 32);

  /**
   * Writes one picture; a failed write (a full disk, a folder gone) leaves no
   * half file and is that picture's failure, fetched again with the next
   * refresh, never the cache's: space comes back, and so do the pictures.
   */
  function store(address: string, picture: DownloadedImage): NodeJS.ErrnoException | null {
    const file = fileOf(address);
    const temporary = path.join(dir, `${file}.tmp`);
    try {
      mkdirSync(dir, { recursive: true }); // in case someone emptied the data folder by hand
      io.writeFile(temporary, picture.bytes);
      renameSync(temporary, path.join(dir, file));
    } catch (error) {
      rmSync(temporary, { force: true });
      return error as NodeJS.ErrnoException;
    }
    index = { entries: { ...index.entries, [address]: { file, type: picture.type, bytes: picture.bytes.length } } };
    keepIndex();
    return null;
  }

  /** The index on disk; kept in memory when it cannot be written (the pictures then show until a restart). */
  function keepIndex(): void {
    try {
      saveIndex();
    } catch (error) {
      log.warn({ err: error, dir }, 'the picture cache index could not be written; tried again with the next change');
    }
  }

  return {
    async fetchMissing(addresses, download) {
      let added = 0;
      const failed: Array<{ address: string; reason: string }> = [];
      const wanted = [...new Set(addresses)].filter((address) => !index.entries[address]);
      for (const [i, address] of wanted.entries()) {
        const result = await download(address);
        if (!result.ok) {
          failed.push({ address, reason: result.error.message });
          continue;
        }
        const error = store(address, result.value);
        if (!error) {
          added += 1;
          continue;
        }
        failed.push({ address, reason: `not stored: ${error.code ?? error.message}` });
        // A full disk refuses the rest too: they wait for the next refresh rather than being fetched for nothing.
        if (isStorageFull(error)) {
          for (const waiting of wanted.slice(i + 1)) failed.push({ address: waiting, reason: `not fetched: ${error.code}` });
          break;
        }
      }
      return { added, failed };
    },

    dataUrl(address) {
      const entry = index.entries[address];
      if (!entry) return null;
      try {
        return `data:${entry.type};base64,${readFileSync(path.join(dir, entry.file)).toString('base64')}`;
      } catch (error) {
        log.warn({ err: error, file: entry.file }, 'a cached picture is missing; it is fetched again with the next refresh');
        const { [address]: _gone, ...rest } = index.entries;
        index = { entries: rest };
        keepIndex();
        return null;
      }
    },

    keepOnly(addresses) {
      const wanted = new Set(addresses);
      const kept = Object.fromEntries(Object.entries(index.entries).filter(([address]) => wanted.has(address)));
      if (Object.keys(kept).length !== Object.keys(index.entries).length) {
        index = { entries: kept };
        keepIndex();
      }
      const files = new Set(Object.values(kept).map((entry) => entry.file));
      for (const name of readdirSync(dir)) {
        if (name === INDEX_FILE || files.has(name)) continue;
        rmSync(path.join(dir, name), { force: true });
      }
    },

    stats() {
      const entries = Object.values(index.entries);
      let bytes = 0;
      for (const entry of entries) {
        try {
          bytes += statSync(path.join(dir, entry.file)).size;
        } catch {
          // counted as missing by dataUrl
        }
      }
      return { pictures: entries.length, bytes };
    },
  };
}
