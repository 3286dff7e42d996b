/**
 * What a reader or scanner read, as one event stream whatever the device:
 * a card (its UID, canonical) or a code (text, e.g. a receipt's reference).
 *
 * Cheap 13.56 MHz readers print a UID in different ways: a 10-digit decimal
 * of the 4-byte UID, or 8 (4-byte) / 14 (7-byte) hex characters, in the card's
 * byte order or reversed. The canonical form is upper-case hex in the card's
 * own order (what `GET DATA` FF CA 00 00 00 answers), so one card is one hint
 * whichever reader read it; the reader's byte order is a setting.
 */
export type ScanEvent = { kind: 'card'; uid: string } | { kind: 'code'; text: string; symbology?: string };

export interface ScanSettings {
  /** The reader prints the UID least significant byte first. */
  reversedUid: boolean;
  /** When set, only texts starting with it are cards (some readers can be set to add one); it is stripped. */
  cardPrefix: string;
}

export const DEFAULT_SCAN_SETTINGS: ScanSettings = { reversedUid: false, cardPrefix: '' };

/** Canonical hex of a UID as a reader printed it, or null when it is no UID. */
export function parseUid(text: string, reversed = false): string | null {
  const raw = text.trim();
  let bytes: number[];
  if (/^\d{10}$/.test(raw)) {
    const value = Number(raw);
    if (value > 0xffffffff) return null;
    bytes = [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256);
  } else if (/^([0-9a-fA-F]{8}|[0-9a-fA-F]{14})$/.test(raw)) {
    bytes = raw.match(/../g)!.map((pair) => Number.parseInt(pair, 16));
  } else {
    return null;
  }
  if (reversed) bytes.reverse();
  return bytes.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
}

/** A burst or a serial line, by its shape: a card UID, or a code. */
export function classifyScan(text: string, settings: ScanSettings = DEFAULT_SCAN_SETTINGS): ScanEvent {
  const trimmed = text.trim();
  if (settings.cardPrefix) {
    if (!trimmed.startsWith(settings.cardPrefix)) return { kind: 'code', text: trimmed };
    const uid = parseUid(trimmed.slice(settings.cardPrefix.length), settings.reversedUid);
    return uid ? { kind: 'card', uid } : { kind: 'code', text: trimmed };
  }
  const uid = parseUid(trimmed, settings.reversedUid);
  return uid ? { kind: 'card', uid } : { kind: 'code', text: trimmed };
}
