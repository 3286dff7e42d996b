/**
 * Receipt text as the printer can print it. Indonesian needs ASCII only, and
 * cheap printers' code pages differ, so everything is folded to ASCII:
 * NFC first, typographic punctuation to its plain form, accents dropped
 * (é -> e), anything else '?'. § and ¶ are folded too: in IBM code pages they
 * would go out as 0x15/0x14, which printers take as control codes.
 */
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
  folded = folded.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  // Whatever is left outside printable ASCII (and newlines) cannot be printed reliably.
  return folded.replace(/[^\x20-\x7E\n]/gu, '?');
}
