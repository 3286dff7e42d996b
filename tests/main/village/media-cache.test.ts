import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { MediaCacheIo } from '../../../src/main/village/media-cache';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createSilentLogger } from '../../../src/main/logging/logger';
import { createMediaCache } from '../../../src/main/village/media-cache';
import type { DownloadedImage } from '../../../src/main/village/image-download';
import type { VillageResult } from '../../../src/main/village/types';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const log = createSilentLogger().root;
const png = (marker: string): DownloadedImage => ({ bytes: Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from(marker)]), type: 'image/png' });

function downloader(pictures: Record<string, DownloadedImage>) {
  return vi.fn(async (address: string): Promise<VillageResult<DownloadedImage>> => {
    const picture = pictures[address];
    return picture ? { ok: true, value: picture } : { ok: false, error: { kind: 'transient', reason: 'network', message: 'ECONNREFUSED' } };
  });
}

describe('media cache', () => {
  it('keeps fetched pictures on disk: a new cache on the same folder (a restart) shows them without the server', async () => {
    const dir = tempDir();
    const cache = createMediaCache(dir, log);
    const download = downloader({ 'http://desa/a.png': png('a'), 'http://desa/b.png': png('b') });
    expect(await cache.fetchMissing(['http://desa/a.png', 'http://desa/b.png'], download)).toEqual({ added: 2, failed: [] });

    const restarted = createMediaCache(dir, log);
    expect(restarted.dataUrl('http://desa/a.png')).toBe(`data:image/png;base64,${png('a').bytes.toString('base64')}`);
    expect(restarted.stats()).toEqual({ pictures: 2, bytes: png('a').bytes.length + png('b').bytes.length });
  });

  it('fetches each address once, and one failure stops none of the others', async () => {
    const cache = createMediaCache(tempDir(), log);
    const download = downloader({ 'http://desa/a.png': png('a'), 'http://desa/c.png': png('c') });
    const first = await cache.fetchMissing(['http://desa/a.png', 'http://desa/b.png', 'http://desa/c.png'], download);
    expect(first).toEqual({ added: 2, failed: [{ address: 'http://desa/b.png', reason: 'ECONNREFUSED' }] });
    download.mockClear();
    await cache.fetchMissing(['http://desa/a.png', 'http://desa/b.png', 'http://desa/c.png'], download);
    expect(download.mock.calls.map(([address]) => address)).toEqual(['http://desa/b.png']);
  });

  it('removes pictures no longer shown, and stray files', async () => {
    const dir = tempDir();
    const cache = createMediaCache(dir, log);
    await cache.fetchMissing(['http://desa/a.png', 'http://desa/b.png'], downloader({ 'http://desa/a.png': png('a'), 'http://desa/b.png': png('b') }));
    writeFileSync(path.join(dir, 'leftover.tmp'), 'half a picture');
    cache.keepOnly(['http://desa/b.png']);
    expect(cache.dataUrl('http://desa/a.png')).toBeNull();
    expect(cache.dataUrl('http://desa/b.png')).not.toBeNull();
    expect(readdirSync(dir).sort()).toHaveLength(2); // index.json and b's file
    expect(existsSync(path.join(dir, 'leftover.tmp'))).toBe(false);
  });

  it('starts again from an unreadable index, and forgets a picture whose file went missing', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'index.json'), '{"entries": {"x": {"file": "../../etc/passwd"');
    const warn = vi.fn();
    const cache = createMediaCache(dir, { ...log, warn } as unknown as typeof log);
    expect(cache.stats()).toEqual({ pictures: 0, bytes: 0 });
    expect(warn).toHaveBeenCalledTimes(1);

    await cache.fetchMissing(['http://desa/a.png'], downloader({ 'http://desa/a.png': png('a') }));
    for (const name of readdirSync(dir)) if (name !== 'index.json') rmSync(path.join(dir, name));
    const again = createMediaCache(dir, log);
    expect(again.dataUrl('http://desa/a.png')).toBeNull();
    expect(again.stats().pictures).toBe(0);
  });

  it('refuses an index that names files outside the folder', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ entries: { 'http://desa/a.png': { file: '../../../etc/passwd', type: 'image/png', bytes: 1 } } }));
    const cache = createMediaCache(dir, log);
    expect(cache.dataUrl('http://desa/a.png')).toBeNull();
  });

  it('a full disk fails the picture it met, leaves no half file and stops the round; the next round, with space back, stores them all', async () => {
    const dir = tempDir();
    let fullFor = 0;
    const io: MediaCacheIo = {
      writeFile(file, bytes) {
        if (fullFor > 0) {
          fullFor -= 1;
          writeFileSync(file, bytes.subarray(0, 3)); // what a full disk leaves: part of it
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }
        writeFileSync(file, bytes);
      },
    };
    const cache = createMediaCache(dir, log, io);
    const addresses = ['http://desa/a.png', 'http://desa/b.png', 'http://desa/c.png'];
    const download = downloader({ 'http://desa/a.png': png('a'), 'http://desa/b.png': png('b'), 'http://desa/c.png': png('c') });
    fullFor = 1;
    expect(await cache.fetchMissing(addresses, download)).toEqual({
      added: 0,
      failed: [
        { address: 'http://desa/a.png', reason: 'not stored: ENOSPC' },
        { address: 'http://desa/b.png', reason: 'not fetched: ENOSPC' },
        { address: 'http://desa/c.png', reason: 'not fetched: ENOSPC' },
      ],
    });
    expect(download).toHaveBeenCalledTimes(1);
    expect(readdirSync(dir)).toEqual([]);

    expect(await cache.fetchMissing(addresses, download)).toEqual({ added: 3, failed: [] });
    expect(createMediaCache(dir, log).stats().pictures).toBe(3);
  });

  it('an index that cannot be written keeps the pictures shown; the next change writes it', async () => {
    const dir = tempDir();
    let indexFull = true;
    const io: MediaCacheIo = {
      writeFile(file, bytes) {
        if (indexFull && path.basename(file).startsWith('index.json')) throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
        writeFileSync(file, bytes);
      },
    };
    const cache = createMediaCache(dir, log, io);
    expect(await cache.fetchMissing(['http://desa/a.png'], downloader({ 'http://desa/a.png': png('a') }))).toEqual({ added: 1, failed: [] });
    expect(cache.dataUrl('http://desa/a.png')).not.toBeNull();
    expect(existsSync(path.join(dir, 'index.json.tmp'))).toBe(false);
    indexFull = false;
    await cache.fetchMissing(['http://desa/b.png'], downloader({ 'http://desa/b.png': png('b') }));
    expect(createMediaCache(dir, log).stats().pictures).toBe(2);
  });
});
