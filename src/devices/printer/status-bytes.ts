/**
 * ESC/POS real-time status: `DLE EOT n` (10 04 n) is answered at once with one
 * byte whose bits 1 and 4 are always set (all good = 0x12) and bits 0 and 7
 * clear. `GS r 1` (the "printed" marker after a job) is answered only after the
 * data before it, with bit 4 CLEAR: bits 0-1 paper near end, bits 2-3 paper
 * end. The two are told apart by these fixed bits, never by timing. We ask
 * three questions before each job:
 *   n=1 printer:  bit 3 offline
 *   n=2 offline cause: bit 2 cover open, bit 5 stopped by paper end, bit 6 error
 *   n=4 paper sensor:  bits 2-3 paper near end (0x0C), bits 5-6 paper end (0x60)
 * A missing or malformed reply means `unknown`: never assume the printer is fine.
 * A device whose replies are malformed (all zeros from /dev/zero, a terminal's
 * echo) is not believed about the completion marker either: a zero byte is a
 * well-formed `GS r 1` reply, so the driver reports such a job unconfirmed.
 */
import type { PrinterStatus } from '../../shared/device-status';

export const DLE = 0x10;
export const EOT = 0x04;

export type StatusQuery = 1 | 2 | 4;
export const STATUS_QUERIES: readonly StatusQuery[] = [1, 2, 4];

export function statusRequest(query: StatusQuery): Uint8Array {
  return Uint8Array.of(DLE, EOT, query);
}

/** Replies by query; `undefined` where the printer did not answer in time. */
export type StatusReplies = Partial<Record<StatusQuery, number>>;

/** A real status byte: fixed bits 1 and 4 set, bits 0 and 7 clear. */
export function isStatusByte(byte: number): boolean {
  return Number.isInteger(byte) && (byte & 0b1001_0011) === 0b0001_0010;
}

export function decodePrinterStatus(replies: StatusReplies): PrinterStatus {
  const printer = replies[1];
  const cause = replies[2];
  const paper = replies[4];
  if ([printer, cause, paper].some((byte) => byte === undefined || !isStatusByte(byte))) return 'unknown';
  // Checked above; the casts keep the bit tests readable.
  const p = printer as number;
  const c = cause as number;
  const s = paper as number;
  if (c & 0x04) return 'cover-open';
  if (s & 0x60 || c & 0x20) return 'paper-out';
  if (c & 0x40) return 'error';
  if (p & 0x08) return 'offline';
  if (s & 0x0c) return 'paper-near-end';
  return 'ready';
}

export const COMPLETION_REQUEST = Uint8Array.of(0x1d, 0x72, 0x01); // GS r 1

/** What a `GS r 1` reply says about the paper, or null for a byte that is not one (a DLE EOT reply has bit 4 set). */
export function decodeCompletionReply(byte: number): 'ready' | 'paper-near-end' | 'paper-out' | null {
  if (!Number.isInteger(byte) || (byte & 0b1001_0000) !== 0) return null;
  if (byte & 0b0000_1100) return 'paper-out';
  if (byte & 0b0000_0011) return 'paper-near-end';
  return 'ready';
}
