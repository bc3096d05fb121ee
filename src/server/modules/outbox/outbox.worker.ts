import type { Db } from '../../db/client.js';
import { refreshStatisticsFromOutbox } from '../strategy/strategy.service.js';
import * as repo from './outbox.repository.js';

export interface Mailer {
  /** Rejects with an error whose `permanent` is true when sending the message again cannot succeed. */
  send(message: repo.EmailMessage): Promise<void>;
}

export const MAX_ATTEMPTS = 6;

/**
 * When to try a failed message again, or null for never (it is dead): exponential backoff, 30 s,
 * 1 min, 2 min, 4 min, 8 min; dead after MAX_ATTEMPTS, or at once when the failure says it is
 * `permanent` (a refusal for good, e.g. an unknown recipient).
 */
export function retryAt(attemptsSoFar: number, failure: unknown, now: Date = new Date()): Date | null {
  const attempt = attemptsSoFar + 1;
  if (attempt >= MAX_ATTEMPTS || (failure as { permanent?: unknown } | null)?.permanent === true) return null;
  return new Date(now.getTime() + 30_000 * 2 ** (attempt - 1));
}

/** How many e-mails one transaction claims and sends together (over the pooled SMTP connections). */
export const EMAIL_BATCH = 10;

/**
 * Handles what is due, by kind ('email': send it; 'indicator-refresh': recompute a strategy's
 * statistics). E-mails go in batches of EMAIL_BATCH, sent at the same time; any other message alone.
 * Each batch is one transaction, so a crash never marks an unhandled message handled (a crash
 * after sending and before the commit sends that batch again: at least once). Only messages due
 * for at least `dueForMs` are taken (see startOutboxWorker). Returns how many messages were handled
 * (sent or failed).
 */
export async function drainOutbox(db: Db, mailer: Mailer, limit = 20, dueForMs = 0): Promise<number> {
  let handled = 0;
  while (handled < limit) {
    const done = await db.transaction(async (tx) => {
      const emails = await repo.claimDue(tx, Math.min(EMAIL_BATCH, limit - handled), 'email', dueForMs);
      if (emails.length > 0) {
        const sent = await Promise.allSettled(emails.map((m) => mailer.send(m.payload as repo.EmailMessage)));
        await repo.markSentAll(
          tx,
          emails.filter((_, i) => sent[i]?.status === 'fulfilled').map((m) => m.id),
        );
        for (const [i, outcome] of sent.entries()) {
          const message = emails[i] as repo.OutboxRow;
          if (outcome.status === 'rejected') {
            await repo.markFailed(
              tx,
              message.id,
              String(outcome.reason?.message ?? outcome.reason),
              retryAt(message.attempts, outcome.reason),
            );
          }
        }
        return emails.length;
      }
      const [message] = await repo.claimDue(tx, 1, 'other', dueForMs);
      if (!message) return 0;
      try {
        if (message.kind === 'indicator-refresh') {
          // Many submissions at once may each have queued the same refresh: one run serves them all.
          const duplicates = await repo.lockDuplicates(tx, message);
          // In a savepoint: a failed refresh rolls back alone, and the message is still marked failed.
          await tx.transaction((sp) => refreshStatisticsFromOutbox(sp, message.payload as { root: string }));
          await repo.markSentWith(tx, duplicates);
        } else throw new Error(`unknown outbox kind ${message.kind}`);
        await repo.markSent(tx, message.id);
      } catch (error) {
        await repo.markFailed(tx, message.id, (error as Error).message, retryAt(message.attempts, error));
      }
      return 1;
    });
    if (done === 0) break;
    handled += done;
  }
  return handled;
}

/** How long a message may wait while the front door is busy (see startOutboxWorker). */
export const OUTBOX_DEFER_MS = 30_000;

export interface OutboxWorkerOptions {
  /** Whether the front door is busy now (main.ts: many requests a second). */
  busy?: () => boolean;
  /** How long a message may wait while it is; default OUTBOX_DEFER_MS. */
  deferMs?: number;
}

/**
 * Drains the outbox every `intervalMs` until stopped; while there is a backlog (a full batch was
 * handled) it goes on at once rather than waiting for the next tick. While `busy()` says the front
 * door is busy, it takes only what has been due for `deferMs`: e-mails and refreshes wait for the
 * burst to pass (on 2 cores, sending the acknowledgements of a burst of submissions while it lasts
 * took a fifth of what the submissions could have had), but never longer than that. Under load that
 * does not pass, messages go out `deferMs` late, oldest first, as fast as they come.
 */
export function startOutboxWorker(
  db: Db,
  mailer: Mailer,
  intervalMs = 2000,
  onError?: (error: unknown) => void,
  options: OutboxWorkerOptions = {},
) {
  let running = false;
  let stopping = false;
  const batch = 20;
  const dueFor = () => (options.busy?.() ? (options.deferMs ?? OUTBOX_DEFER_MS) : 0);
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      while ((await drainOutbox(db, mailer, batch, dueFor())) === batch && !stopping) {}
    } catch (error) {
      onError?.(error);
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopping = true;
      clearInterval(timer);
      while (running) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
