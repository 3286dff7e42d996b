import { describe, expect, it } from 'vitest';
import type { TechnicianNotice } from '../../src/shared/admin-contract';
import { byImportance, statusVerdict, TECHNICIAN_NOTICE_CODES } from '../../src/shared/technician-notices';

describe('the status verdict', () => {
  it('is all well only with no notice at all', () => {
    expect(statusVerdict([])).toEqual({ kind: 'all-well' });
    expect(statusVerdict([{ code: 'disk-low', freeMb: 120 }])).toMatchObject({ kind: 'needs-technician', first: { code: 'disk-low' }, more: [] });
  });

  it('leads with what keeps residents out, whatever order the notices were found in', () => {
    const found: TechnicianNotice[] = [
      { code: 'printer-problem', status: 'paper-out' },
      { code: 'admin-pin-demo' },
      { code: 'demo-mode' },
      { code: 'parked-requests', count: 2 },
      { code: 'server-not-set' },
      { code: 'config-unreadable', detail: 'line 3' },
    ];
    expect(byImportance(found).map((n) => n.code)).toEqual(['config-unreadable', 'server-not-set', 'demo-mode', 'admin-pin-demo', 'printer-problem', 'parked-requests']);
    expect(statusVerdict(found)).toMatchObject({ first: { code: 'config-unreadable' } });
    // The list given is left as it was.
    expect(found[0]!.code).toBe('printer-problem');
  });
});

describe('every notice code', () => {
  it('is listed once, most important first, what only the fleet monitoring misses last', () => {
    expect(new Set(TECHNICIAN_NOTICE_CODES).size).toBe(TECHNICIAN_NOTICE_CODES.length);
    expect(TECHNICIAN_NOTICE_CODES[0]).toBe('config-unreadable');
    expect(TECHNICIAN_NOTICE_CODES.slice(-2)).toEqual(['metrics-port-busy', 'fleet-identity-changed']);
    const asNotices = TECHNICIAN_NOTICE_CODES.map((code) => ({ code }) as TechnicianNotice);
    expect(byImportance([...asNotices].reverse()).map((n) => n.code)).toEqual(TECHNICIAN_NOTICE_CODES);
  });
});
