/**
 * The one resident session a kiosk has at a time, held in memory only. The
 * token (online) or the PIN (offline, until a request seals it into the
 * outbox) never touches the disk from here, and `clear` drops both.
 */
export interface ResidentSession {
  nik: string;
  /** From the server when online; unknown while offline. */
  name: string | null;
  phone: string | null;
  online: boolean;
  token: string | null;
  tokenExpiresAt: number | null;
  /** Offline only: sealed into the outbox with each request, then forgotten here. */
  pin: string | null;
  /** The resident's own uploaded documents per requirement id (online only). */
  documents: Map<number, Array<{ label: string; value: string }>>;
  startedAt: number;
}

export interface SessionHolder {
  current(): ResidentSession | null;
  start(session: ResidentSession): void;
  clear(): ResidentSession | null;
}

export function createSessionHolder(): SessionHolder {
  let session: ResidentSession | null = null;
  return {
    current: () => session,
    start(next) {
      session = next;
    },
    clear() {
      const ended = session;
      if (session) {
        session.pin = null;
        session.token = null;
      }
      session = null;
      return ended;
    },
  };
}
