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
