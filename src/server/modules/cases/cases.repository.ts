import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { caseEvents, cases, caseWorkflows, diariumCounters } from './cases.tables.js';

type Conn = Db | Tx;
export type CaseRow = typeof cases.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;

/** The next diarienummer sequence: the row lock serialises concurrent submissions per organisation. */
export async function nextDiariumSequence(tx: Tx, organisationId: string, year: number): Promise<number> {
  const [row] = await tx
    .insert(diariumCounters)
    .values({ organisationId, year, last: 1 })
    .onConflictDoUpdate({
      target: [diariumCounters.organisationId, diariumCounters.year],
      set: { last: sql`${diariumCounters.last} + 1` },
    })
    .returning({ last: diariumCounters.last });
  return (row as { last: number }).last;
}

export async function insertCase(tx: Tx, row: typeof cases.$inferInsert): Promise<CaseRow> {
  const [inserted] = await tx.insert(cases).values(row).returning();
  return inserted as CaseRow;
}

export async function findCase(db: Conn, id: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  return row;
}

export async function findCaseForUpdate(tx: Tx, id: string): Promise<CaseRow | undefined> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, id)).for('update');
  return row;
}

export async function findByIdempotencyKey(db: Conn, key: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.idempotencyKey, key));
  return row;
}

export async function findByFollowToken(db: Conn, tokenHash: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.followTokenHash, tokenHash));
  return row;
}

/** Writes the change and bumps the version (the ETag). */
export async function updateCase(tx: Tx, id: string, set: Partial<typeof cases.$inferInsert>): Promise<CaseRow> {
  const [row] = await tx
    .update(cases)
    .set({ ...set, version: sql`${cases.version} + 1`, updatedAt: new Date() })
    .where(eq(cases.id, id))
    .returning();
  return row as CaseRow;
}

export async function insertEvent(db: Conn, row: typeof caseEvents.$inferInsert): Promise<void> {
  await db.insert(caseEvents).values(row);
}

export async function eventsOf(db: Conn, caseId: string, companyView: boolean): Promise<CaseEventRow[]> {
  const where = companyView
    ? and(eq(caseEvents.caseId, caseId), eq(caseEvents.visibility, 'company'))
    : eq(caseEvents.caseId, caseId);
  return db.select().from(caseEvents).where(where).orderBy(asc(caseEvents.id));
}

/** Read receipts: the company has now seen the staff's messages on this case. */
export async function markMessagesRead(db: Conn, caseId: string): Promise<void> {
  await db
    .update(caseEvents)
    .set({ readByCompanyAt: new Date() })
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, 'message'), isNull(caseEvents.readByCompanyAt)));
}

export interface InboxFilter {
  scopes: 'all' | { organisationId: string; unitId: string | null }[];
  status?: string;
  overdueOn?: string;
  assignee?: string | null;
  offeringId?: string;
  municipality?: string;
  companyOrgnr?: string;
  sort?: 'due' | 'received' | '-received' | 'status';
}

function inboxWhere(filter: InboxFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filter.scopes !== 'all') {
    if (filter.scopes.length === 0) return sql`false`;
    conditions.push(
      or(
        ...filter.scopes.map((s) =>
          s.unitId === null
            ? eq(cases.organisationId, s.organisationId)
            : and(eq(cases.organisationId, s.organisationId), eq(cases.unitId, s.unitId)),
        ),
      ),
    );
  }
  if (filter.companyOrgnr) conditions.push(eq(cases.companyOrgnr, filter.companyOrgnr));
  else conditions.push(or(isNotNull(cases.emailVerifiedAt), isNotNull(cases.submittedBy)));
  if (filter.status) conditions.push(eq(cases.status, filter.status));
  if (filter.overdueOn) conditions.push(and(lt(cases.dueOn, filter.overdueOn), isNull(cases.closedAt)));
  if (filter.assignee === null) conditions.push(isNull(cases.assigneeId));
  else if (filter.assignee) conditions.push(eq(cases.assigneeId, filter.assignee));
  if (filter.offeringId) conditions.push(eq(cases.offeringId, filter.offeringId));
  if (filter.municipality) conditions.push(eq(cases.municipality, filter.municipality));
  return and(...conditions);
}

export async function listCases(db: Conn, filter: InboxFilter, page: { limit: number; offset: number }) {
  const where = inboxWhere(filter);
  const order = {
    due: [asc(cases.dueOn), asc(cases.createdAt)],
    received: [asc(cases.createdAt)],
    '-received': [desc(cases.createdAt)],
    status: [asc(cases.status), asc(cases.dueOn)],
  }[filter.sort ?? 'due'];
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(cases)
      .where(where)
      .orderBy(...order, asc(cases.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(cases).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function casesByIds(tx: Tx, ids: string[]): Promise<CaseRow[]> {
  return tx.select().from(cases).where(inArray(cases.id, ids)).for('update');
}

export async function workflowDefinitions(db: Conn): Promise<{ caseType: string; definition: unknown }[]> {
  return db.select({ caseType: caseWorkflows.caseType, definition: caseWorkflows.definition }).from(caseWorkflows);
}

export async function insertWorkflowIfMissing(db: Conn, caseType: string, definition: unknown): Promise<void> {
  await db.insert(caseWorkflows).values({ caseType, definition }).onConflictDoNothing();
}
