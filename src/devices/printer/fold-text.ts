/**
 * Receipt text as the printer can print it. Indonesian needs ASCII only, and
 * cheap printers' code pages differ, so everything is folded to ASCII: NFC
 * first, then our own rules for what a receipt must say in a particular way
 * (§ and ¶ as words: in IBM code pages they would go out as 0x15/0x14, which
 * printers take as control codes), then any-ascii's transliteration for the
 * rest ("Øystein" -> "Oystein", Arabic or Javanese script -> Latin letters), so
 * a name prints readably rather than as '?'. Only what still is not printable
 * ASCII becomes '?'. What the screen shows is never folded.
 */
import anyAscii from 'any-ascii';

const REPLACEMENTS: Array<[RegExp, string]> = [
  [/[\u2018\u2019\u201A\u201B\u2032\u00B4`]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"'],
  [/[\u2010-\u2015\u2212]/g, '-'],
  [/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' '],
  [/[\u200B-\u200D\u2060\uFEFF]/g, ''],
  [/\u2026/g, '...'],
  [/[\u2022\u00B7]/g, '*'],
  [/\u00A7/g, 'Pasal '],
  [/\u00B6/g, 'Par. '],
  [/\u20AC/g, 'EUR'],
  [/\u00D7/g, 'x'],
  [/[\r\t]/g, ' '],
];

export function foldForPrinter(text: string): string {
  let folded = text.normalize('NFC');
  for (const [pattern, replacement] of REPLACEMENTS) folded = folded.replace(pattern, replacement);
  // Line by line: any-ascii would fold a newline too.
  folded = folded.split('\n').map(anyAscii).join('\n');
  // Whatever is left outside printable ASCII (and newlines) cannot be printed reliably.
  return folded.replace(/[^\x20-\x7E\n]/gu, '?');
}
