/**
 * Which connections the web host keeps. Any local process can connect, so a
 * single cap on open sockets lets one that holds or churns connections lock
 * the kiosk's own page out. A TCP connection is not known to be ours until a
 * request on it passes the guard with the session cookie (or the launch
 * token), so:
 *
 * - Every connection is accepted and starts *unproven*. Unproven connections
 *   have a cap of their own; a newcomer over it closes the OLDEST unproven
 *   one that has had its chance to speak, never the newcomer (it may be the
 *   kiosk's page, about to send its cookie), and each lives only a short
 *   time unless it proves itself.
 * - A connection whose request passed the guard is *proven* (keep-alive HTTP,
 *   an upgraded WebSocket) and leaves the unproven count. Proven ones have a
 *   generous cap of their own (a page needs a handful); over it, the oldest
 *   proven one closes (a page reconnects its WebSocket by itself).
 *
 * Having had its chance: a connection is accepted in one turn of the event
 * loop and its first bytes are read in the poll phase of the next, where a
 * page's request (sent with the connection) proves it at once. So a
 * connection counts as having had its chance after two `setImmediate` hops,
 * and until then it is not closed to make room. Only when every unproven
 * connection is that new (more than the cap arrived within one turn) is the
 * oldest closed anyway: the total stays bounded.
 *
 * What bounds the total: the process holds at most `maxUnproven + maxProven`
 * sockets (plus those it is closing); connections it has not accepted yet
 * wait in the kernel's listen queue (Node's default backlog, 511, clamped by
 * the kernel's somaxconn), which holds no descriptor of ours. Node raises the
 * soft descriptor limit to the hard one at start, far above these numbers.
 */
import type { Socket } from 'node:net';
import type { Logger } from 'pino';

export interface ConnectionLimits {
  /** Connections that have not shown the cookie yet. */
  maxUnprovenSockets: number;
  /** How long such a connection may stay without a request that passes the guard. */
  unprovenLifeMs: number;
  /** Connections whose request passed the guard. */
  maxProvenSockets: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxUnprovenSockets: 256,
  unprovenLifeMs: 10_000,
  maxProvenSockets: 64,
};

export interface ConnectionBudget {
  /** A new TCP connection: unproven until `prove`. */
  admit(socket: Socket): void;
  /** A request on this connection passed the guard (cookie or launch token). */
  prove(socket: Socket): void;
  /** Stops the timers (the server closes the sockets). */
  close(): void;
}

/** How often a flood is reported while it goes on. */
const REPORT_EVERY_MS = 60_000;

/** `log` gives the serving core's logger: the core behind the web host changes at a restart, the budget does not. */
export function createConnectionBudget(limits: ConnectionLimits, log: () => Logger): ConnectionBudget {
  // Maps and sets keep insertion order: the first entry is the oldest.
  const unproven = new Map<Socket, NodeJS.Timeout>();
  const hadItsChance = new WeakSet<Socket>();
  const proven = new Set<Socket>();
  let closedSinceReport = 0;
  let lastReport = 0;

  function evicted(reason: string): void {
    closedSinceReport += 1;
    const now = Date.now();
    if (now - lastReport < REPORT_EVERY_MS) return;
    log().warn({ closed: closedSinceReport, reason, unproven: unproven.size, proven: proven.size }, 'too many connections: the oldest were closed');
    closedSinceReport = 0;
    lastReport = now;
  }

  function forget(socket: Socket): void {
    const timer = unproven.get(socket);
    if (timer) clearTimeout(timer);
    unproven.delete(socket);
    proven.delete(socket);
  }

  function oldest<T>(items: Iterable<T>): T | undefined {
    for (const item of items) return item;
    return undefined;
  }

  function makeRoom(): void {
    let victim: Socket | undefined;
    for (const socket of unproven.keys()) {
      if (hadItsChance.has(socket)) {
        victim = socket;
        break;
      }
    }
    victim ??= oldest(unproven.keys())!;
    forget(victim);
    victim.destroy();
    evicted('unproven');
  }

  return {
    admit(socket) {
      while (unproven.size >= limits.maxUnprovenSockets) makeRoom();
      setImmediate(() => setImmediate(() => hadItsChance.add(socket)));
      const timer = setTimeout(() => {
        if (!unproven.has(socket)) return;
        forget(socket);
        socket.destroy();
      }, limits.unprovenLifeMs);
      timer.unref();
      unproven.set(socket, timer);
      socket.once('close', () => forget(socket));
    },
    prove(socket) {
      if (!unproven.has(socket)) return; // proven already, or closed meanwhile
      forget(socket);
      while (proven.size >= limits.maxProvenSockets) {
        const victim = oldest(proven)!;
        forget(victim);
        victim.destroy();
        evicted('proven');
      }
      proven.add(socket);
    },
    close() {
      for (const timer of unproven.values()) clearTimeout(timer);
      unproven.clear();
      proven.clear();
    },
  };
}
