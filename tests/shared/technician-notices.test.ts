import { describe, expect, it } from 'vitest';
import type { TechnicianNotice } from '../../src/shared/admin-contract';
import { byImportance, statusVerdict } from '../../src/shared/technician-notices';

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
