/**
 * What a technician may do with a request on the kiosk, decided once for
 * `adm outbox` and the admin Permohonan screen, so both offer only what can
 * work. Sending again needs the PIN or session the request was made with:
 * once the village server refused it (or the PIN grew too old) the kiosk has
 * deleted them, and a retry would only park it again at once; then only the
 * resident, at the kiosk, can make the request again.
 */
import type { OutboxRetry } from '../../shared/admin-contract';
import type { OutboxRequest, OutboxStore } from './outbox-store';

export interface OutboxActions {
  retry: OutboxRetry;
  /** Hold a waiting request (never one whose sending is in doubt: it may be on the server already). */
  park: boolean;
}

/** `serverTarget`: the server requests are sent to now (null: none configured). */
export function outboxActions(request: OutboxRequest, hasCredentials: boolean, serverTarget: string | null): OutboxActions {
  const inDoubt = request.attemptMark !== null || request.attemptStartedAt !== null;
  return { retry: retryVerdict(request, hasCredentials, serverTarget), park: request.syncState === 'pending' && !inDoubt };
}

function retryVerdict(request: OutboxRequest, hasCredentials: boolean, serverTarget: string | null): OutboxRetry {
  switch (request.syncState) {
    case 'synced':
      return 'sent';
    case 'rejected':
      return 'wrong-pin';
    case 'pending':
    case 'parked':
      if (request.purgedAt !== null) return 'purged';
      if (!hasCredentials) return 'request-again';
      if (request.serverTarget !== null && serverTarget !== null && request.serverTarget !== serverTarget) return 'other-server';
      return 'allowed';
  }
}

/** Sends a request again if it can be; otherwise says why not (`unknown`: no such reference). */
export function retryRequest(store: OutboxStore, reference: string, serverTarget: string | null): OutboxRetry | 'unknown' {
  const request = store.byReference(reference);
  if (!request) return 'unknown';
  const { retry } = outboxActions(request, store.hasCredentials(request.id), serverTarget);
  if (retry !== 'allowed') return retry;
  return store.retry(reference) ? 'allowed' : 'unknown';
}
