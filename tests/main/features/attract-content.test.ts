import type * as nodeFs from 'node:fs';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AttractContent } from '../../../src/shared/contract';
import { createKioskCore } from '../../../src/main/core';
import { saveConfig } from '../../../src/main/config/store';
import { defaultConfig } from '../../../src/main/config/schema';
import { readLogo } from '../../../src/main/features/attract-content';
import { createSilentLogger } from '../../../src/main/logging/logger';
import { createMediaCache } from '../../../src/main/village/media-cache';
import { RESIDENTS } from '../../../tools/opensid-sim/seed';
import { coreWithSim } from '../../helpers/core-with-sim';
import { useTempDirs } from '../../helpers/temp-dir';

// The disk fills up for the next `fullFor` writes into a picture cache; every other write goes through.
const disk = vi.hoisted(() => ({ fullFor: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof nodeFs>();
  const { sep } = await import('node:path');
  return {
    ...fs,
    writeFileSync: (...args: Parameters<typeof fs.writeFileSync>) => {
      if (disk.fullFor > 0 && String(args[0]).includes(`${sep}media${sep}`)) {
        disk.fullFor -= 1;
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
      }
      fs.writeFileSync(...args);
    },
  };
});

const tempDir = useTempDirs();
let close: () => Promise<void> = async () => {};
afterEach(async () => close());

const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function attract(core: { invoke(name: string, input: unknown): Promise<unknown> }): Promise<AttractContent> {
  const result = (await core.invoke('kiosk.attract', {})) as { ok: boolean; value: AttractContent };
  expect(result.ok).toBe(true);
  return result.value;
}

describe('attract screen content', () => {
  it('caches the server logo and gallery on disk and still shows them after a restart with the server down', async () => {
    const dataDir = tempDir();
    const rig = await coreWithSim(dataDir);
    close = rig.close;
    const changed = vi.fn();
    rig.core.onEvent((name) => name === 'kiosk.attractChanged' && changed());
    rig.core.startBackground();
    await expect.poll(async () => (await attract(rig.core)).gallery.length, { timeout: 5000 }).toBe(3);
    expect(changed).toHaveBeenCalled();

    const online = await attract(rig.core);
    expect(online.gallery.map((photo) => photo.caption)).toEqual(['Kantor Desa Sukamaju', 'Balai Dusun I', 'Posyandu Melati']);
    for (const photo of online.gallery) expect(photo.dataUrl).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(online.logoDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(online.officeAddress).toBe('Jl. Raya Sukamaju No. 1');

    // A restart while the village server is away: everything from the cache.
    await rig.core.close();
    await rig.sim.close();
    const offline = createKioskCore({ dataDir, watchConfig: false });
    close = () => offline.close();
    offline.startBackground();
    const cached = await attract(offline);
    expect(cached.gallery).toEqual(online.gallery);
    expect(cached.logoDataUrl).toBe(online.logoDataUrl);
  });

  it("shows the news a session fetched (titles and the article's picture), never a commenter or the resident", async () => {
    const rig = await coreWithSim(tempDir());
    close = rig.close;
    rig.core.startBackground();
    const budi = RESIDENTS[0]!;
    await rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
    await rig.core.invoke('village.info', {});
    await rig.core.invoke('session.end', { reason: 'done' });
    await expect.poll(async () => (await attract(rig.core)).articles[1]?.imageDataUrl ?? null, { timeout: 5000 }).toMatch(/^data:image\/png;base64,/);

    const content = await attract(rig.core);
    expect(content.articles.map((a) => [a.title, a.date, a.imageDataUrl !== null])).toEqual([
      ['Kerja Bakti Bersih Desa', '2026-11-25 16:30:00', false],
      ['Jadwal Posyandu Bulan Ini', '2026-11-20 09:15:00', true],
    ]);
    const everything = JSON.stringify(content);
    for (const personal of [budi.nama, budi.nik, 'warga@contoh.invalid', '0812000000', '<script']) expect(everything).not.toContain(personal);
  });

  it('takes the office address and hours and the running text from the configuration', async () => {
    const rig = await coreWithSim(tempDir(), (config) => {
      config.village.officeAddress = 'Jl. Melati 7, Sukamaju';
      config.village.officeHours = 'Senin-Jumat 08.00-15.00 WIB';
      config.attract.runningText = 'Pelayanan KTP pindah ke Balai Dusun I mulai 1 Januari.';
    });
    close = rig.close;
    expect(await attract(rig.core)).toMatchObject({
      officeAddress: 'Jl. Melati 7, Sukamaju',
      officeHours: 'Senin-Jumat 08.00-15.00 WIB',
      runningText: 'Pelayanan KTP pindah ke Balai Dusun I mulai 1 Januari.',
      gallery: [],
      articles: [],
    });
  });

  it('prefers the configured logo file to the server logo', async () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, 'logo.png'), PNG_1PX);
    const config = defaultConfig();
    config.village.logoFile = 'logo.png';
    await saveConfig(dataDir, config);
    const core = createKioskCore({ dataDir, watchConfig: false });
    close = () => core.close();
    expect((await attract(core)).logoDataUrl).toBe(`data:image/png;base64,${PNG_1PX.toString('base64')}`);
  });
});

