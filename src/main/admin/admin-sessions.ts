/**
 * Admin sessions, in memory only: a random token per opening, who opened it
 * (the PIN, or a technician card's label), the page that holds it, and when
 * it was last used. A session is good only from the page that opened it (in
 * the web host its WebSocket, in Electron the admin window) and ends when
 * that page goes away, "Keluar" or not: a token copied to another page opens
 * nothing, and a closed admin page never leaves the resident screens
 * waiting. It also closes itself after the idle time; a restart closes all.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Guard } from '../dispatcher';

/** The page an admin call comes from: `ws:<n>` (a web host socket) or `window:<id>` (Electron's admin window). */
export type AdminHolder = string;

/** Who makes an admin call: the session token it carries, and the page it comes from. */
export interface AdminCaller {
  session: string | undefined;
  holder: AdminHolder;
}

/** What an admin call's handler learns: who acted (the session's actor: "pin", "card:<label>") and the page. */
export type AdminCallArgs = [actor: string, holder: AdminHolder];
/** A public admin call (how a session starts) has no actor yet: only the page, which a session opened there is bound to. */
export type PublicAdminCallArgs = [holder: AdminHolder];

export interface AdminSessions {
  open(actor: string, holder: AdminHolder): string;
  /** The session's actor, its idle time restarted; null when unknown, expired, or held by another page. */
  use(token: string | undefined, holder: AdminHolder): string | null;
  close(token: string | undefined): boolean;
  /** The page went away: its session ends. Returns who it was, or null when it held none. */
  closeHeldBy(holder: AdminHolder): string | null;
  closeAll(): void;
  /** Told who, when a session ends because its page went away (admin audits it and lets the resident screens back). */
  onHolderGone(listener: (actor: string) => void): () => void;
  /** Whether any admin session is open now (resident screens wait meanwhile). */
  anyOpen(): boolean;
}

export function createAdminSessions(idleMs: () => number, clock: () => number = Date.now): AdminSessions {
  const sessions = new Map<string, { actor: string; holder: AdminHolder; lastUsed: number }>();
  const goneListeners = new Set<(actor: string) => void>();

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
    open(actor, holder) {
      // One technician at a time: a new opening ends any other.
      sessions.clear();
      const token = randomBytes(32).toString('base64url');
      sessions.set(token, { actor, holder, lastUsed: clock() });
      return token;
    },
    use(token, holder) {
      sweep();
      const known = find(token);
      if (!known) return null;
      const session = sessions.get(known)!;
      if (session.holder !== holder) return null;
      session.lastUsed = clock();
      return session.actor;
    },
    close(token) {
      const known = find(token);
      return known ? sessions.delete(known) : false;
    },
    closeHeldBy(holder) {
      sweep();
      for (const [token, session] of sessions) {
        if (session.holder !== holder) continue;
        sessions.delete(token);
        for (const listener of goneListeners) listener(session.actor);
        return session.actor;
      }
      return null;
    },
    closeAll() {
      sessions.clear();
    },
    onHolderGone(listener) {
      goneListeners.add(listener);
      return () => goneListeners.delete(listener);
    },
    anyOpen() {
      sweep();
      return sessions.size > 0;
    },
  };
}

/** The admin half's guard: a call needs a session opened from the same page, except the public calls. */
export function adminSessionGuard(sessions: Pick<AdminSessions, 'use'>): Guard<AdminCaller, AdminCallArgs, PublicAdminCallArgs> {
  return {
    admit({ session, holder }) {
      const actor = sessions.use(session, holder);
      return actor === null
        ? { ok: false, code: 'admin-session-required', message: 'admin call without a valid admin session refused' }
        : { ok: true, args: [actor, holder] };
    },
    pass: ({ holder }) => [holder],
  };
}
