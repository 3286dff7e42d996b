/**
 * Words a resident reads, on the screen and on paper: every text of both
 * locales outside the admin screens (`admin.*`), with a letter's name put in
 * where a sentence takes one, and every fixed word the receipt and the queue
 * ticket print. Residents never read technicians' words ("server",
 * "verifikasi", "verification"), and a letter's name never follows a second
 * "Surat".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERIC_58 } from '../../src/devices/printer/profiles';
import { encodeQueueTicket, encodeRequestReceipt, type ReceiptSyncState } from '../../src/devices/printer/templates';
import { letterPurposeKey, withoutLetterWord } from '../../src/shared/letter-catalog';
import { LETTERS } from '../../tools/opensid-sim/seed';
import { interpretEscPos, texts } from '../devices/printer/print-assertions';

const NOT_FOR_RESIDENTS: Array<[RegExp, string]> = [
  [/server/i, 'a technician\'s word ("server")'],
  [/verifi/i, 'a technician\'s word ("verifikasi")'],
  [/\bsurat\s+surat\b/i, '"Surat" twice'],
];

function problems(text: string): string[] {
  return NOT_FOR_RESIDENTS.filter(([pattern]) => pattern.test(text)).map(([, why]) => why);
}

type Tree = { [key: string]: string | Tree };

// Read as files: the locales belong to the renderer's TypeScript project, this test to the Node one.
const LOCALES = {
  id: JSON.parse(readFileSync(new URL('../../src/renderer/locales/id.json', import.meta.url), 'utf8')) as Tree,
  en: JSON.parse(readFileSync(new URL('../../src/renderer/locales/en.json', import.meta.url), 'utf8')) as Tree,
};

function leaves(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

const fill = (text: string, value: string) => text.replace(/\{\{\w+\}\}/g, value);

// OpenSID's own letters (named without "Surat"), one of them as a village may write it, and letters a village added.
const SERVER_NAMES = [...LETTERS.map((letter) => letter.nama), 'Surat Keterangan Domisili', 'Surat Keterangan Ahli Waris', 'Keterangan Ahli Waris'];

describe.each(['id', 'en'] as const)('resident words in %s', (language) => {
  const tree = LOCALES[language];
  const strings = new Map(leaves(tree));
  // A letter's name as the screens show it (renderer/letter-name.ts): the locale's name, or "Surat {{name}}".
  const names = SERVER_NAMES.map((name) => {
    const key = letterPurposeKey(name);
    return key ? strings.get(`letterNames.${key}`)! : fill(strings.get('letters.letterName')!, withoutLetterWord(name));
  });
  // The admin screens speak to technicians; `letters.letterName` is a name itself, among the names above.
  const shownTexts = [...strings].filter(([key]) => !key.startsWith('admin.') && key !== 'letters.letterName');

  it('never says "server" or "verifikasi", nor "Surat Surat" around a letter name', () => {
    const found: string[] = [];
    for (const name of names) for (const why of problems(name)) found.push(`letter name "${name}": ${why}`);
    for (const [key, text] of shownTexts) {
      const shown = /\{\{\w+\}\}/.test(text) ? names.map((name) => fill(text, name)) : [text];
      // Each problem of a text once, with the first sentence that shows it.
      const seen = new Map<string, string>();
      for (const sentence of shown) for (const why of problems(sentence)) if (!seen.has(why)) seen.set(why, sentence);
      for (const [why, sentence] of seen) found.push(`${key} "${sentence}": ${why}`);
    }
    expect(found).toEqual([]);
  });

  it('says what each letter is for, not its name again', () => {
    const words = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const purposes = leaves(tree).filter(([key]) => key.startsWith('letterPurpose.'));
    expect(purposes.length).toBeGreaterThan(0);
    for (const [key, purpose] of purposes) {
      const name = strings.get(key.replace('letterPurpose.', 'letterNames.'))!;
      expect(words(purpose).startsWith(words(name)), `${key} "${purpose}" repeats "${name}"`).toBe(false);
    }
  });
});

describe('resident words on paper', () => {
  const states: ReceiptSyncState[] = ['sent', 'sending', 'waiting', 'staff'];
  const printed: string[] = [];
  for (const letterName of SERVER_NAMES) {
    for (const syncState of states) {
      for (const residentName of ['Budi Santoso', null]) {
        const receipt = encodeRequestReceipt(GENERIC_58, {
          villageName: 'Desa Sukamaju',
          queueNumber: 'A-007',
          letterName,
          residentName,
          maskedNik: '320101******0001',
          createdAt: new Date('2026-11-29T02:55:00Z'),
          timeZone: 'Asia/Jakarta',
          requirements: ['Fotokopi KK'],
          syncState,
          reference: 'ADM01-261129-7KQ3M',
          demo: residentName === null,
          newsViaOffice: residentName === null,
        });
        printed.push(texts(interpretEscPos(receipt)).join('\n'));
      }
    }
  }
  for (const demo of [false, true]) {
    const ticket = encodeQueueTicket(GENERIC_58, { villageName: 'Desa Sukamaju', queueNumber: 'A-001', createdAt: new Date('2026-11-29T02:55:00Z'), timeZone: 'Asia/Jakarta', demo });
    printed.push(texts(interpretEscPos(ticket)).join('\n'));
  }

  it('prints no "server" or "verifikasi" on a receipt or ticket, and no "Surat Surat"', () => {
    const found = new Set(printed.flatMap((slip) => problems(slip).map((why) => `${why} in:\n${slip}`)));
    expect([...found]).toEqual([]);
  });
});
