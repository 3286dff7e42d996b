/**
 * The one resident session a kiosk has at a time, held in memory only.
 *
 * `online`: the server checked NIK + PIN; the token (and the PIN, sealed with
 * each request in case the token expires before the request is sent) belong to
 * this session and nothing else. `offline`: the server could not be reached,
 * so the PIN is NOT checked yet: the session knows no name, no phone and no
 * history, and may only see and reprint what it made itself. `clear` forgets
 * the secrets.
 */
export interface OnlineSession {
  mode: 'online';
  nik: string;
  name: string;
  phone: string | null;
  token: string;
  /** Kiosk clock, from the login's `expires_in`. */
  tokenExpiresAt: number;
  pin: string;
  /** The resident's own uploaded documents per requirement id. */
  documents: Map<number, Array<{ label: string; value: string }>>;
  startedAt: number;
  /** Outbox ids of the requests made in this session. */
  requestIds: Set<number>;
}

export interface OfflineSession {
  mode: 'offline';
  nik: string;
  /** Not checked: sealed into the outbox with each request, checked at sync. */
  pin: string;
  startedAt: number;
  requestIds: Set<number>;
}

export type ResidentSession = OnlineSession | OfflineSession;

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
      session = null;
      return ended;
    },
  };
}
