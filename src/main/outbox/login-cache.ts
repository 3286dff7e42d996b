/**
 * Logins the sync worker made with a resident's PIN, and the PINs the server
 * refused, for this process only. Keyed by an HMAC of NIK + PIN under a key
 * that never leaves memory: a request can only ever use a token that its own
 * NIK and PIN produced, and no PIN is kept in the clear as a key.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface LoginCache {
  /** The key for one NIK + PIN. */
  credentialOf(nik: string, pin: string): string;
  /** A token this credential's login gave that has not expired at `nowMs`, or null. */
  token(credential: string, nowMs: number): string | null;
  remember(credential: string, token: string, expiresAtMs: number): void;
  /** The server refused the token: the next attempt logs in again. */
  forget(credential: string): void;
  /** The server refused the NIK + PIN: it is never tried again in this process. */
  refuse(credential: string): void;
  refused(credential: string): boolean;
}

export function createLoginCache(): LoginCache {
  const key = randomBytes(32);
  const tokens = new Map<string, { token: string; expiresAt: number }>();
  const refusals = new Set<string>();
  return {
    credentialOf: (nik, pin) => createHmac('sha256', key).update(`${nik}\u0000${pin}`).digest('hex'),
    token(credential, nowMs) {
      const cached = tokens.get(credential);
      return cached && nowMs < cached.expiresAt ? cached.token : null;
    },
    remember(credential, token, expiresAtMs) {
      tokens.set(credential, { token, expiresAt: expiresAtMs });
    },
    forget(credential) {
      tokens.delete(credential);
    },
    refuse(credential) {
      refusals.add(credential);
    },
    refused: (credential) => refusals.has(credential),
  };
}
