import type { Db } from '../../db/client.js';
import { refreshStatisticsFromOutbox } from '../strategy/strategy.service.js';
import * as repo from './outbox.repository.js';

export interface Mailer {
  send(message: repo.EmailMessage): Promise<void>;
}

export const MAX_ATTEMPTS = 6;

/** Exponential backoff: 30 s, 1 min, 2 min, 4 min, 8 min; after MAX_ATTEMPTS the message is dead. */
export function retryAt(attemptsSoFar: number, now: Date = new Date()): Date | null {
  const attempt = attemptsSoFar + 1;
  if (attempt >= MAX_ATTEMPTS) return null;
  return new Date(now.getTime() + 30_000 * 2 ** (attempt - 1));
}

/**
 * Handles what is due, by kind ('email': send it; 'indicator-refresh': recompute a strategy's
 * statistics), one message per transaction so a crash never marks an unhandled message handled.
 * Returns how many messages were handled (sent or failed).
 */
export async function drainOutbox(db: Db, mailer: Mailer, limit = 20): Promise<number> {
  let handled = 0;
  while (handled < limit) {
    const done = await db.transaction(async (tx) => {
      const [message] = await repo.claimDue(tx, 1);
      if (!message) return false;
      try {
        if (message.kind === 'email') await mailer.send(message.payload as repo.EmailMessage);
        else if (message.kind === 'indicator-refresh') {
          // Many submissions at once may each have queued the same refresh: one run serves them all.
          const duplicates = await repo.lockDuplicates(tx, message);
          // In a savepoint: a failed refresh rolls back alone, and the message is still marked failed.
          await tx.transaction((sp) => refreshStatisticsFromOutbox(sp, message.payload as { root: string }));
          await repo.markSentWith(tx, duplicates);
        } else throw new Error(`unknown outbox kind ${message.kind}`);
        await repo.markSent(tx, message.id);
      } catch (error) {
        await repo.markFailed(tx, message.id, (error as Error).message, retryAt(message.attempts));
      }
      return true;
    });
    if (!done) break;
    handled++;
  }
  return handled;
}

/**
 * Drains the outbox every `intervalMs` until stopped; while there is a backlog (a full batch was
 * handled) it goes on at once rather than waiting for the next tick.
 */
export function startOutboxWorker(db: Db, mailer: Mailer, intervalMs = 2000, onError?: (error: unknown) => void) {
  let running = false;
  let stopping = false;
  const batch = 20;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      while ((await drainOutbox(db, mailer, batch)) === batch && !stopping) {}
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
