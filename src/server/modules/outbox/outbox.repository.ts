import { eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { outbox } from './outbox.tables.js';

export type OutboxRow = typeof outbox.$inferSelect;

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Queues an e-mail in the caller's transaction: it is sent only if the change commits. */
export async function enqueueEmail(db: Db | Tx, message: EmailMessage): Promise<void> {
  await db.insert(outbox).values({ kind: 'email', payload: message });
}

/**
 * Queues a message per row of `payloads` (a query with one jsonb column `payload`) unless an equal
 * one (same kind and payload) waits that no worker has taken yet: a debounce. The waiting one is
 * locked until the caller commits, so a worker takes it only after the change is visible; one a
 * worker is already handling is locked, so a new one is queued. One statement, which a caller may
 * also run inside a larger statement (as a WITH query).
 */
export function enqueueOnceEachStatement(kind: string, payloads: SQL): SQL {
  // One waiting message per payload is locked, not all of them: a lock writes to its row, and under a
  // burst of submissions several equal messages may wait (a concurrent caller holding one makes the
  // next queue another), which the worker then handles as one (see lockDuplicates).
  // The kind is written into the statement, not passed as a value: the server then estimates the
  // statement the same for every run and keeps one plan for it (see openDatabase).
  if (!/^[a-z-]+$/.test(kind)) throw new Error(`outbox kind ${kind} is not a plain name`);
  const k = sql.raw(`'${kind}'::text`);
  return sql`with wanted as (select distinct payload from (${payloads}) p), waiting as (
      select w.payload from wanted w cross join lateral (
        select 1 from outbox o where o.kind = ${k} and o.status = 'pending' and o.payload = w.payload
        limit 1 for update skip locked
      ) held
    )
    insert into outbox (kind, payload)
    select ${k}, payload from wanted where payload not in (select payload from waiting)`;
}

/** enqueueOnceEachStatement for one payload. */
export async function enqueueOnce(db: Db | Tx, kind: string, payload: Record<string, string>): Promise<void> {
  await db.execute(enqueueOnceEachStatement(kind, payloadStatement(payload)));
}

/** One payload as the query enqueueOnceEachStatement takes. */
export function payloadStatement(payload: Record<string, string>): SQL {
  return sql`select ${JSON.stringify(payload)}::jsonb as payload`;
}

/**
 * Claims due messages for this worker, oldest first: e-mails, or the messages of every other kind.
 * Row locks with SKIP LOCKED, so several processes draining the same outbox never take the same
 * message. Each of the two has its own partial index in this order (outbox.tables), so a claim
 * reads only the rows it takes however many wait (and however stale the statistics: see below).
 */
export function claimDue(tx: Tx, limit: number, which: 'email' | 'other', dueForMs = 0): Promise<OutboxRow[]> {
  return withoutSorting(tx, () => claimQuery(tx, limit, which, dueForMs));
}

/**
 * Runs `statements` with sorting off, then puts the setting back for the rest of the transaction
 * (a refresh of the follow-up figures after a claim sorts, rightly). Why the claims need it: a
 * queue's statistics are taken when little or nothing waits; a burst then grows the table they
 * describe as nearly empty, and the planner, expecting a row or two, reads the index as a bitmap:
 * every waiting message in heap order, sorted by id before the first is locked. Each claim then
 * read and sorted the whole backlog (30 ms at 20,000 e-mails, to take ten), and a drain cost the
 * square of its size. With sorting off, the plan left reads the index in its order and stops at
 * the limit, whatever the statistics say.
 */
export async function withoutSorting<T>(tx: Tx, statements: () => Promise<T>): Promise<T> {
  const before = (await tx.execute(
    sql`select current_setting('enable_sort') as was, set_config('enable_sort', 'off', true)`,
  )) as unknown as { rows: { was: string }[] };
  // Put back after success only: a failed statement has aborted the transaction, whose rollback
  // undoes the setting (and a statement now would only hide the error with its own).
  const result = await statements();
  await tx.execute(sql`select set_config('enable_sort', ${before.rows[0]?.was ?? 'on'}, true)`);
  return result;
}

/**
 * The statement claimDue runs (a test asks PostgreSQL how it plans it): messages due for at least
 * `dueForMs` (0: due now).
 */
export function claimQuery(tx: Db | Tx, limit: number, which: 'email' | 'other', dueForMs = 0) {
  return tx
    .select()
    .from(outbox)
    .where(
      sql`${outbox.status} = 'pending' and ${outbox.kind} ${sql.raw(which === 'email' ? '=' : '<>')} 'email' and ${outbox.nextAttemptAt} <= now() - ${Math.max(0, Math.round(dueForMs))}::integer * interval '1 millisecond'`,
    )
    .orderBy(outbox.id)
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markSent(tx: Tx, id: number): Promise<void> {
  await tx
    .update(outbox)
    .set({ status: 'sent', sentAt: new Date(), attempts: sql`${outbox.attempts} + 1` })
    .where(eq(outbox.id, id));
}

/**
 * Other waiting messages equal to `message` (same kind and payload) that no one else holds, locked
 * for this transaction: handling `message` handles them too, when they were committed before it
 * began (a refresh counts every change committed before it runs).
 */
export async function lockDuplicates(tx: Tx, message: OutboxRow): Promise<number[]> {
  const rows = await duplicatesQuery(tx, message);
  return rows.map((r) => r.id);
}

/** The statement lockDuplicates runs. */
export function duplicatesQuery(tx: Db | Tx, message: Pick<OutboxRow, 'id' | 'kind' | 'payload'>) {
  return tx
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      // `kind <> 'email'` spelt out: with the kind a parameter, only it matches the partial index.
      sql`${outbox.kind} = ${message.kind} and ${outbox.kind} <> 'email' and ${outbox.status} = 'pending' and ${outbox.payload} = ${JSON.stringify(message.payload)}::jsonb and ${outbox.id} <> ${message.id}`,
    )
    .for('update', { skipLocked: true });
}

/** Marks these messages sent, each counting one more attempt. */
export async function markSentAll(tx: Tx, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(outbox)
    .set({ status: 'sent', sentAt: new Date(), attempts: sql`${outbox.attempts} + 1` })
    .where(inArray(outbox.id, ids));
}

export async function markSentWith(tx: Tx, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.update(outbox).set({ status: 'sent', sentAt: new Date() }).where(inArray(outbox.id, ids));
}

export async function markFailed(tx: Tx, id: number, error: string, retryAt: Date | null): Promise<void> {
  await tx
    .update(outbox)
    .set({
      status: retryAt ? 'pending' : 'dead',
      attempts: sql`${outbox.attempts} + 1`,
      nextAttemptAt: retryAt ?? new Date(),
      lastError: error.slice(0, 2000),
    })
    .where(eq(outbox.id, id));
}

export async function listByStatus(db: Db, status: 'pending' | 'sent' | 'dead', limit = 100): Promise<OutboxRow[]> {
  return db.select().from(outbox).where(eq(outbox.status, status)).orderBy(sql`${outbox.id} desc`).limit(limit);
}
