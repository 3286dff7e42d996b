import type { TFunction } from 'i18next';
import type { PrintResult } from '../shared/contract';

/**
 * What the resident is told after a print: never "printed" unless the printer
 * confirmed it, and always that the request itself is safe.
 */
export function printMessage(t: TFunction, result: PrintResult): { text: string; ok: boolean } {
  switch (result.outcome) {
    case 'printed':
      return { text: t('print.printed'), ok: true };
    case 'sent-unconfirmed':
      return { text: t('print.unconfirmed'), ok: false };
    case 'interrupted':
      return { text: t('print.interrupted'), ok: false };
    case 'not-printed': {
      const known = ['paper-out', 'cover-open', 'offline', 'error'];
      return { text: t(`print.${known.includes(result.status ?? '') ? result.status : 'failed'}`), ok: false };
    }
  }
}
