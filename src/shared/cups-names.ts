/**
 * CUPS's rules for a queue name and a media name, kept stricter: a name
 * becomes an `lp` argument and part of an IPP address, and is typed by a
 * technician into config.json or picked on the admin screen.
 */
export const CUPS_QUEUE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,126}$/;
export const CUPS_MEDIA_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,39}$/;
