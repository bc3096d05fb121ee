import type { Router } from './routing/types.js';

const MUNICIPALITY = /^\d{4}$/;
const MAX_TEXT = 5000;

export type RouteLineResult = { ok: true; output: { id: string; offerings: string[] } } | { ok: false; error: string };

/**
 * One line of the `lotsen route` contract: `{"id", "text", "municipality"?}` in,
 * `{"id", "offerings"}` out ([] = no match). Unknown fields are ignored.
 */
export function routeLine(router: Router, line: string): RouteLineResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, error: 'ogiltig JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'raden måste vara ett JSON-objekt' };
  }
  const { id, text, municipality } = value as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') return { ok: false, error: '"id" måste vara en icke-tom sträng' };
  if (typeof text !== 'string') return { ok: false, error: `${id}: "text" måste vara en sträng` };
  if (text.length > MAX_TEXT) return { ok: false, error: `${id}: "text" är längre än ${MAX_TEXT} tecken` };
  if (
    municipality !== undefined &&
    municipality !== null &&
    (typeof municipality !== 'string' || !MUNICIPALITY.test(municipality))
  ) {
    return { ok: false, error: `${id}: "municipality" måste vara en kommunkod med fyra siffror` };
  }
  const result = router.route({ text, ...(typeof municipality === 'string' ? { municipality } : {}) });
  return {
    ok: true,
    output: { id, offerings: result.kind === 'match' ? result.offerings.map((o) => o.offeringId) : [] },
  };
}
