import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { neverCommissioned } from '../../../src/main/admin/commissioning';
import { configPath } from '../../../src/main/config/store';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const noRequests = { counts: () => ({ pending: 0, synced: 0, parked: 0, rejected: 0 }) };

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

  it('is true only with nothing named config.json and no stored request', () => {
    expect(neverCommissioned(tempDir(), noRequests)).toBe(true);
    expect(neverCommissioned(tempDir(), { counts: () => ({ pending: 0, synced: 1, parked: 0, rejected: 0 }) })).toBe(false);
  });
});
