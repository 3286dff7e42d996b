/**
 * The web host's gate: every HTTP request and WebSocket upgrade must carry a
 * secret of this launch and come from our own origin. It runs before anything
 * else looks at a request, on bytes any local page or process may send, so it
 * never throws: whatever cannot be parsed is refused.
 *
 * - Launch token: the `?token=` of the printed URL. It works ONCE: `--open`
 *   puts it on Chromium's command line, which any local user can read. The
 *   first page load exchanges it for the session cookie.
 * - Session cookie: a second random secret that is never printed, HttpOnly,
 *   SameSite=Strict, named by port. Reloads and the WebSocket use only it.
 * - Host: must be 127.0.0.1:<port> or localhost:<port>. This defeats DNS
 *   rebinding, where a web page on another name resolves to 127.0.0.1.
 * - Origin: when a browser sends one it must be our own; a WebSocket upgrade
 *   must always send one (browsers always do).
 * Secrets are compared in constant time.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * What a refused page load shows, the same whatever the reason, so it tells
 * nothing about the token, the cookie or which check failed. The usual way
 * here is opening the printed address a second time: it works once.
 */
export const REFUSED_PAGE = `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Akses ditolak</title>
<style>body{font:24px/1.5 sans-serif;max-width:40em;margin:2em auto;padding:0 1em;color:#111;background:#fff}h1{font-size:1.5em}</style>
</head>
<body>
<main>
<h1>Akses ditolak</h1>
<p>Halaman kios ini hanya terbuka di jendela kios, atau satu kali lewat alamat yang ditulis saat kios dijalankan. Alamat itu tidak dapat dibuka untuk kedua kalinya.</p>
<p>Yang dapat dilakukan:</p>
<ul>
<li>Gunakan jendela kios yang sudah terbuka.</li>
<li>Atau jalankan ulang kios, lalu buka alamat baru yang ditulisnya.</li>
</ul>
</main>
</body>
</html>
`;

/** Only the refusal page's own inline style: no script, no other source. */
export const REFUSED_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export type GuardVerdict =
  | { allowed: true; via: 'launch-token' | 'cookie'; url: URL }
  | { allowed: false; reason: string; status: 400 | 403 };

export interface GuardSecrets {
  /** The printed URL's token; null once it has been exchanged. */
  launchToken: string | null;
  sessionSecret: string;
}

export interface GuardOptions {
  port: number;
  requireOrigin: boolean;
  /** Page loads may exchange the launch token; WebSocket upgrades may not. */
  acceptLaunchToken: boolean;
}

export function tokenCookieName(port: number): string {
  // Cookies are per host, not per port: name it by port so two hosts don't collide.
  return `adm_session_${port}`;
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** The request target as a URL, or null for anything a URL parser refuses (`//%zz`, `//[`, `http://[`). */
export function parseRequestUrl(raw: string | undefined): URL | null {
  if (raw === undefined || !raw.startsWith('/') || raw.startsWith('//')) return null;
  try {
    return new URL(raw, 'http://127.0.0.1');
  } catch {
    return null;
  }
}

export function checkRequest(request: IncomingMessage, secrets: GuardSecrets, options: GuardOptions): GuardVerdict {
  const url = parseRequestUrl(request.url);
  if (!url) return { allowed: false, reason: 'malformed request target', status: 400 };

  const hosts = allowedHosts(options.port);
  const host = request.headers.host?.toLowerCase();
  if (!host || !hosts.includes(host)) return { allowed: false, reason: 'foreign Host header', status: 403 };

  const origin = request.headers.origin;
  if (origin === undefined) {
    if (options.requireOrigin) return { allowed: false, reason: 'missing Origin', status: 403 };
  } else if (!hosts.some((h) => origin.toLowerCase() === `http://${h}`)) {
    return { allowed: false, reason: 'foreign Origin', status: 403 };
  }

  const fromCookie = readCookie(request.headers.cookie, tokenCookieName(options.port));
  if (fromCookie !== null && sameSecret(fromCookie, secrets.sessionSecret)) return { allowed: true, via: 'cookie', url };
  const fromQuery = url.searchParams.get('token');
  if (options.acceptLaunchToken && fromQuery !== null && secrets.launchToken !== null && sameSecret(fromQuery, secrets.launchToken)) {
    return { allowed: true, via: 'launch-token', url };
  }
  const reason = fromQuery === null && fromCookie === null ? 'missing token' : secrets.launchToken === null && fromQuery !== null ? 'launch token already used' : 'wrong token';
  return { allowed: false, reason, status: 403 };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The named cookie's value; a value that is not valid percent-encoding is no value at all. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return null;
    }
  }
  return null;
}
