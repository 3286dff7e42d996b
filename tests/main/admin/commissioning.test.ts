import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { neverCommissioned, servedResidentsOnDisk } from '../../../src/main/admin/commissioning';
import { configPath } from '../../../src/main/config/store';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const noRequests = { servedResidents: () => false };

describe('neverCommissioned: the configuration file', () => {
  // Each of these is a configuration someone put there: the first admin PIN is not chosen on the touchscreen.
  it.each([
    ['a file', (file: string) => writeFileSync(file, '{}\n')],
    ['a folder', (file: string) => mkdirSync(file)],
    ['a link to nothing', (file: string, dir: string) => symlinkSync(path.join(dir, 'gone.json'), file)],
    ['a link to itself', (file: string) => symlinkSync(file, file)],
  ])('counts config.json as there when it is %s', (_name, make) => {
    const dir = tempDir();
    make(configPath(dir), dir);
    expect(neverCommissioned(dir, noRequests)).toBe(false);
  });

  it('is true only with nothing named config.json and no request ever made for a real village server', () => {
    expect(neverCommissioned(tempDir(), noRequests)).toBe(true);
    expect(neverCommissioned(tempDir(), { servedResidents: () => true })).toBe(false);
  });
});

describe('servedResidentsOnDisk: asked before a core exists', () => {
  it('is false without a database, and for one holding demo requests only; true once a real server\'s request is stored', async () => {
    const { createKioskCore } = await import('../../../src/main/core');
    const { newRequest, pinOf } = await import('../../helpers/outbox-rig');
    const { DEMO_TARGET, serverTarget } = await import('../../../src/main/village/server-target');
    const dir = tempDir();
    expect(servedResidentsOnDisk(dir)).toBe(false);
    const core = createKioskCore({ dataDir: dir, watchConfig: false, serverUrlOverride: 'http://127.0.0.1:9' });
    core.outbox.enqueue(newRequest({ serverTarget: DEMO_TARGET }), pinOf());
    expect(servedResidentsOnDisk(dir)).toBe(false);
    core.outbox.enqueue(newRequest({ serverTarget: serverTarget('http://127.0.0.1:9') }), pinOf());
    expect(servedResidentsOnDisk(dir)).toBe(true);
    await core.close();
  });

  it('counts a database it cannot read as served (no demo mode; the core\'s start says what is wrong)', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'adm.sqlite'), 'not a database at all, but something a kiosk left behind');
    expect(servedResidentsOnDisk(dir)).toBe(true);
  });
});
