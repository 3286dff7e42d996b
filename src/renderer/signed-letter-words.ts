import type { TFunction } from 'i18next';
import type { IssuedLetter, LetterPrintState } from '../shared/signed-letters';
import { letterDisplayName } from './letter-name';

/**
 * "Surat Saya" in words: a letter's name and status, and where its print job
 * stands. Screens keep the codes (signature, print state) and word them here
 * when they draw, so a language switch rewords what is on screen.
 */

/** The letter's name as the resident reads it; the server may have none. */
export function issuedLetterName(t: TFunction, letter: IssuedLetter): string {
  return letter.name ? letterDisplayName(t, letter.name) : t('issued.unnamed');
}

/**
 * The status word: signed letters are "Siap dicetak" only where this kiosk
 * prints letters; elsewhere they are collected at the counter like letters
 * signed on paper.
 */
export function issuedLetterStatus(t: TFunction, letter: IssuedLetter, printingOffered: boolean): string {
  switch (letter.signature) {
    case 'signed':
      return printingOffered ? t('issued.status.signed') : t('issued.status.signedCollect');
    case 'waiting':
      return t('issued.status.waiting');
    case 'counter':
      return t('issued.status.counter');
  }
}

/** What CUPS said of the job, and nothing more: "Selesai" only once CUPS reports it completed. */
export function printStateText(t: TFunction, state: LetterPrintState): string {
  switch (state.phase) {
    case 'printing':
      return t('issued.print.printing');
    case 'waiting-printer':
      return t(`issued.print.waiting.${state.status}`);
    case 'completed':
      return t('issued.print.completed');
    case 'failed':
      return t(`issued.print.failed.${state.reason}`);
  }
}
