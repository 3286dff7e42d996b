import { describe, expect, it, vi } from 'vitest';
import { createAdminBridge } from '../../src/shared/admin-bridge';
import { adminCallNames } from '../../src/shared/admin-contract-names';
import { callNames } from '../../src/shared/contract-names';
import type { Result } from '../../src/shared/result';

describe('admin bridge', () => {
  it('has exactly the admin calls, none of the resident ones', () => {
    const bridge = createAdminBridge(async () => ({ ok: true, value: null }));
    expect(Object.keys(bridge.calls).sort()).toEqual([...adminCallNames].sort());
    for (const name of callNames) expect(name in bridge.calls).toBe(false);
  });

  it('sends the session the PIN opened with every later call, and forgets it on lock or when the core refuses it', async () => {
    const invoke = vi.fn(async (name: string, _input: unknown, _session: string | undefined): Promise<Result<unknown>> => {
      if (name === 'admin.unlock') return { ok: true, value: { session: 'token-1', actor: 'pin', idleSeconds: 300 } };
      if (name === 'admin.state') return { ok: false, error: { code: 'admin-session-required' } };
      return { ok: true, value: null };
    });
    const bridge = createAdminBridge(invoke);
    await bridge.calls['admin.status']({});
    await bridge.calls['admin.unlock']({ pin: '482916' });
    await bridge.calls['admin.status']({});
    await bridge.calls['admin.lock']({});
    await bridge.calls['admin.status']({});
    await bridge.calls['admin.unlock']({ pin: '482916' });
    await bridge.calls['admin.state']({}); // refused: the session is gone
    await bridge.calls['admin.status']({});
    expect(invoke.mock.calls.map(([name, , session]) => [name, session])).toEqual([
      ['admin.status', undefined],
      ['admin.unlock', undefined],
      ['admin.status', 'token-1'],
      ['admin.lock', 'token-1'],
      ['admin.status', undefined],
      ['admin.unlock', undefined],
      ['admin.state', 'token-1'],
      ['admin.status', undefined],
    ]);
  });
});
