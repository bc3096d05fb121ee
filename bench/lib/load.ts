/**
 * A small HTTP load loop (what autocannon does, without the dependency): `connections` keep-alive
 * connections, each sending its next request when the last one answered, for `seconds`.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

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

function once(agent: http.Agent, base: URL, r: LoadRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: r.method ?? 'GET',
        path: r.path,
        headers: {
          ...(r.body !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(r.body) }
            : {}),
          ...r.headers,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}

/** Runs `next(i)` requests against `base` on `connections` connections for `seconds` (after a short warm-up). */
export async function load(
  base: string,
  next: (i: number) => LoadRequest,
  options: { connections: number; seconds: number; warmupSeconds?: number },
): Promise<LoadResult> {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  let i = 0;
  const run = async (seconds: number, record: boolean) => {
    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    let errors = 0;
    const end = performance.now() + seconds * 1000;
    const worker = async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          const status = await once(agent, url, next(i++));
          if (record) {
            latencies.push(performance.now() - t);
            statuses[status] = (statuses[status] ?? 0) + 1;
            if (status >= 400) errors++;
          }
        } catch {
          errors++;
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: options.connections }, worker));
    return { latencies, statuses, errors, elapsed: (performance.now() - started) / 1000 };
  };
  await run(options.warmupSeconds ?? 2, false);
  const { latencies, statuses, errors, elapsed } = await run(options.seconds, true);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    requests: latencies.length,
    errors,
    statuses,
    perSecond: round((latencies.length - errors) / elapsed),
    p50: round(percentile(latencies, 0.5)),
    p95: round(percentile(latencies, 0.95)),
    p99: round(percentile(latencies, 0.99)),
    max: round(latencies.at(-1) ?? Number.NaN),
  };
}
