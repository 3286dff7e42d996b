/**
 * Failures of the village server as values, classified for what the kiosk
 * does next (see the OpenSID API notes for where each comes from):
 * - wrong-credentials / locked: tell the resident (locked carries seconds);
 * - validation: per-field messages from the server, in Indonesian;
 * - unauthorised: the token is missing or expired: log in again;
 * - unavailable: not licensed, or a body that is neither JSON:API nor an app
 *   error (a proxy page, maintenance): treat the server as unavailable;
 * - transient: timeout, connection failure, 408/429/5xx: retry later;
 * - permanent: any other 4xx: retrying cannot help; show the server's message.
 */
export type VillageError =
  | { kind: 'wrong-credentials'; message: string }
  | { kind: 'locked'; seconds: number; message: string }
  | { kind: 'validation'; fields: Record<string, string[]>; message: string }
  | { kind: 'unauthorised'; message: string }
  | { kind: 'unavailable'; message: string }
  | { kind: 'transient'; reason: 'timeout' | 'network' | 'server'; status?: number; message: string }
  | { kind: 'permanent'; status: number; message: string };

export type VillageErrorKind = VillageError['kind'];

/** The body of a non-2xx answer, parsed as far as it goes. */
export interface ErrorBody {
  code?: unknown;
  messages?: unknown;
  message?: unknown;
  errors?: unknown;
}

export function classifyHttpError(status: number, body: ErrorBody | null, context: 'login' | 'other'): VillageError {
  const appMessage = typeof body?.messages === 'string' ? body.messages : null;
  const message = appMessage ?? (typeof body?.message === 'string' ? body.message : `HTTP ${status}`);
  if (status === 401) {
    if (context === 'login' && appMessage) return { kind: 'wrong-credentials', message: appMessage };
    if (body?.message === 'Unauthenticated.') return { kind: 'unauthorised', message };
    // e.g. {"message":"Token not provided"} relayed from the subscription check
    return { kind: 'unavailable', message };
  }
  if (status === 403) {
    const seconds = /(\d+)\s*detik/.exec(message);
    if (seconds && /terlalu banyak/i.test(message)) return { kind: 'locked', seconds: Number(seconds[1]), message };
    return { kind: 'permanent', status, message };
  }
  if (status === 422) {
    const fields = isFieldErrors(body?.errors) ? body.errors : {};
    return { kind: 'validation', fields, message };
  }
  if (status === 408 || status === 429 || status >= 500) return { kind: 'transient', reason: 'server', status, message };
  return { kind: 'permanent', status, message };
}

export function classifyThrown(error: unknown): VillageError {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { kind: 'transient', reason: 'timeout', message: 'the village server did not answer in time' };
  }
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  return {
    kind: 'transient',
    reason: 'network',
    message: cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error)),
  };
}

function isFieldErrors(value: unknown): value is Record<string, string[]> {
  return (
    value !== null &&
    typeof value === 'object' &&
    Object.values(value).every((v) => Array.isArray(v) && v.every((m) => typeof m === 'string'))
  );
}
