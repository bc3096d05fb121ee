import type { Db } from '../../db/client.js';
import { appendAudit } from '../audit/audit.repository.js';
import { DEFAULT_WORKFLOWS, type Workflow } from './case-status.js';
import * as repo from './cases.repository.js';

export interface RetentionItem {
  caseId: string;
  diarienummer: string;
  caseType: string;
  closedAt: string;
  action: 'delete' | 'anonymise';
}

export interface RetentionReport {
  dryRun: boolean;
  checkedAt: string;
  items: RetentionItem[];
}

function actionOf(workflow: Workflow): 'delete' | 'anonymise' {
  return workflow.retentionAction ?? (workflow.retentionYears >= 10 ? 'anonymise' : 'delete');
}

/** Whether a closed case is due for gallring under its case type's rule. */
export function isDue(closedAt: Date, workflow: Workflow, now: Date): boolean {
  const due = new Date(closedAt);
  due.setUTCFullYear(due.getUTCFullYear() + workflow.retentionYears);
  return due <= now;
}

/**
 * Gallring: finds the closed cases whose retention time has run out and deletes or anonymises
 * them by their case type's rule. A dry run (the default) only reports what it would do; every
 * applied step is audited, and the audit log itself is never touched.
 */
export async function runRetention(
  db: Db,
  workflows: Map<string, Workflow>,
  options: { apply: boolean; now?: Date; actorId?: string | null; limit?: number },
): Promise<RetentionReport> {
  const now = options.now ?? new Date();
  const shortest = Math.min(...[...workflows.values(), ...DEFAULT_WORKFLOWS].map((w) => w.retentionYears));
  const horizon = new Date(now);
  horizon.setUTCFullYear(horizon.getUTCFullYear() - shortest);
  const candidates = await repo.closedBefore(db, horizon, options.limit ?? 10_000);
  const items: RetentionItem[] = [];
  for (const row of candidates) {
    const workflow = workflows.get(row.caseType);
    if (!workflow || !row.closedAt || !isDue(row.closedAt, workflow, now)) continue;
    if (actionOf(workflow) === 'anonymise' && row.description === '[gallrad]') continue;
    items.push({
      caseId: row.id,
      diarienummer: row.diarienummer,
      caseType: row.caseType,
      closedAt: row.closedAt.toISOString(),
      action: actionOf(workflow),
    });
  }
  if (options.apply) {
    for (const item of items) {
      await db.transaction(async (tx) => {
        if (item.action === 'delete') await repo.deleteCase(tx, item.caseId);
        else await repo.anonymiseCase(tx, item.caseId);
        await appendAudit(tx, {
          actorId: options.actorId ?? null,
          actorKind: options.actorId ? 'staff' : 'system',
          action: item.action === 'delete' ? 'case.deleted_by_retention' : 'case.anonymised_by_retention',
          entity: 'case',
          entityId: item.caseId,
          details: { diarienummer: item.diarienummer, caseType: item.caseType, closedAt: item.closedAt },
        });
      });
    }
  }
  return { dryRun: !options.apply, checkedAt: now.toISOString(), items };
}
