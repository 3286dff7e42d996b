import type { SyncStatus } from '../../shared/contract';
import type { OutboxCounts } from './outbox-store';

/** What the UI shows about the outbox: counts only, no personal data. */
export function syncStatus(counts: OutboxCounts, serverDown: boolean): SyncStatus {
  return { pending: counts.pending, parked: counts.parked, online: !serverDown };
}
