import { useCallback, useEffect, useState } from 'react';
import type { CallError, Result } from '../../shared/result';

/**
 * Loads a screen's data from the core when the screen opens: the value or the
 * error, and `reload` for after a change. A result that arrives after the
 * screen closed (idle reset, Kembali) is dropped.
 */
export function useLoaded<T>(load: () => Promise<Result<T>>): { value: T | null; error: CallError | null; reload(): void } {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<CallError | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let alive = true;
    void load().then((result) => {
      if (!alive) return;
      if (result.ok) setValue(result.value);
      else setError(result.error);
    });
    return () => {
      alive = false;
    };
  }, [load, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { value, error, reload };
}
