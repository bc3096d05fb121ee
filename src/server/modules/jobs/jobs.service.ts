/**
 * Background jobs: a person asks for something long (a report, an export, an import), gets a job
 * to poll, may leave, and fetches the result when it is done. Only the person who asked (or a
 * system admin) sees a job and its file.
 */
import type { JobResponse } from '../../../contracts/jobs.js';
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Principal } from '../access/access.policies.js';
import * as repo from './jobs.repository.js';

export interface JobFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

/** Runs one job: reports progress (0–100) as it goes, returns the file it made. */
export type JobHandler = (
  params: Record<string, unknown>,
  progress: (percent: number) => Promise<void>,
) => Promise<JobFile>;

function toJobResponse(row: repo.JobRow): JobResponse {
  const result = row.result as { fileName?: string; contentType?: string; bytes?: number } | null;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as JobResponse['status'],
    progress: row.progress,
    result:
      row.status === 'done' && result?.fileName
        ? {
            url: `/api/jobs/${row.id}/result`,
            fileName: result.fileName,
            contentType: result.contentType ?? 'application/octet-stream',
            bytes: result.bytes ?? 0,
          }
        : null,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Queues a job for the worker; pass the caller's transaction to queue it with the change that asks for it. */
export async function createJob(
  db: Db | Tx,
  principal: Principal,
  kind: string,
  params: Record<string, unknown>,
): Promise<JobResponse> {
  return toJobResponse(await repo.insertJob(db, { kind, params, createdBy: principal.userId }));
}

async function ownJob(db: Db, principal: Principal, id: string): Promise<repo.JobRow> {
  const row = await repo.findJob(db, id);
  // Someone else's job looks like no job at all.
  if (!row || (row.createdBy !== principal.userId && !principal.roles.includes('system-admin')))
    throw new AppError('job_not_found', 'Jobbet finns inte');
  return row;
}

export async function getJob(db: Db, principal: Principal, id: string): Promise<JobResponse> {
  return toJobResponse(await ownJob(db, principal, id));
}

export async function jobResult(db: Db, principal: Principal, id: string): Promise<JobFile> {
  const row = await ownJob(db, principal, id);
  const result = row.result as { fileName?: string; contentType?: string } | null;
  if (row.status !== 'done' || !row.resultFile || !result?.fileName)
    throw new AppError('job_not_done', 'Jobbet är inte klart');
  return {
    fileName: result.fileName,
    contentType: result.contentType ?? 'application/octet-stream',
    bytes: row.resultFile,
  };
}

/**
 * Runs the oldest queued job with its handler, outside any transaction so that its progress is
 * visible while it runs. Returns whether there was one.
 */
export async function runNextJob(db: Db, handlers: Readonly<Record<string, JobHandler>>): Promise<boolean> {
  const job = await repo.claimNext(db);
  if (!job) return false;
  const handler = handlers[job.kind];
  try {
    if (!handler) throw new Error(`okänt jobb: ${job.kind}`);
    let last = -1;
    const file = await handler(job.params as Record<string, unknown>, async (percent) => {
      // Only whole steps are written: a long job should not write a row per item.
      const rounded = Math.min(99, Math.floor(percent));
      if (rounded > last) {
        last = rounded;
        await repo.setProgress(db, job.id, rounded);
      }
    });
    await repo.finish(
      db,
      job.id,
      { fileName: file.fileName, contentType: file.contentType, bytes: file.bytes.length },
      Buffer.from(file.bytes),
    );
  } catch (error) {
    await repo.fail(
      db,
      job.id,
      error instanceof AppError ? error.message : `Jobbet misslyckades: ${(error as Error).message}`,
    );
  }
  return true;
}

export const failAbandonedJobs = (db: Db, olderThanMs = 10 * 60 * 1000) => repo.failAbandoned(db, olderThanMs);
