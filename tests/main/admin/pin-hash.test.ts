import { describe, expect, it } from 'vitest';
import { hashPin, verifyPin } from '../../../src/main/admin/pin-hash';
import { isStrongAdminPin } from '../../../src/shared/admin-pin';

describe('admin PIN hash', () => {
  it('stores scrypt with a salt of its own, never the PIN, and verifies only the right PIN', async () => {
    const first = await hashPin('482916');
    const second = await hashPin('482916');
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toContain('482916');
    expect(first).not.toBe(second);
    expect(await verifyPin('482916', first)).toBe(true);
    expect(await verifyPin('482917', first)).toBe(false);
    expect(await verifyPin('', first)).toBe(false);
  });

  it('refuses a stored value that is not one of its hashes (never a plain comparison)', async () => {
    for (const stored of ['482916', 'scrypt$2$8$1$c2FsdA$a2V5', 'md5$x', '']) expect(await verifyPin('482916', stored)).toBe(false);
  });
});

describe('admin PIN rules', () => {
  it('wants 6 to 12 digits, not one digit repeated and not a run', () => {
    expect(['482916', '90817263', '918273645501'].map(isStrongAdminPin)).toEqual([true, true, true]);
    for (const weak of ['12345', '1234567890123', '000000', '111111', '123456', '654321', '890123', '4829a6']) expect(isStrongAdminPin(weak)).toBe(false);
  });
});
