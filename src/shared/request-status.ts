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
  syncState: 'pending' | 'synced' | 'parked' | 'rejected',
  serverStatus: number | null,
  refusedByServer: boolean,
): KioskRequestStatus {
  switch (syncState) {
    case 'synced':
      return { at: 'office', code: serverStatus !== null && serverStatus in REQUEST_STATUS_LABELS ? (serverStatus as RequestStatusCode) : null };
    case 'parked':
      return { at: 'kiosk', state: refusedByServer ? 'refused' : 'parked' };
    case 'pending':
    case 'rejected':
      return { at: 'kiosk', state: syncState };
  }
}

/** The resident may cancel only while the office has not started on it. */
export function isCancellable(code: RequestStatusCode | null): boolean {
  return code === 0 || code === 1;
}

/** Printing a receipt again makes sense only while the request is still alive at the office. */
export function isReprintable(code: RequestStatusCode | null): boolean {
  return code !== 4 && code !== 5;
}

/**
 * How a status looks as a chip: a tone (colour) and an icon, always next to
 * the words, so colour is never the only cue.
 */
export type StatusTone = 'progress' | 'action' | 'ready' | 'done' | 'stopped' | 'waiting';

export function statusTone(code: RequestStatusCode | null, localState: 'waiting' | 'parked' | 'rejected' | null): StatusTone {
  if (localState === 'waiting') return 'waiting';
  if (localState === 'parked' || localState === 'rejected') return 'stopped';
  switch (code) {
    case 0:
      return 'action';
    case 3:
      return 'ready';
    case 4:
      return 'done';
    case 5:
      return 'stopped';
    default:
      return 'progress';
  }
}
