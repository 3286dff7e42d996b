/**
 * Sealing the secrets the sync worker needs to act for a resident who made a
 * request while the server was unreachable (their PIN) or whose live session
 * ended before the request was sent (their token). AES-256-GCM with a random
 * 96-bit IV per secret; the sealed form is iv | tag | ciphertext.
 *
 * The key comes from a KeyProvider: in Electron it is protected by the OS
 * (safeStorage); in the web host and CLI it is a 0600 key file in the data
 * directory. Secrets are deleted as soon as the server accepted or refused them.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export interface SecretBox {
  seal(plaintext: string): Buffer;
  open(sealed: Buffer): string;
}

export type KeyProvider = () => Buffer;

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== KEY_BYTES) throw new Error(`secret key must be ${KEY_BYTES} bytes`);
  return {
    seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
    },
    open(sealed) {
      const iv = sealed.subarray(0, IV_BYTES);
      const tag = sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}

export const KEY_FILE = path.join('keys', 'secret-box.key');

/** A random key in `<data dir>/keys/secret-box.key`, created 0600 on first use. */
export function keyFileProvider(dataDir: string): KeyProvider {
  return () => {
    const file = path.join(dataDir, KEY_FILE);
    if (existsSync(file)) {
      const key = readFileSync(file);
      if (key.length === KEY_BYTES) return key;
      throw new Error(`${file} is not a ${KEY_BYTES}-byte key; restore it from backup or remove it (pending offline requests then need the resident again)`);
    }
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const key = randomBytes(KEY_BYTES);
    writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
    return key;
  };
}
