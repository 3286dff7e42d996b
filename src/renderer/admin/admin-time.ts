/**
 * Every time shown in admin is the kiosk's clock (`kiosk.timeZone`), not the
 * time zone of the PC or browser showing the admin page: a technician
 * comparing the audit log with a resident's receipt, or the log with
 * OpenSID, needs one clock. AdminApp provides the zone it got with the
 * admin session; screens format through `useAdminTime`.
 */
import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../date-locale';

export const KioskTimeZone = createContext<string | undefined>(undefined);

/** A formatter for dates and times in the screen's language, on the kiosk's clock. */
export function useAdminTime(options: Intl.DateTimeFormatOptions): (value: Date | string) => string {
  const { i18n } = useTranslation();
  const timeZone = useContext(KioskTimeZone);
  return (value) => formatDateTime(i18n.language, value, { ...options, timeZone });
}
