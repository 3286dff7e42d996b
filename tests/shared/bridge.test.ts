import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createBridgeCalls, createBridgeOn, type SessionRule } from '../../src/shared/bridge';
import { call, event } from '../../src/shared/contract-table';
import type { Result } from '../../src/shared/result';

const table = {
  'demo.open': call<{ session: string }>()(z.object({}).strict()),
  'demo.read': call<{ n: number }>()(z.object({}).strict()),
  'demo.close': call<null>()(z.object({}).strict()),
} as const;
const names = ['demo.open', 'demo.read', 'demo.close'] as const;
const rule: SessionRule = { opens: new Set(['demo.open']), ends: new Set(['demo.close']), refusedWith: 'admin-session-required' };

describe('bridge builder', () => {
  it('builds one frozen function per name, each sending its own name and input, no session without a rule', async () => {
    const send = vi.fn(async (name: string): Promise<Result<unknown>> => ({ ok: true, value: name === 'demo.open' ? { session: 's-1' } : { n: 1 } }));
    const calls = createBridgeCalls<typeof table>(names, send);
    expect(Object.keys(calls)).toEqual(Object.keys(table));
    expect(Object.isFrozen(calls)).toBe(true);
    await calls['demo.open']({});
    expect(await calls['demo.read']({})).toEqual({ ok: true, value: { n: 1 } });
    expect(send.mock.calls).toEqual([
      ['demo.open', {}, undefined],
      ['demo.read', {}, undefined],
    ]);
  });

  it('with a session rule, keeps what an opening call answered until a closing call or the refusal', async () => {
    let refuse = false;
    const send = vi.fn(async (name: string, _input: unknown, _session: string | undefined): Promise<Result<unknown>> => {
      if (refuse) return { ok: false, error: { code: 'admin-session-required' } };
      return { ok: true, value: name === 'demo.open' ? { session: 's-2' } : null };
    });
    const calls = createBridgeCalls<typeof table>(names, send, rule);
    await calls['demo.open']({});
    await calls['demo.read']({});
    await calls['demo.close']({});
    await calls['demo.read']({});
    await calls['demo.open']({});
    refuse = true;
    await calls['demo.read']({});
    refuse = false;
    await calls['demo.read']({});
    expect(send.mock.calls.map(([name, , session]) => [name, session])).toEqual([
      ['demo.open', undefined],
      ['demo.read', 's-2'],
      ['demo.close', 's-2'],
      ['demo.read', undefined],
      ['demo.open', undefined],
      ['demo.read', 's-2'],
      ['demo.read', undefined],
    ]);
  });

  it('delivers events by name through the transport and returns its unsubscribe', () => {
    const events = { 'demo.changed': event<{ v: number }>() };
    const stop = vi.fn();
    let deliver: ((payload: unknown) => void) | undefined;
    const on = createBridgeOn<typeof events>((name, d) => {
      expect(Object.keys(events)).toContain(name);
      deliver = d;
      return stop;
    });
    const listener = vi.fn();
    const unsubscribe = on('demo.changed', listener);
    deliver?.({ v: 3 });
    expect(listener).toHaveBeenCalledWith({ v: 3 });
    unsubscribe();
    expect(stop).toHaveBeenCalledOnce();
  });
});
