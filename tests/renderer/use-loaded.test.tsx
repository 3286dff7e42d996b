import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useLoaded } from '../../src/renderer/hooks/use-loaded';
import type { Result } from '../../src/shared/result';

afterEach(cleanup);

describe('useLoaded', () => {
  it('loads on mount, reloads on demand, and reports errors', async () => {
    let n = 0;
    const load = vi.fn(async (): Promise<Result<number>> => ({ ok: true, value: ++n }));
    const { result } = renderHook(() => useLoaded(load));
    await waitFor(() => expect(result.current.value).toBe(1));
    act(() => result.current.reload());
    await waitFor(() => expect(result.current.value).toBe(2));

    const failing = async (): Promise<Result<number>> => ({ ok: false, error: { code: 'disconnected' } });
    const { result: failed } = renderHook(() => useLoaded(failing));
    await waitFor(() => expect(failed.current.error?.code).toBe('disconnected'));
  });

  it('drops a result that arrives after the screen closed', async () => {
    let resolve: (r: Result<number>) => void = () => {};
    const load = () => new Promise<Result<number>>((r) => (resolve = r));
    const { result, unmount } = renderHook(() => useLoaded(load));
    unmount();
    resolve({ ok: true, value: 7 });
    await Promise.resolve();
    expect(result.current.value).toBeNull();
  });
});

describe('useLoaded across a change of query', () => {
  it('shows no value of the previous query while the new one loads', async () => {
    const pending: Array<(r: Result<string>) => void> = [];
    const loads = {
      all: () => Promise.resolve<Result<string>>({ ok: true, value: 'every row' }),
      parked: () => new Promise<Result<string>>((r) => pending.push(r)),
    };
    const { result, rerender } = renderHook(({ load }) => useLoaded(load), { initialProps: { load: loads.all } });
    await waitFor(() => expect(result.current.value).toBe('every row'));
    expect(result.current.loading).toBe(false);

    rerender({ load: loads.parked });
    expect(result.current.value).toBeNull();
    expect(result.current.loading).toBe(true);
    act(() => pending[0]!({ ok: true, value: 'held rows' }));
    await waitFor(() => expect(result.current.value).toBe('held rows'));
    expect(result.current.loading).toBe(false);
  });

  it('keeps the last value through a failed reload, and clears the error once a reload succeeds', async () => {
    const answers: Result<number>[] = [
      { ok: true, value: 1 },
      { ok: false, error: { code: 'disconnected' } },
      { ok: true, value: 3 },
    ];
    const load = async (): Promise<Result<number>> => answers.shift()!;
    const { result } = renderHook(() => useLoaded(load));
    await waitFor(() => expect(result.current.value).toBe(1));

    act(() => result.current.reload());
    expect(result.current.loading).toBe(true);
    expect(result.current.value).toBe(1);
    await waitFor(() => expect(result.current.error?.code).toBe('disconnected'));
    expect(result.current.value).toBe(1);

    act(() => result.current.reload());
    await waitFor(() => expect(result.current.value).toBe(3));
    expect(result.current.error).toBeNull();
  });
});
