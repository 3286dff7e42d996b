/**
 * In Electron the key that seals offline PINs is itself protected by the
 * operating system (safeStorage: DPAPI on Windows, the keyring on Linux), and
 * stored encrypted in the data directory. Where the OS offers no protection
 * (a Linux kiosk without a keyring) it falls back to the 0600 key file.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import { KEY_BYTES, keyFileProvider, type KeyProvider } from '../outbox/secret-box';

export function safeStorageKeyProvider(dataDir: string): KeyProvider {
  return () => {
    if (!safeStorage.isEncryptionAvailable() || safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      return keyFileProvider(dataDir)();
    }
    const file = path.join(dataDir, 'keys', 'secret-box.key.os');
    if (existsSync(file)) {
      const key = Buffer.from(safeStorage.decryptString(readFileSync(file)), 'base64');
      if (key.length === KEY_BYTES) return key;
      throw new Error(`${file} does not hold a valid key`);
    }
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const key = randomBytes(KEY_BYTES);
    writeFileSync(file, safeStorage.encryptString(key.toString('base64')), { mode: 0o600, flag: 'wx' });
    return key;
  };
}
