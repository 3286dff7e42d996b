/**
 * What the result screen tells a resident about their request: whether it is
 * sent now or waits for the connection, what came of the receipt, and what to
 * do next. The screen, its Bantuan and its spoken prompt all take their words
 * from here, so the help can never promise something the screen does not say.
 */
import type { TFunction } from 'i18next';
import type { PrintResult, SubmittedRequest } from '../shared/contract';
import { printMessage } from './print-messages';

export interface ResultWords {
  /** Being sent to the village office, or waiting for the connection. */
  state: string;
  /** The receipt: still printing, printed, or why not. */
  receipt: { text: string; ok: boolean; printing: boolean };
  /** What the resident does next, in order. */
  next: string[];
}

/** `receipt` is null while the receipt is still being printed. */
export function resultWords(t: TFunction, submitted: Pick<SubmittedRequest, 'verified'>, receipt: PrintResult | null): ResultWords {
  const printed = receipt ? printMessage(t, receipt) : null;
  return {
    state: submitted.verified ? t('result.sending') : t('result.waiting'),
    receipt: printed ? { ...printed, printing: false } : { text: t('print.printing'), ok: true, printing: true },
    // Someone holding the printed receipt need not copy the reference.
    next: [...(receipt && receipt.outcome !== 'printed' ? [t('result.next1')] : []), t('result.next2'), t('result.next3')],
  };
}

/** Bantuan on the result screen: everything the screen says about the request, in its order. */
export function resultHelpText(words: ResultWords): string {
  return [words.state, words.receipt.text, ...words.next].join(' ');
}

/**
 * "Dengarkan" on the result screen: the request's state and the next steps.
 * The printer's news stays on screen only, so the prompt stays short enough to
 * be spoken (voice.speak takes at most 400 characters).
 */
export function resultPromptText(words: ResultWords): string {
  return [words.state, ...words.next].join(' ');
}
