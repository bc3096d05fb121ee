import { eq, sql } from 'drizzle-orm';
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
 * Claims due messages for this worker: row locks with SKIP LOCKED, so several processes draining
 * the same outbox never take the same message.
 */
export async function claimDue(tx: Tx, limit: number): Promise<OutboxRow[]> {
  return tx
    .select()
    .from(outbox)
    .where(sql`${outbox.status} = 'pending' and ${outbox.nextAttemptAt} <= now()`)
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
