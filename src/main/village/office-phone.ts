/**
 * The number a resident is told to call about a request (the receipt, the
 * result screen, "Permohonan Saya"): the office's own, one home for the rule.
 */
import { isValidPhone, normalisePhone } from '../../shared/phone';
import type { KioskConfig } from '../config/schema';

/** The technician's office number, else the village profile's operator phone; normalised, or null when neither is a number. */
export function officePhoneOf(config: KioskConfig, profile: { operatorPhone: string | null } | null): string | null {
  const phone = normalisePhone(config.village.officePhone ?? profile?.operatorPhone ?? null);
  return isValidPhone(phone) ? phone : null;
}
