/**
 * HTTP load with autocannon: `connections` keep-alive connections, each sending its next request
 * when the last one answered, for `seconds` (after a short warm-up that is not counted). `next(i)`
 * makes the i-th request, so each may differ (an idempotency key, a session). Latencies are each
 * response's own time in milliseconds (autocannon's histogram keeps whole milliseconds only).
 */
import autocannon from 'autocannon';

export interface LoadRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

interface Run {
  latencies: number[];
  statuses: Record<string, number>;
  errors: number;
  seconds: number;
}

function run(
  base: string,
  next: (() => LoadRequest) | LoadRequest[],
  connections: number,
  seconds: number,
): Promise<Run> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const started = performance.now();
  let finished: (error: Error | null) => void = () => {};
  const done = new Promise<Run>((resolve, reject) => {
    finished = (error) =>
      error ? reject(error) : resolve({ latencies, statuses, errors, seconds: (performance.now() - started) / 1000 });
  });
  const toAutocannon = (r: LoadRequest) => ({
    method: (r.method ?? 'GET') as autocannon.Request['method'],
    path: r.path,
    headers: { ...(r.body !== undefined ? { 'content-type': 'application/json' } : {}), ...r.headers },
    ...(r.body !== undefined ? { body: r.body } : {}),
  });
  // Fixed requests are written once and sent in turn; made ones are made and written for each send.
  const requests = Array.isArray(next)
    ? next.map(toAutocannon)
    : [{ setupRequest: (request: autocannon.Request) => ({ ...request, ...toAutocannon(next()) }) }];
  const instance = autocannon({ url: base, connections, duration: seconds, requests }, (error) => finished(error));
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status >= 400) errors++;
  });
  instance.on('reqError', () => {
    errors++;
  });
  return done;
}

/**
 * Runs requests against `base` on `connections` connections for `seconds` (after a short warm-up):
 * `next(i)` makes the i-th, or each connection sends the fixed ones of a list in turn (what the
 * load generator then does per request is only sending and timing it).
 */
export async function load(
  base: string,
  next: ((i: number) => LoadRequest) | LoadRequest[],
  options: { connections: number; seconds: number; warmupSeconds?: number },
): Promise<LoadResult> {
  let i = 0;
  const request = Array.isArray(next) ? next : () => next(i++);
  await run(base, request, options.connections, options.warmupSeconds ?? 2);
  const { latencies, statuses, errors, seconds } = await run(base, request, options.connections, options.seconds);
  latencies.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    requests: latencies.length,
    errors,
    statuses,
    perSecond: round((latencies.length - errors) / seconds),
    p50: round(percentile(latencies, 0.5)),
    p95: round(percentile(latencies, 0.95)),
    p99: round(percentile(latencies, 0.99)),
    max: round(latencies.at(-1) ?? Number.NaN),
  };
}
