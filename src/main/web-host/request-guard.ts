/**
 * The web host's gate: every HTTP request and WebSocket upgrade must carry the
 * per-launch token and come from our own origin.
 *
 * - Token: from `?token=` (the printed URL) or the cookie the first page load
 *   sets; compared in constant time.
 * - Host: must be 127.0.0.1:<port> or localhost:<port>. This defeats DNS
 *   rebinding, where a web page on another name resolves to 127.0.0.1.
 * - Origin: when a browser sends one it must be our own; a WebSocket upgrade
 *   must always send one (browsers always do).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type GuardVerdict = { allowed: true; tokenFrom: 'query' | 'cookie' } | { allowed: false; reason: string };

export interface GuardOptions {
  token: string;
  port: number;
  requireOrigin: boolean;
}

export function tokenCookieName(port: number): string {
  // Cookies are per host, not per port: name it by port so two hosts don't collide.
  return `adm_token_${port}`;
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function checkRequest(request: IncomingMessage, options: GuardOptions): GuardVerdict {
  const hosts = allowedHosts(options.port);
  const host = request.headers.host?.toLowerCase();
  if (!host || !hosts.includes(host)) return { allowed: false, reason: 'foreign Host header' };

  const origin = request.headers.origin;
  if (origin === undefined) {
    if (options.requireOrigin) return { allowed: false, reason: 'missing Origin' };
  } else if (!hosts.some((h) => origin.toLowerCase() === `http://${h}`)) {
    return { allowed: false, reason: 'foreign Origin' };
  }

  const url = new URL(request.url ?? '/', `http://${host}`);
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null && sameSecret(fromQuery, options.token)) return { allowed: true, tokenFrom: 'query' };
  const fromCookie = readCookie(request.headers.cookie, tokenCookieName(options.port));
  if (fromCookie !== null && sameSecret(fromCookie, options.token)) return { allowed: true, tokenFrom: 'cookie' };
  return { allowed: false, reason: fromQuery === null && fromCookie === null ? 'missing token' : 'wrong token' };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}
