import { OUTBOX_STATE, type OutboxState, type ResidentLocalState } from './outbox-states';

/**
 * Request statuses on the village server. The resident API sends the LABEL;
 * the kiosk works with the code (0-5) and maps back for display.
 */
export const REQUEST_STATUS_LABELS = {
  0: 'Belum Lengkap',
  1: 'Sedang Diperiksa',
  2: 'Menunggu Tandatangan',
  3: 'Siap Diambil',
  4: 'Sudah Diambil',
  5: 'Dibatalkan',
} as const;

export type RequestStatusCode = keyof typeof REQUEST_STATUS_LABELS;

/** Each status code by name: code that means one of them says which. */
export const REQUEST_STATUS = {
  incomplete: 0,
  checking: 1,
  awaitingSignature: 2,
  ready: 3,
  collected: 4,
  cancelled: 5,
} as const satisfies Record<string, RequestStatusCode>;

export function statusCodeFromLabel(label: string): RequestStatusCode | null {
  for (const [code, known] of Object.entries(REQUEST_STATUS_LABELS)) {
    if (known.toLowerCase() === label.trim().toLowerCase()) return Number(code) as RequestStatusCode;
  }
  return null;
}

/**
 * A request made at this kiosk, in one word: while the kiosk holds it, where
 * it is in sending (`refused`: the village server refused it; `rejected`:
 * the resident's PIN was wrong); once sent, the office's status, so a
 * cancelled request reads "Dibatalkan", never "terkirim" (`code` null: sent,
 * no status heard back yet).
 */
export type KioskRequestStatus =
  | { at: 'kiosk'; state: 'pending' | 'parked' | 'refused' | 'rejected' }
  | { at: 'office'; code: RequestStatusCode | null };

export function kioskRequestStatus(
  syncState: OutboxState,
  serverStatus: number | null,
  refusedByServer: boolean,
): KioskRequestStatus {
  switch (syncState) {
    case OUTBOX_STATE.synced:
      return { at: 'office', code: serverStatus !== null && serverStatus in REQUEST_STATUS_LABELS ? (serverStatus as RequestStatusCode) : null };
    case OUTBOX_STATE.parked:
      return { at: 'kiosk', state: refusedByServer ? 'refused' : 'parked' };
    case OUTBOX_STATE.pending:
    case OUTBOX_STATE.rejected:
      return { at: 'kiosk', state: syncState };
  }
}

/** The resident may cancel only while the office has not started on it. */
export function isCancellable(code: RequestStatusCode | null): boolean {
  return code === REQUEST_STATUS.incomplete || code === REQUEST_STATUS.checking;
}

/** Printing a receipt again makes sense only while the request is still alive at the office. */
export function isReprintable(code: RequestStatusCode | null): boolean {
  return code !== REQUEST_STATUS.collected && code !== REQUEST_STATUS.cancelled;
}

/**
 * How a status looks as a chip: a tone (colour) and an icon, always next to
 * the words, so colour is never the only cue.
 */
export type StatusTone = 'progress' | 'action' | 'ready' | 'done' | 'stopped' | 'waiting';

export function statusTone(code: RequestStatusCode | null, localState: ResidentLocalState): StatusTone {
  if (localState === 'waiting') return 'waiting';
  if (localState !== null) return 'stopped'; // parked or rejected
  switch (code) {
    case REQUEST_STATUS.incomplete:
      return 'action';
    case REQUEST_STATUS.ready:
      return 'ready';
    case REQUEST_STATUS.collected:
      return 'done';
    case REQUEST_STATUS.cancelled:
      return 'stopped';
    default:
      return 'progress';
  }
}
