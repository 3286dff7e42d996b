/**
 * The outbox's states: the one place they are spelled. `OUTBOX_STATES` is
 * the order a technician reads them in everywhere (Status, Permohonan and its
 * filters, `adm outbox`): waiting first, sent last. Kept free of zod so the
 * admin screens can import it.
 */
export const OUTBOX_STATES = ['pending', 'parked', 'rejected', 'synced'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** Each state by name, for code (and SQL) that means one of them. */
export const OUTBOX_STATE = {
  pending: 'pending',
  parked: 'parked',
  rejected: 'rejected',
  synced: 'synced',
} as const satisfies { [S in OutboxState]: S };

/** What a resident is told of a request the kiosk still holds: waiting, or stopped (parked, rejected); null once sent. */
export type ResidentLocalState = 'waiting' | typeof OUTBOX_STATE.parked | typeof OUTBOX_STATE.rejected | null;

export function residentLocalState(state: OutboxState): ResidentLocalState {
  if (state === OUTBOX_STATE.synced) return null;
  return state === OUTBOX_STATE.pending ? 'waiting' : state;
}
