/**
 * Whether a letter's download is a file the kiosk may show and print
 * (`opensid-api.md`, "Issued letters"): a 200 answer (the client's part),
 * `application/pdf`, starting with `%PDF-`, of a plausible size, and one
 * that pdf.js opens with 1 to MAX_LETTER_PAGES pages. The server's content
 * type alone proves nothing (a 0-byte stored file is `application/pdf` too),
 * so every rule is checked. pdf.js does not check signatures: that the letter
 * is signed is the server's `tte == 1`.
 */
import { checkPdf } from './pdf-check-thread';
import type { LetterDownload } from '../village/types';

export type LetterFileProblem = 'missing' | 'wrong-type' | 'not-pdf' | 'too-small' | 'too-large' | 'unreadable' | 'no-pages' | 'too-many-pages';

/** The smallest real letter: a page of text with a font reference is a few KiB; under this it is a stub or an error. */
export const MIN_LETTER_BYTES = 1024;
/** At least one page to print. */
export const MIN_LETTER_PAGES = 1;
/** OpenSID letters are one to a few pages; twenty is far past any, and bounds paper and printing time. */
export const MAX_LETTER_PAGES = 20;

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

export type LetterAcceptance = { ok: true; pdf: Uint8Array; pages: number } | { ok: false; problem: LetterFileProblem; detail: string };

export async function acceptLetterPdf(download: LetterDownload, limits: { maxBytes: number }): Promise<LetterAcceptance> {
  const { body, contentType } = download;
  // OpenSID answers a letter whose stored file is gone with 200 and nothing,
  // whatever type it names: the letter exists, the counter can print it.
  if (body.length === 0 && !download.overCap) return refuse('missing', 'the server sent an empty file');
  if (contentType !== 'application/pdf') return refuse('wrong-type', `content type ${contentType ?? 'absent'}`);
  if (download.overCap || body.length > limits.maxBytes) return refuse('too-large', `larger than ${limits.maxBytes} bytes`);
  if (!PDF_MAGIC.every((byte, i) => body[i] === byte)) return refuse('not-pdf', 'does not start with %PDF-');
  if (body.length < MIN_LETTER_BYTES) return refuse('too-small', `${body.length} bytes`);
  // On its own thread, with a deadline and a heap limit (`pdf-check-thread.ts`). pdf.js failing to load
  // throws: that is the kiosk's fault, never "unreadable".
  const check = await checkPdf(body, MAX_LETTER_PAGES);
  if (check.kind !== 'pages') return refuse('unreadable', check.detail);
  const pages = check.pages;
  if (pages < MIN_LETTER_PAGES) return refuse('no-pages', 'the file has no pages');
  if (pages > MAX_LETTER_PAGES) return refuse('too-many-pages', `${pages} pages, more than ${MAX_LETTER_PAGES}`);
  return { ok: true, pdf: body, pages };
}

function refuse(problem: LetterFileProblem, detail: string): LetterAcceptance {
  return { ok: false, problem, detail };
}
