/**
 * The crash test: the real server process takes 1,000 concurrent submissions with idempotency
 * keys, is killed with SIGKILL part-way, is started again, and the client retries whatever was not
 * acknowledged. Every acknowledged submission exists exactly once, all of them exist at the end,
 * diarienummer are unique and gap-free, and no case is half-written. On PostgreSQL (a fresh
 * database, when TEST_DATABASE_URL is set) and on PGlite (a data directory on disk).
 * CRASH_SUBMISSIONS sets the number (default 1,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/client.js';
import { type Engine, engines, freshDatabaseUrl } from '../support/databases.js';
import {
  type Ack,
  freePort,
  type IntegrityRows,
  readIntegrity,
  type Server,
  sendAll,
  startServer,
  submissions,
  submit,
} from './support.js';

const N = Number(process.env.CRASH_SUBMISSIONS ?? 1000);
const KILL_AFTER = Math.floor(N * 0.35);
const CONCURRENCY = 50;

for (const engine of engines()) {
  describe(`crash test: SIGKILL part-way through ${N} submissions (${engine})`, () => {
    let env: Record<string, string>;
    let cleanup: () => Promise<void> = async () => {};
    let server: Server | undefined;

    beforeAll(async () => {
      if (engine === 'pglite') {
        const dir = mkdtempSync(join(tmpdir(), 'lotsen-crash-'));
        env = { LOTSEN_DATA_DIR: dir, DATABASE_URL: '' };
        cleanup = async () => rmSync(dir, { recursive: true, force: true });
      } else {
        const fresh = await freshDatabaseUrl();
        env = { DATABASE_URL: fresh.url };
        cleanup = fresh.drop;
      }
    }, 60_000);

    afterAll(async () => {
      if (server?.child.exitCode === null) await server.kill();
      await cleanup();
    });

    it('keeps every acknowledged submission exactly once and writes nothing by halves', async () => {
      const port = await freePort();
      server = await startServer(env, port);
      // Offerings of several organisations, so that several diarium counters move at once.
      const offerings = (await (await fetch(`${server.base}/api/offerings?limit=100`)).json()) as {
        items: { id: string; provider: { id: string } }[];
      };
      const byProvider = new Map<string, string>();
      for (const o of offerings.items) if (!byProvider.has(o.provider.id)) byProvider.set(o.provider.id, o.id);
      const items = submissions(N, [...byProvider.values()].slice(0, 5));
      const prefix = items[0]?.key.slice(0, -5) as string;

      // Phase 1: fire away; kill the process once a good third is acknowledged.
      let killing: Promise<void> | null = null;
      let acked = 0;
      const running = server;
      const first = await sendAll(items, (s) => submit(running.base, s), {
        concurrency: CONCURRENCY,
        stop: () => killing !== null,
        onAck: () => {
          acked++;
          if (!killing && acked >= KILL_AFTER) killing = running.kill();
        },
      });
      await killing;
      expect(running.child.signalCode).toBe('SIGKILL');
      const acknowledged = new Map<string, Ack>(first.acks);
      console.log(
        `${engine}: killed after ${acknowledged.size} acknowledged; ${first.failed.size} in flight failed; ${N - acknowledged.size - first.failed.size} not sent`,
      );
      expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(acknowledged.size).toBeLessThan(N);

      // Phase 2: start again on the same database and retry everything not acknowledged.
      server = await startServer(env, port);
      const restarted = server;
      const retry = items.filter((s) => !acknowledged.has(s.key));
      const second = await sendAll(retry, (s) => submit(restarted.base, s), { concurrency: CONCURRENCY });
      expect([...second.failed.entries()].slice(0, 5)).toEqual([]);
      const replayed = [...second.acks.values()].filter((a) => a.status === 200).length;
      console.log(`${engine}: retried ${retry.length}; ${replayed} had committed before the kill (replayed)`);
      // A retry of an acknowledged key answers the same case (the idempotency record survived).
      const sample = [...acknowledged.values()].slice(0, 20);
      for (const ack of sample) {
        const again = await submit(restarted.base, items.find((s) => s.key === ack.key) as (typeof items)[number]);
        expect(again).toMatchObject({ caseId: ack.caseId, diarienummer: ack.diarienummer, status: 200 });
      }

      // Read the database directly (PGlite: only one process may open the directory, so stop first).
      let rows: IntegrityRows;
      if (engine === 'postgres') {
        const client = new pg.Client({ connectionString: env.DATABASE_URL });
        client.on('error', () => {});
        await client.connect();
        try {
          rows = await readIntegrity(async (text, values) => (await client.query(text, values)).rows, prefix);
        } finally {
          await client.end();
        }
        expect(await restarted.stop(), restarted.output()).toBe(0);
      } else {
        expect(await restarted.stop(), restarted.output()).toBe(0);
        const database = await openDatabase({ dataDir: env.LOTSEN_DATA_DIR as string });
        rows = await readIntegrity((text, values) => database.query(text, values), prefix);
        await database.close();
      }
      checkIntegrity(engine, rows, items.length, acknowledged, second.acks);
    });
  });
}

function checkIntegrity(
  engine: Engine,
  rows: IntegrityRows,
  n: number,
  acknowledged: Map<string, Ack>,
  retried: Map<string, Ack>,
) {
  // Every key exactly once, all N of them.
  expect(rows.duplicates).toEqual([]);
  expect(rows.cases).toHaveLength(n);
  const byKey = new Map(rows.cases.map((c) => [c.key.replace(/^anonymous:/, ''), c]));
  // Every acknowledged submission is the case the client was told about, before and after the kill.
  for (const acks of [acknowledged, retried]) {
    for (const [key, ack] of acks) {
      expect(byKey.get(key), key).toMatchObject({ id: ack.caseId, diarienummer: ack.diarienummer });
    }
  }
  // Diarienummer: unique, from 1 with no gap, and the counter row at the highest number.
  for (const r of rows.numbering) {
    expect(r, `${engine} ${r.organisation_id} ${r.year}`).toMatchObject({
      distinct_n: r.n,
      min_seq: 1,
      max_seq: r.n,
      counter: r.n,
    });
  }
  // Nothing half-written: each case has its first timeline event, audit entry and e-mail, once.
  const broken = rows.halfWritten.filter((c) => c.events !== 1 || c.audits !== 1 || c.mails !== 1);
  expect(broken.slice(0, 10)).toEqual([]);
  expect(rows.halfWritten).toHaveLength(n);
}
