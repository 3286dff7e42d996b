/**
 * Admin sessions, in memory only: a random token per opening, who opened it
 * (the PIN, or a technician card's label), and when it was last used. A
 * session closes itself after the idle time; a restart closes them all.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export interface AdminSessions {
  open(actor: string): string;
  /** The session's actor, its idle time restarted; null when unknown or expired. */
  use(token: string | undefined): string | null;
  close(token: string | undefined): boolean;
  closeAll(): void;
  /** Whether any admin session is open now (resident screens wait meanwhile). */
  anyOpen(): boolean;
}

export function createAdminSessions(idleMs: () => number, clock: () => number = Date.now): AdminSessions {
  const sessions = new Map<string, { actor: string; lastUsed: number }>();

  function find(token: string | undefined): string | null {
    if (typeof token !== 'string' || token.length === 0) return null;
    const given = Buffer.from(token);
    for (const known of sessions.keys()) {
      const expected = Buffer.from(known);
      if (given.length === expected.length && timingSafeEqual(given, expected)) return known;
    }
    return null;
  }

  function sweep(): void {
    const now = clock();
    for (const [token, session] of sessions) if (now - session.lastUsed > idleMs()) sessions.delete(token);
  }

  return {
    open(actor) {
      // One technician at a time: a new opening ends any other.
      sessions.clear();
      const token = randomBytes(32).toString('base64url');
      sessions.set(token, { actor, lastUsed: clock() });
      return token;
    },
    use(token) {
      sweep();
      const known = find(token);
      if (!known) return null;
      const session = sessions.get(known)!;
      session.lastUsed = clock();
      return session.actor;
    },
    close(token) {
      const known = find(token);
      return known ? sessions.delete(known) : false;
    },
    closeAll() {
      sessions.clear();
    },
    anyOpen() {
      sweep();
      return sessions.size > 0;
    },
  };
}
