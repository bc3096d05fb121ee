import { useCallback, useEffect, useState } from 'react';
import { ApiError, getJson } from './api.js';

export type Loadable<T> = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ok'; data: T };

/** GETs `path` (again when it changes); `null` waits. `reload()` tries again after an error. */
export function useApi<T>(path: string | null): Loadable<T> & { reload: () => void } {
  const [result, setResult] = useState<Loadable<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (path === null) return;
    // `attempt` is read so that reload() runs the effect again.
    void attempt;
    const controller = new AbortController();
    setResult({ state: 'loading' });
    getJson<T>(path, controller.signal).then(
      (data) => setResult({ state: 'ok', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setResult({
          state: 'error',
          error: error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error)),
        });
      },
    );
    return () => controller.abort();
  }, [path, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...result, reload };
}
