/**
 * Signed letters (A4): what the resident's "Surat Saya" screen and the core
 * share. The server's `tte` is read exactly (`opensid-api.md` "Issued
 * letters"): 1 signed and printable, 0 waiting for the electronic signature,
 * null not signed electronically (collect the paper at the counter).
 */
import type { DocumentPrinterStatus } from './device-status';

/** An issued letter's id as the server gives it (`data.id`, a string): digits only, a database key's length at most. */
export const ISSUED_LETTER_ID = /^[0-9]{1,20}$/;

export const LETTER_SIGNATURE = { signed: 'signed', waiting: 'waiting', counter: 'counter' } as const;
export type LetterSignature = (typeof LETTER_SIGNATURE)[keyof typeof LETTER_SIGNATURE];

/** One of the resident's issued letters, as the screen shows it. */
export interface IssuedLetter {
  /** The server's arsip id (a string in the API). */
  id: string;
  number: string | null;
  /** The letter's name, or null when the server has none. */
  name: string | null;
  /** The official who signs (nama_pamong), or null. */
  official: string | null;
  /** The letter's date as the server wrote it (YYYY-MM-DD...), or null. */
  date: string | null;
  signature: LetterSignature;
  /** Signed, and this kiosk prints letters: "Cetak" is offered. */
  printable: boolean;
  /** Prints of this letter still allowed today (0: a technician must allow another). */
  printsLeftToday: number;
}

export interface IssuedLetters {
  /** Newest first. */
  letters: IssuedLetter[];
  /** This kiosk has an A4 printer set up for letters; false: signed letters are collected at the counter. */
  printingOffered: boolean;
}

/** A checked letter file for the preview: the PDF as base64 and its page count. */
export interface LetterFile {
  pdf: string;
  pages: number;
}

/** Why a print ended without paper, worded by the screen. */
export const LETTER_PRINT_FAILURE = [
  'printer-stopped',
  'media-empty',
  'printer-offline',
  'printer-error',
  'aborted',
  'canceled',
  /** No final word from CUPS within the time limit: "Tanyakan ke petugas". */
  'unknown',
] as const;
export type LetterPrintFailure = (typeof LETTER_PRINT_FAILURE)[number];

/**
 * Where a letter's print job stands, only as CUPS reports it: `printing` while
 * the job is pending or processing, `waiting-printer` while the printer
 * reports a problem (the job still waits), `completed` once CUPS says so.
 */
export type LetterPrintState =
  | { phase: 'printing' }
  | { phase: 'waiting-printer'; status: DocumentPrinterStatus }
  | { phase: 'completed' }
  | { phase: 'failed'; reason: LetterPrintFailure };

export function isFinalPrintState(state: LetterPrintState): boolean {
  return state.phase === 'completed' || state.phase === 'failed';
}
