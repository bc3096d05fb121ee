/**
 * Lotsen on the embedded database (PGlite, a data directory on disk): submissions per second and
 * p99 at 16 connections through the real server process, an inbox list, and the process's resident
 * memory. `BENCH_SECONDS` sets each measurement's length (default 15).
 * The last stdout line is one JSON object:
 * {"pglite_intake_per_s": x, "pglite_intake_p99_ms": x, "pglite_list_p50_ms": x, "pglite_rss_mb": x}
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../test/crash/support.js';
import { rssOf } from './cases.bench.js';
import { load } from './lib/load.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const dir = mkdtempSync(join(tmpdir(), 'lotsen-bench-pglite-'));
const server = await startServer({ LOTSEN_DATA_DIR: dir, DATABASE_URL: '', LOTSEN_RATE_LIMIT_FACTOR: '1000000' });
try {
  const idle = rssOf(server.child.pid);
  const run = randomBytes(4).toString('hex');
  const intake = await load(
    server.base,
    (i) => ({
      method: 'POST',
      path: '/api/cases',
      headers: { 'idempotency-key': `bench-${run}-${i}` },
      body: JSON.stringify({
        offeringId: 'botkyrka-kommun-bygglov',
        description: 'Vi vill bygga ut vår verksamhet och behöver hjälp',
        companyName: `Bench ${i} AB`,
        contact: { name: 'Bänk Bänksson', email: `bench${i}@example.se` },
      }),
    }),
    { connections: 16, seconds: SECONDS },
  );
  const afterIntake = rssOf(server.child.pid);
  const offerings = await load(server.base, [{ path: '/api/offerings?limit=20' }], {
    connections: 16,
    seconds: 5,
  });
  console.log(
    `PGlite intake (16 connections): ${intake.perSecond}/s, p50 ${intake.p50} ms, p99 ${intake.p99} ms`,
    intake.statuses,
  );
  console.log(`PGlite offerings list: ${offerings.perSecond}/s, p50 ${offerings.p50} ms, p99 ${offerings.p99} ms`);
  console.log(`PGlite server resident memory: ${idle} MB idle after start, ${afterIntake} MB after the intake run`);
  console.log(
    JSON.stringify({
      pglite_intake_per_s: intake.perSecond,
      pglite_intake_p99_ms: intake.p99,
      pglite_list_p50_ms: offerings.p50,
      pglite_rss_mb: afterIntake,
      pglite_rss_idle_mb: idle,
    }),
  );
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
