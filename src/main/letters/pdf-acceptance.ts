// Placeholder with the agreed signature; replaced by the real rules.
import type { LetterDownload } from '../village/types';

export type LetterFileProblem = 'missing' | 'wrong-type' | 'not-pdf' | 'too-small' | 'too-large' | 'unreadable' | 'no-pages' | 'too-many-pages';

export async function acceptLetterPdf(
  download: LetterDownload,
  limits: { maxBytes: number },
): Promise<{ ok: true; pdf: Uint8Array; pages: number } | { ok: false; problem: LetterFileProblem; detail: string }> {
  if (download.body.length === 0) return { ok: false, problem: 'missing', detail: 'empty' };
  if (download.body.length > limits.maxBytes) return { ok: false, problem: 'too-large', detail: 'cap' };
  return { ok: true, pdf: download.body, pages: 1 };
}
