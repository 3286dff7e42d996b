/**
 * The kiosk reference of a request: short enough to read aloud at the counter
 * and to print under the QR code, unique per kiosk: KIOSK-YYMMDD-XXXXX, with
 * five characters from an alphabet without look-alikes (no 0/O, 1/I/L).
 */
import { randomInt } from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const SHAPE = new RegExp(`^[A-Z0-9]{1,8}-\\d{6}-[${ALPHABET}]{5}$`);

/** Whether a text could be a reference `makeReference` made (a scanned product barcode cannot). */
export function isReferenceShape(text: string): boolean {
  return SHAPE.test(text);
}

export function makeReference(kioskName: string, now: Date, timeZone = 'Asia/Jakarta'): string {
  const kiosk = kioskName.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 8) || 'ADM';
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: '2-digit', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  const random = Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${kiosk}-${part('year')}${part('month')}${part('day')}-${random}`;
}
