import { useCallback, useEffect, useState } from 'react';
import { ApiError, getJson } from '../../lib/api.js';
import type { CaseResponse } from './cases-api.js';

export type CaseState =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError }
  | { state: 'ok'; data: CaseResponse };

/**
 * One case from `path`. Every change answers with the whole case, which `set` puts in place;
 * `refresh` reads it again in the background (after a 412) without blanking the page.
 */
export function useCase(path: string | null): CaseState & {
  set: (data: CaseResponse) => void;
  refresh: () => Promise<void>;
  retry: () => void;
} {
  const [result, setResult] = useState<CaseState>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (path === null) return;
    void attempt;
    const controller = new AbortController();
    setResult({ state: 'loading' });
    getJson<CaseResponse>(path, controller.signal).then(
      (data) => setResult({ state: 'ok', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setResult({ state: 'error', error: error instanceof ApiError ? error : new ApiError(0, 'unknown', '') });
      },
    );
    return () => controller.abort();
  }, [path, attempt]);

  const set = useCallback((data: CaseResponse) => setResult({ state: 'ok', data }), []);
  const refresh = useCallback(async () => {
    if (path === null) return;
    try {
      setResult({ state: 'ok', data: await getJson<CaseResponse>(path) });
    } catch {
      // The page keeps what it shows; the action's own message already says what went wrong.
    }
  }, [path]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...result, set, refresh, retry };
}
