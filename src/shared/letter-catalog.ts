/**
 * What the kiosk knows about OpenSID's default letters (opensid-api.md): a
 * key for the plain line that says what each is for (worded in the renderer's
 * locales, `letterPurpose.<key>`), and how often villages ask for it, so the
 * usual ones come first. Letters a village added itself have neither: the
 * server's name is all the screen shows, and they sort by name.
 */
const DEFAULT_LETTERS: ReadonlyArray<{ name: string; key: string }> = [
  // Most asked for first.
  { name: 'Keterangan Domisili', key: 'domisili' },
  { name: 'Pengantar SKCK', key: 'skck' },
  { name: 'Keterangan Kurang Mampu', key: 'kurangMampu' },
  { name: 'Keterangan Usaha', key: 'usaha' },
  { name: 'Keterangan Pengantar', key: 'pengantar' },
  { name: 'Keterangan Penduduk', key: 'penduduk' },
  { name: 'Keterangan KTP dalam Proses', key: 'ktpProses' },
  { name: 'Pengantar Laporan Kehilangan', key: 'kehilangan' },
  { name: 'Keterangan Bepergian', key: 'bepergian' },
  { name: 'Keterangan Domisili Usaha', key: 'domisiliUsaha' },
  { name: 'Pengantar Izin Keramaian', key: 'keramaian' },
  { name: 'Biodata Penduduk', key: 'biodata' },
  { name: 'Keterangan Beda Identitas', key: 'bedaIdentitas' },
  { name: 'Keterangan Pergi Kawin', key: 'pergiKawin' },
  { name: 'Pengantar Penerbitan Buku Pas Lintas', key: 'pasLintas' },
];

const byName = new Map(DEFAULT_LETTERS.map((letter, rank) => [normalise(letter.name), { key: letter.key, rank }]));

function normalise(name: string): string {
  return withoutLetterWord(name).toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * A letter's name without a leading "Surat": OpenSID's own letters are named
 * without it ("Keterangan Domisili"), letters a village adds often with it.
 * Every place that puts the word before a name (the screens' "Surat {{name}}",
 * the receipt's "Surat" line) takes it off first, so no one reads "Surat Surat".
 */
export function withoutLetterWord(name: string): string {
  return name.trim().replace(/^surat\s+/i, '');
}

/** The locale key of the letter's plain description, or null for a letter the kiosk does not know. */
export function letterPurposeKey(name: string): string | null {
  return byName.get(normalise(name))?.key ?? null;
}

/**
 * Most used first: how often this kiosk's residents asked for it, then how
 * often villages usually do, then by name.
 */
export function sortLetters<T extends { name: string; timesRequested: number }>(letters: readonly T[]): T[] {
  const rank = (name: string) => byName.get(normalise(name))?.rank ?? DEFAULT_LETTERS.length;
  return [...letters].sort(
    (a, b) => b.timesRequested - a.timesRequested || rank(a.name) - rank(b.name) || a.name.localeCompare(b.name, 'id'),
  );
}
