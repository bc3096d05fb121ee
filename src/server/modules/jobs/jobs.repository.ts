/** All SQL of background jobs. */
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { jobs } from './jobs.tables.js';

type Conn = Db | Tx;
export type JobRow = typeof jobs.$inferSelect;

export async function insertJob(db: Conn, row: typeof jobs.$inferInsert): Promise<JobRow> {
  const [inserted] = await db.insert(jobs).values(row).returning();
  return inserted as JobRow;
}

export async function findJob(db: Conn, id: string): Promise<JobRow | undefined> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row;
}

/**
 * Takes the oldest queued job and marks it running, in one statement: SKIP LOCKED lets several
 * server processes share the queue without taking the same job.
 */
export async function claimNext(db: Conn): Promise<JobRow | undefined> {
  const result = (await db.execute(sql`update jobs set status = 'running', started_at = now(), updated_at = now()
    where id = (select id from jobs where status = 'queued' order by created_at, id limit 1 for update skip locked)
    returning id`)) as unknown as { rows: { id: string }[] };
  const id = result.rows[0]?.id;
  return id ? findJob(db, id) : undefined;
}

export async function setProgress(db: Conn, id: string, progress: number) {
  await db
    .update(jobs)
    .set({ progress: Math.max(0, Math.min(100, Math.round(progress))), updatedAt: new Date() })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'running')));
}

export async function finish(db: Conn, id: string, result: Record<string, unknown>, file: Buffer | null) {
  const now = new Date();
  await db
    .update(jobs)
    .set({ status: 'done', progress: 100, result, resultFile: file, updatedAt: now, finishedAt: now })
    .where(eq(jobs.id, id));
}

export async function fail(db: Conn, id: string, error: string) {
  const now = new Date();
  await db
    .update(jobs)
    .set({ status: 'failed', error: error.slice(0, 2000), updatedAt: now, finishedAt: now })
    .where(eq(jobs.id, id));
}

/** Jobs left running by a process that stopped (no progress for `olderThanMs`) are marked failed. */
export async function failAbandoned(db: Conn, olderThanMs: number): Promise<number> {
  const result = (await db.execute(sql`update jobs set status = 'failed', finished_at = now(), updated_at = now(),
      error = 'Avbröts: servern startades om medan jobbet pågick'
    where status = 'running' and updated_at < now() - make_interval(secs => ${olderThanMs / 1000})
    returning id`)) as unknown as { rows: unknown[] };
  return result.rows.length;
}
