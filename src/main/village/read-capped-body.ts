/**
 * Every body the village server sends (JSON answers, pictures, and later
 * letter PDFs) is read through here, against a cap: a server, or whatever
 * answers in its name, may send any amount, and reading it all first would
 * hold it all in memory (a 64 MiB profile once cost 170 MiB). The cap is
 * checked on the declared length before reading and on the bytes read while
 * streaming; past it the rest is never read and the connection is released
 * (cancelling the stream closes it, so the sender stops too).
 */

/** The whole body, or why it was not read. */
export type CappedBody = { ok: true; bytes: Buffer } | { ok: false; tooLarge: BodyTooLarge };

export interface BodyTooLarge {
  capBytes: number;
  /** What the server declared (Content-Length), when that alone was over the cap. */
  declaredBytes: number | null;
  /** For the log and the error: "larger than 8 MiB". */
  message: string;
}

export async function readCappedBody(response: Response, capBytes: number): Promise<CappedBody> {
  const declared = declaredLength(response);
  if (declared !== null && declared > capBytes) {
    await response.body?.cancel();
    return { ok: false, tooLarge: { capBytes, declaredBytes: declared, message: `larger than ${describeBytes(capBytes)}` } };
  }
  if (!response.body) return { ok: true, bytes: Buffer.alloc(0) };
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > capBytes) {
      await reader.cancel();
      return { ok: false, tooLarge: { capBytes, declaredBytes: null, message: `larger than ${describeBytes(capBytes)}` } };
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}

/** The Content-Length as a number, or null when absent or not one (then only the bytes read count). */
function declaredLength(response: Response): number | null {
  const header = response.headers.get('content-length');
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header.trim());
}

/** 8388608 -> "8 MiB", 65536 -> "64 KiB": caps are whole units. */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
