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
