import type { Db } from '../../db/client.js';
import { enqueueMissingStatistics, sendFollowUpReminders, strategyReport } from '../strategy/strategy.service.js';
import { failAbandonedJobs, type JobHandler, runNextJob } from './jobs.service.js';

/** What each kind of job runs. Named here, in one place, rather than found by scanning. */
export function jobHandlers(db: Db): Record<string, JobHandler> {
  return {
    'strategy-report': (params, progress) => strategyReport(db, params, progress),
  };
}

/**
 * The server process's background work: runs queued jobs one at a time, and at start and then once
 * an hour marks abandoned jobs failed, queues statistics for strategies that have none, and queues
 * the follow-up reminders that are due (idempotent: each reminder is recorded and sent once).
 */
export function startJobWorker(
  db: Db,
  options: { publicBaseUrl: string; intervalMs?: number; onError?: (error: unknown) => void },
) {
  const handlers = jobHandlers(db);
  let running = false;
  let lastReminders = 0;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (Date.now() - lastReminders > 60 * 60 * 1000) {
        lastReminders = Date.now();
        await failAbandonedJobs(db);
        await enqueueMissingStatistics(db);
        await sendFollowUpReminders(db, { publicBaseUrl: options.publicBaseUrl });
      }
      while (await runNextJob(db, handlers)) {}
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, options.intervalMs ?? 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      while (running) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
