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
    // A queue's statistics are always stale (analysed when nothing waited, read under a backlog of
    // thousands), so each query on waiting messages has one partial index that matches it exactly,
    // in the order it takes them: the workers' e-mail claim (claimDue), and the other kinds' claim
    // and the debounce's lookup (enqueueOnce), which never scan the e-mails waiting beside them.
    index('outbox_pending_email_idx').on(t.id).where(sql`${t.status} = 'pending' and ${t.kind} = 'email'`),
    index('outbox_pending_other_idx').on(t.id).where(sql`${t.status} = 'pending' and ${t.kind} <> 'email'`),
    // The dead letters admins look at, newest first (listByStatus). No index on status as such: a
    // lookup of waiting refreshes, planned from statistics that knew of no backlog, took one on
    // (status, next attempt) and read every waiting e-mail to find a refresh.
    index('outbox_dead_idx').on(t.id).where(sql`${t.status} = 'dead'`),
    check('outbox_status_check', sql`${t.status} in ('pending', 'sent', 'dead')`),
  ],
);
