/**
 * The demo decision both hosts make: the embedded demo server starts only
 * when nothing named config.json is in the data directory. A config.json the
 * kiosk cannot read (a folder, a link to nothing) needs a technician; it must
 * neither start demo mode nor stop the host from starting.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configPath } from '../../src/main/config/store';
import { startHostCore, type HostCore } from '../../src/main/host-core';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const started: HostCore[] = [];
afterEach(async () => {
  for (const host of started.splice(0)) await host.close();
});

async function start(dataDir: string): Promise<HostCore> {
  const host = await startHostCore({ demo: true, env: { ADM_DATA_DIR: dataDir }, startBackground: false });
  started.push(host);
  return host;
}

describe('startHostCore: demo mode', () => {
  it.each([
    ['a link to nothing', (file: string, dir: string) => symlinkSync(path.join(dir, 'restored-later.json'), file), /config\.json is a link to .*, which does not exist/],
    ['a folder', (file: string) => mkdirSync(file), /config\.json is a folder, not a file/],
  ])('is not started when config.json is %s: the kiosk starts and needs a technician', async (_name, make, detail) => {
    const dataDir = tempDir();
    make(configPath(dataDir), dataDir);
    const host = await start(dataDir);
    expect(host.demo).toBeNull();
    expect(host.core.needsTechnician()).toMatch(detail);
    expect(host.core.village()).toBeNull();
  });

  it('is started when nothing is named config.json', async () => {
    const host = await start(tempDir());
    expect(host.demo).not.toBeNull();
    expect(host.core.needsTechnician()).toBeNull();
  });
});
