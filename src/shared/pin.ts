/** The resident PIN of OpenSID's Layanan Mandiri: exactly six digits. The
 * server does not enforce the length, so the kiosk does. */
export const PIN_LENGTH = 6;

export function isValidPin(pin: string): boolean {
  return /^\d{6}$/.test(pin);
}
