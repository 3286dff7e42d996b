import { useCallback, useEffect, useState } from 'react';
import type { CallError, Result } from '../../shared/result';

/**
 * Loads a screen's data from the core when the screen opens: the value or the
 * error, and `reload` for after a change. A result that arrives after the
 * screen closed (idle reset, Kembali) is dropped.
 *
 * A value belongs to the `load` that produced it: when `load` changes (a new
 * filter), the old value is not shown while the new one is on its way, so a
 * list never shows rows of the filter the user just left. `reload` with the
 * same `load` keeps the current value until the fresh one replaces it, and an
 * error that a later load cleared is no longer reported.
 */
export function useLoaded<T>(load: () => Promise<Result<T>>): { value: T | null; error: CallError | null; loading: boolean; reload(): void } {
  const [answer, setAnswer] = useState<{ from: () => Promise<Result<T>>; generation: number; value: T | null; error: CallError | null } | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let alive = true;
    void load().then((result) => {
      if (!alive) return;
      // A failed reload keeps the last good value on screen next to the error.
      setAnswer((previous) => ({
        from: load,
        generation,
        value: result.ok ? result.value : previous?.from === load ? previous.value : null,
        error: result.ok ? null : result.error,
      }));
    });
    return () => {
      alive = false;
    };
  }, [load, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const current = answer !== null && answer.from === load ? answer : null;
  return {
    value: current?.value ?? null,
    error: current?.error ?? null,
    loading: current === null || current.generation !== generation,
    reload,
  };
}