describe('attract screen pictures: a full disk', () => {
  afterEach(() => {
    disk.fullFor = 0;
  });

  it('one ENOSPC while caching a picture fails that refresh only: the next refresh caches them, and the core still closes', async () => {
    const rig = await coreWithSim(tempDir());
    close = rig.close;
    disk.fullFor = 1;
    rig.core.startBackground();
    // The hourly profile refresh met the full disk...
    await expect.poll(() => disk.fullFor, { timeout: 5000 }).toBe(0);
    // ...and space came back: the next refresh (a session fetching the news) caches the pictures.
    const budi = RESIDENTS[0]!;
    await rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
    await rig.core.invoke('village.info', {});
    await rig.core.invoke('session.end', { reason: 'done' });
    await expect.poll(async () => (await attract(rig.core)).gallery.length, { timeout: 5000 }).toBe(3);
    close = async () => {};
    await expect(rig.close()).resolves.toBeUndefined();
  });
});

describe('attract screen pictures: only from the village server', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  async function listen(handle: (path: string) => { status: number; type: string; body: Buffer | string }) {
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(req.url ?? '');
      const answer = handle(req.url ?? '');
      res.writeHead(answer.status, { 'Content-Type': answer.type }).end(answer.body);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
  }

  it('never fetches nor shows a picture the profile names at another port, even one cached before; says so once', async () => {
    const internal = await listen(() => ({ status: 200, type: 'image/png', body: PNG_1PX }));
    const village = await listen((requested) => {
      if (requested === '/foto.png') return { status: 200, type: 'image/png', body: PNG_1PX };
      if (requested !== '/api/v1/profil-desa') return { status: 404, type: 'text/plain', body: '' };
      const profile = {
        data: {
          type: 'desa',
          id: '1',
          attributes: {
            logo: `${internal.origin}/secret.png`,
            galeri: [
              { nama: 'Kantor', url_gambar: `${villageOrigin()}/foto.png` },
              { nama: 'Dalam', url_gambar: `${internal.origin}/secret.png?n=2` },
            ],
            operator: '0812',
            alamat: { nama_desa: 'Sukamaju' },
          },
        },
      };
      return { status: 200, type: 'application/json', body: JSON.stringify(profile) };
    });
    const villageOrigin = () => village.origin;
    const dataDir = tempDir();
    // A kiosk that fetched the internal picture before the rule: it is in the cache.
    await createMediaCache(path.join(dataDir, 'media'), createSilentLogger().root).fetchMissing([`${internal.origin}/secret.png`], async () => ({
      ok: true,
      value: { bytes: PNG_1PX, type: 'image/png' },
    }));
    const config = defaultConfig();
    config.server.url = village.origin;
    await saveConfig(dataDir, config);
    const core = createKioskCore({ dataDir, watchConfig: false });
    close = () => core.close();
    core.startBackground();

    await expect.poll(async () => (await attract(core)).gallery.map((photo) => photo.caption), { timeout: 5000 }).toEqual(['Kantor']);
    for (let i = 0; i < 3; i++) expect((await attract(core)).logoDataUrl).toBeNull();
    expect(internal.hits).toEqual([]);

    await core.close();
    close = async () => {};
    const refusals = readFileSync(path.join(dataDir, 'logs', 'adm.log'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('is refused'))
      .map((line) => JSON.parse(line) as { address: string; reason: string });
    expect(refusals).toEqual([
      expect.objectContaining({ address: `${internal.origin}/secret.png`, reason: `not from the village server's origin: ${internal.origin}` }),
      expect.objectContaining({ address: `${internal.origin}/secret.png?n=2` }),
    ]);
  });
});

describe('readLogo', () => {
  it('shows no logo, with a warning, for a missing file or an unsupported type', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'logo.bmp'), 'BM');
    const warn = vi.fn();
    const log = { ...createSilentLogger().root, warn } as unknown as ReturnType<typeof createSilentLogger>['root'];
    expect(readLogo('missing.png', dir, log)).toBeNull();
    expect(readLogo('logo.bmp', dir, log)).toBeNull();
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
