/**
 * The admin PIN is kept only as a scrypt hash (`scrypt$N$r$p$salt$hash`,
 * base64url): a stolen database gives no PIN without the work of guessing
 * it, and each guess costs about 0.1 s.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_BYTES = 32;

function scrypt(pin: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Memory for N=2^15, r=8: 32 MiB; the default limit is exactly that, so give room.
    scryptCallback(pin, salt, KEY_BYTES, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(pin, salt, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** False for a wrong PIN and for a stored value that is not one of our hashes. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Number.isInteger(params.N) || params.N < 2 ** 14 || params.N > 2 ** 20 || expected.length !== KEY_BYTES) return false;
  const actual = await scrypt(pin, Buffer.from(salt, 'base64url'), params);
  return timingSafeEqual(actual, expected);
}
