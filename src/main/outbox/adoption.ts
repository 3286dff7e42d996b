/**
 * The exactly-once adoption rule, in one place. An attempt whose outcome is
 * unknown stored a mark (the resident's newest server request id just before
 * it left); a server row is that attempt's request when it is above the mark,
 * for the same letter, and not taken by another request. Exactly one such row
 * is the request; none means it never arrived; several are never guessed.
 *
 * The sync worker adopts with it (`send-protocol.ts`); the resident's list
 * (`requests.mine`) uses it to show a request in doubt once, as the server's.
 * Nothing here reads or writes the outbox.
 */
import type { ServerRequest } from '../village/types';
import type { OutboxRequest } from './outbox-store';
import { OUTBOX_STATE } from '../../shared/outbox-states';

/** The server rows that could be `request`'s attempt above `mark`, oldest first. */
export function adoptionCandidates(
  rows: readonly ServerRequest[],
  request: Pick<OutboxRequest, 'letterName'>,
  mark: number,
  taken: (serverId: number) => boolean,
): ServerRequest[] {
  return rows.filter((row) => row.id > mark && row.letterName === request.letterName && !taken(row.id)).sort((a, b) => a.id - b.id);
}

/** Whether a request's last attempt may have reached the server without the kiosk knowing. */
export function isInDoubt(request: Pick<OutboxRequest, 'syncState' | 'attemptMark'>): request is typeof request & { attemptMark: number } {
  return request.syncState === OUTBOX_STATE.pending && request.attemptMark !== null;
}

export interface ServerRowOwners {
  /** Server row id -> this kiosk's request it is (sent, or in doubt and matched by the rule). */
  byServerId: Map<number, OutboxRequest>;
  /** References of requests in doubt already on the server: shown as the server's row, not as waiting. */
  inDoubtOnServer: Set<string>;
}

/**
 * Which of the resident's server rows are this kiosk's requests: the sent
 * ones by their server id, and each one in doubt whose attempt is exactly one
 * row (the worker adopts it at its next pass; until then it is shown once).
 */
export function serverRowOwners(local: readonly OutboxRequest[], rows: readonly ServerRequest[]): ServerRowOwners {
  const byServerId = new Map(local.filter((r) => r.serverId !== null).map((r) => [r.serverId!, r]));
  const inDoubtOnServer = new Set<string>();
  for (const request of local) {
    if (!isInDoubt(request)) continue;
    const candidates = adoptionCandidates(rows, request, request.attemptMark, (id) => byServerId.has(id));
    if (candidates.length === 1) {
      byServerId.set(candidates[0]!.id, request);
      inDoubtOnServer.add(request.reference);
    }
  }
  return { byServerId, inDoubtOnServer };
}
