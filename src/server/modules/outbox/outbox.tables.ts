import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Messages to send, written in the same transaction as the change that caused them. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    // The debounce (enqueueOnce) looks for a waiting message of one kind among many pending e-mails.
    index('outbox_pending_kind_idx').on(t.kind).where(sql`${t.status} = 'pending'`),
    // The workers' claim (claimDue) takes waiting messages in this order, e-mail first, without
    // sorting a backlog: under a burst of submissions thousands may wait.
    index('outbox_claim_idx').on(sql`(${t.kind} <> 'email')`, t.id).where(sql`${t.status} = 'pending'`),
    check('outbox_status_check', sql`${t.status} in ('pending', 'sent', 'dead')`),
  ],
);
