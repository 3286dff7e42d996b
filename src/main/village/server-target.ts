/**
 * Which village server a request is for. Every stored request remembers it,
 * and the sync worker never sends a request to any other: a configuration that
 * changed (or broke) must not move residents' requests to another server, least
 * of all to the in-memory demo server, where they would be lost.
 */
export const DEMO_TARGET = 'demo';

/** The server's identity: scheme, host (lower case, default port dropped) and path, without a trailing slash. */
export function serverTarget(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
}

export function describeTarget(target: string | null): string {
  if (target === null) return '(tidak diketahui)';
  return target === DEMO_TARGET ? 'server demo' : target;
}
