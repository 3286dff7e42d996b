import type { TFunction } from 'i18next';
import { letterPurposeKey, withoutLetterWord } from '../shared/letter-catalog';

/**
 * A letter's name as the resident reads it: OpenSID's default letters by
 * their locale name (in English "Certificate of residence", not "Keterangan
 * Domisili letter"); a letter the village added itself by the server's name.
 */
export function letterDisplayName(t: TFunction, serverName: string): string {
  const key = letterPurposeKey(serverName);
  return key ? t(`letterNames.${key}`) : t('letters.letterName', { name: withoutLetterWord(serverName) });
}
