import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../lib/api.js';
import { loadMe, type MeResponse } from './access-api.js';

export type MeState =
  | { state: 'loading' }
  | { state: 'signed-out' }
  | { state: 'no-roles' }
  | { state: 'error'; error: ApiError }
  | { state: 'ok'; me: MeResponse };

/** The signed-in person; `reload()` after a change (company chosen, roles edited). */
export function useMe(): MeState & { reload: () => void } {
  const [result, setResult] = useState<MeState>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    void attempt;
    const controller = new AbortController();
    loadMe(controller.signal).then(
      (me) => setResult(me ? { state: 'ok', me } : { state: 'signed-out' }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        // Signed in, but every membership is deactivated: /api/me answers 403.
        if (error instanceof ApiError && error.status === 403 && error.code === 'forbidden')
          setResult({ state: 'no-roles' });
        else setResult({ state: 'error', error: error instanceof ApiError ? error : new ApiError(0, 'unknown', '') });
      },
    );
    return () => controller.abort();
  }, [attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...result, reload };
}
