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
