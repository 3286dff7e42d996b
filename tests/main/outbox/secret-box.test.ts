import { statSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, KEY_FILE, keyFileProvider } from '../../../src/main/outbox/secret-box';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('secret box', () => {
  it('seals and opens, with a fresh IV each time', () => {
    const box = createSecretBox(randomBytes(32));
    const a = box.seal('123456');
    const b = box.seal('123456');
    expect(a.equals(b)).toBe(false);
    expect(box.open(a)).toBe('123456');
  });

  it('refuses tampered data and a wrong key', () => {
    const box = createSecretBox(randomBytes(32));
    const sealed = box.seal('123456');
    sealed[sealed.length - 1]! ^= 1;
    expect(() => box.open(sealed)).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(box.seal('x'))).toThrow();
  });

  it('keeps its key in a 0600 file that survives restarts', () => {
    const dir = tempDir();
    const key = keyFileProvider(dir)();
    expect(statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(keyFileProvider(dir)().equals(key)).toBe(true);
  });
});
