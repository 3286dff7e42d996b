/**
 * How the Status screen reads what needs a technician. The core lists every
 * notice it finds (`features/admin.ts`); this is the one rule for the verdict
 * drawn from that list: the kiosk is well only when the list is empty, and the
 * most important notice is said first. Importance: a configuration the kiosk
 * cannot use and an admin that cannot be opened again (nothing else can be
 * fixed without them), then what keeps residents' requests from the village
 * office (no server, demo mode), then what loses or delays requests, then the
 * printer, then what waits for a decision, then wear, then what only the
 * kabupaten's fleet monitoring misses (the metrics port taken by another program).
 */
import type { TechnicianNotice } from './admin-contract';

type NoticeCode = TechnicianNotice['code'];

/** Lower first. Every code has its place (a new code without one is a type error). */
const IMPORTANCE: Record<NoticeCode, number> = {
  'config-unreadable': 0,
  'admin-pin-missing': 1,
  'server-not-set': 2,
  'demo-ends-at-restart': 3,
  'demo-mode': 4,
  'admin-pin-demo': 5,
  'key-changed': 6,
  'server-unreachable': 7,
  'server-unlicensed': 8,
  'printer-problem': 9,
  'parked-requests': 10,
  'held-for-other-server': 11,
  'disk-low': 12,
  'metrics-port-busy': 13,
  'fleet-identity-changed': 14,
};

/** Every notice code, most important first (the fleet metrics publish one series per code). */
export const TECHNICIAN_NOTICE_CODES = (Object.keys(IMPORTANCE) as NoticeCode[]).sort((a, b) => IMPORTANCE[a] - IMPORTANCE[b]);

/** The notices, most important first (a stable sort: equal ones keep the order they were found in). */
export function byImportance(notices: readonly TechnicianNotice[]): TechnicianNotice[] {
  return [...notices].sort((a, b) => IMPORTANCE[a.code] - IMPORTANCE[b.code]);
}

export type StatusVerdict = { kind: 'all-well' } | { kind: 'needs-technician'; first: TechnicianNotice; more: TechnicianNotice[] };

/** All is well only when nothing needs a technician; otherwise the most important notice leads. */
export function statusVerdict(notices: readonly TechnicianNotice[]): StatusVerdict {
  const [first, ...more] = byImportance(notices);
  return first ? { kind: 'needs-technician', first, more } : { kind: 'all-well' };
}
