/**
 * The outbox's states as a technician sees them, in the order they are read
 * everywhere (Status, Permohonan and its filters, `adm outbox`): waiting
 * first, sent last. Kept free of zod so the admin screens can import it.
 */
export const OUTBOX_STATES = ['pending', 'parked', 'rejected', 'synced'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];
