import { describe, expect, it } from 'vitest';
import { createLoginCache } from '../../../src/main/outbox/login-cache';

describe('login cache', () => {
  it('gives a token only to the NIK and PIN that logged in, until it expires', () => {
    const logins = createLoginCache();
    const budi = logins.credentialOf('3201010101010001', '123456');
    logins.remember(budi, 'token-budi', 1_000);
    expect(logins.token(budi, 999)).toBe('token-budi');
    expect(logins.token(budi, 1_000)).toBeNull();
    expect(logins.token(logins.credentialOf('3201010101010001', '654321'), 0)).toBeNull();
    logins.remember(budi, 'token-budi', 1_000);
    logins.forget(budi);
    expect(logins.token(budi, 0)).toBeNull();
  });

  it('remembers a refused PIN, and keys nothing by the PIN in the clear', () => {
    const logins = createLoginCache();
    const credential = logins.credentialOf('3201010101010001', '123456');
    expect(credential).not.toContain('123456');
    expect(logins.refused(credential)).toBe(false);
    logins.refuse(credential);
    expect(logins.refused(credential)).toBe(true);
    // Another process (a new cache) keys the same NIK and PIN differently.
    expect(createLoginCache().credentialOf('3201010101010001', '123456')).not.toBe(credential);
  });
});
