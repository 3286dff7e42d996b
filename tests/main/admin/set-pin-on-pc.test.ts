import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foreignOwnerRefusal, noKioskRefusal } from '../../../src/main/admin/set-pin-on-pc';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('who may run adm on a data directory', () => {
  it('refuses another user than the folder\'s owner (their files would lock the kiosk out), and says how to run it', () => {
    const dir = tempDir();
    const owner = statSync(dir).uid;
    expect(foreignOwnerRefusal(dir, owner)).toBeNull();
    expect(foreignOwnerRefusal(dir, owner + 1)).toBe(`${dir} belongs to another user (uid ${owner}); run adm as that user, e.g. sudo -u '#${owner}' adm ...`);
  });

  it('asks nothing where the system has no user ids (Windows), nor of a folder that does not exist yet', () => {
    expect(foreignOwnerRefusal(tempDir(), null)).toBeNull();
    expect(foreignOwnerRefusal(path.join(tempDir(), 'not-yet'), 12345)).toBeNull();
  });

  it('sets a PIN only where a kiosk database exists', () => {
    const dir = tempDir();
    expect(noKioskRefusal(dir)).toMatch(/no kiosk data in/);
    mkdirSync(path.join(dir, 'adm.sqlite'));
    expect(noKioskRefusal(dir)).toBeNull();
  });
});
