/**
 * The admin PIN's rules, for the keypad and for the core: 6 to 12 digits, and
 * not one a passer-by would guess first (one digit repeated, a run up or down).
 */
export const ADMIN_PIN_MIN = 6;
export const ADMIN_PIN_MAX = 12;

export function isAdminPinShape(pin: string): boolean {
  return new RegExp(`^\\d{${ADMIN_PIN_MIN},${ADMIN_PIN_MAX}}$`).test(pin);
}

/** True when the PIN may be set: the right shape and not trivially guessed. */
export function isStrongAdminPin(pin: string): boolean {
  if (!isAdminPinShape(pin)) return false;
  const digits = [...pin].map(Number);
  if (digits.every((d) => d === digits[0])) return false;
  const steps = digits.slice(1).map((d, i) => (d - digits[i]! + 10) % 10);
  if (steps.every((step) => step === 1) || steps.every((step) => step === 9)) return false;
  return true;
}

/** Where the admin PIN of a kiosk in service is set, and a forgotten one reset: on the kiosk PC (README, "Admin PIN"). */
export const SET_PIN_COMMAND = 'adm admin set-pin';
