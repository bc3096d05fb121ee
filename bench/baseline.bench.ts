/**
 * Same-run baselines on this machine: a bare Fastify route doing one pg query (requests per second
 * at 16 connections, the server in its own process). `BENCH_DATABASE_URL` (or TEST_DATABASE_URL).
 * The last stdout line is one JSON object: {"bare_fastify_pg_per_s": x, "bare_fastify_pg_p50_ms": x,
 * "bare_fastify_pg_p99_ms": x}.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { load } from './lib/load.js';

const URL_ =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);

const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'lib', 'bare-server.ts')], {
  env: { ...process.env, DATABASE_URL: URL_ },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise<number>((resolve, reject) => {
  child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
  child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
});
try {
  const result = await load(`http://127.0.0.1:${port}`, [{ path: '/one' }], {
    connections: 16,
    seconds: SECONDS,
  });
  console.log(
    `bare Fastify + one pg query (16 connections): ${result.perSecond}/s, p50 ${result.p50} ms, p99 ${result.p99} ms`,
  );
  console.log(
    JSON.stringify({
      bare_fastify_pg_per_s: result.perSecond,
      bare_fastify_pg_p50_ms: result.p50,
      bare_fastify_pg_p99_ms: result.p99,
    }),
  );
} finally {
  child.kill('SIGTERM');
}
