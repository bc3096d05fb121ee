import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { memberships } from '../access/access.tables.js';
import {
  caseAssignmentRules,
  caseConsents,
  caseDocuments,
  caseEvents,
  caseParts,
  caseReferrals,
  cases,
  caseWorkflows,
  diariumCounters,
} from './cases.tables.js';

type Conn = Db | Tx;
export type CaseRow = typeof cases.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;
export type CasePartRow = typeof caseParts.$inferSelect;
export type ConsentRow = typeof caseConsents.$inferSelect;
export type ReferralRow = typeof caseReferrals.$inferSelect;
export type DocumentRow = typeof caseDocuments.$inferSelect;
export type DocumentMeta = Omit<DocumentRow, 'content'>;
export type AssignmentRuleRow = typeof caseAssignmentRules.$inferSelect;

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
  /** Other organisations' cases shared with these staff through a part or a referral. */
  sharedCaseIds?: string[];
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
    const shared = filter.sharedCaseIds ?? [];
    if (filter.scopes.length === 0 && shared.length === 0) return sql`false`;
    conditions.push(
      or(
        ...filter.scopes.map((s) =>
          s.unitId === null
            ? eq(cases.organisationId, s.organisationId)
            : and(eq(cases.organisationId, s.organisationId), eq(cases.unitId, s.unitId)),
        ),
        ...(shared.length > 0 ? [inArray(cases.id, shared)] : []),
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

export async function partsOf(db: Conn, caseId: string): Promise<CasePartRow[]> {
  return db.select().from(caseParts).where(eq(caseParts.caseId, caseId)).orderBy(asc(caseParts.createdAt));
}

export async function findPartForUpdate(tx: Tx, id: string): Promise<CasePartRow | undefined> {
  const [row] = await tx.select().from(caseParts).where(eq(caseParts.id, id)).for('update');
  return row;
}

export async function insertPart(tx: Tx, row: typeof caseParts.$inferInsert): Promise<CasePartRow> {
  const [inserted] = await tx.insert(caseParts).values(row).returning();
  return inserted as CasePartRow;
}

export async function updatePart(
  tx: Tx,
  id: string,
  set: Partial<typeof caseParts.$inferInsert>,
): Promise<CasePartRow> {
  const [row] = await tx
    .update(caseParts)
    .set({ ...set, version: sql`${caseParts.version} + 1` })
    .where(eq(caseParts.id, id))
    .returning();
  return row as CasePartRow;
}

export async function consentsOf(db: Conn, caseId: string): Promise<ConsentRow[]> {
  return db.select().from(caseConsents).where(eq(caseConsents.caseId, caseId)).orderBy(asc(caseConsents.givenAt));
}

export async function insertConsent(db: Conn, row: typeof caseConsents.$inferInsert): Promise<ConsentRow> {
  const [inserted] = await db.insert(caseConsents).values(row).returning();
  return inserted as ConsentRow;
}

export async function revokeConsent(db: Conn, caseId: string, consentId: string): Promise<ConsentRow | undefined> {
  const [row] = await db
    .update(caseConsents)
    .set({ revokedAt: new Date() })
    .where(and(eq(caseConsents.id, consentId), eq(caseConsents.caseId, caseId), isNull(caseConsents.revokedAt)))
    .returning();
  return row;
}

export async function referralsOf(db: Conn, caseId: string): Promise<ReferralRow[]> {
  return db.select().from(caseReferrals).where(eq(caseReferrals.caseId, caseId)).orderBy(asc(caseReferrals.createdAt));
}

export async function insertReferral(tx: Tx, row: typeof caseReferrals.$inferInsert): Promise<ReferralRow> {
  const [inserted] = await tx.insert(caseReferrals).values(row).returning();
  return inserted as ReferralRow;
}

/** Anonymous inquiries sent to an organisation (no company data in them). */
export async function anonymousInquiriesTo(
  db: Conn,
  organisationIds: string[] | 'all',
  page: { limit: number; offset: number },
) {
  const where =
    organisationIds === 'all'
      ? eq(caseReferrals.mode, 'anonymous')
      : and(
          eq(caseReferrals.mode, 'anonymous'),
          inArray(caseReferrals.toOrganisationId, organisationIds.length ? organisationIds : ['-']),
        );
  return db
    .select()
    .from(caseReferrals)
    .where(where)
    .orderBy(desc(caseReferrals.createdAt))
    .limit(page.limit)
    .offset(page.offset);
}

export async function insertDocument(db: Conn, row: typeof caseDocuments.$inferInsert): Promise<DocumentMeta> {
  const [inserted] = await db.insert(caseDocuments).values(row).returning({
    id: caseDocuments.id,
    caseId: caseDocuments.caseId,
    fileName: caseDocuments.fileName,
    contentType: caseDocuments.contentType,
    size: caseDocuments.size,
    sha256: caseDocuments.sha256,
    visibility: caseDocuments.visibility,
    uploadedBy: caseDocuments.uploadedBy,
    uploadedByKind: caseDocuments.uploadedByKind,
    createdAt: caseDocuments.createdAt,
  });
  return inserted as DocumentMeta;
}

export async function documentsOf(db: Conn, caseId: string, companyView: boolean): Promise<DocumentMeta[]> {
  const where = companyView
    ? and(eq(caseDocuments.caseId, caseId), eq(caseDocuments.visibility, 'company'))
    : eq(caseDocuments.caseId, caseId);
  return db
    .select({
      id: caseDocuments.id,
      caseId: caseDocuments.caseId,
      fileName: caseDocuments.fileName,
      contentType: caseDocuments.contentType,
      size: caseDocuments.size,
      sha256: caseDocuments.sha256,
      visibility: caseDocuments.visibility,
      uploadedBy: caseDocuments.uploadedBy,
      uploadedByKind: caseDocuments.uploadedByKind,
      createdAt: caseDocuments.createdAt,
    })
    .from(caseDocuments)
    .where(where)
    .orderBy(asc(caseDocuments.createdAt));
}

export async function findDocument(db: Conn, caseId: string, id: string): Promise<DocumentRow | undefined> {
  const [row] = await db
    .select()
    .from(caseDocuments)
    .where(and(eq(caseDocuments.caseId, caseId), eq(caseDocuments.id, id)));
  return row;
}

/** Cases visible to staff through a part or a full referral at one of these organisations. */
export async function sharedCaseIds(
  db: Conn,
  scopes: { organisationId: string; unitId: string | null }[],
): Promise<string[]> {
  if (scopes.length === 0) return [];
  const orgs = [...new Set(scopes.map((s) => s.organisationId))];
  const [parts, referrals] = await Promise.all([
    db
      .select({ caseId: caseParts.caseId, organisationId: caseParts.organisationId, unitId: caseParts.unitId })
      .from(caseParts)
      .where(inArray(caseParts.organisationId, orgs)),
    db
      .select({ caseId: caseReferrals.caseId })
      .from(caseReferrals)
      .where(and(eq(caseReferrals.mode, 'full'), inArray(caseReferrals.toOrganisationId, orgs))),
  ]);
  const viaParts = parts.filter((p) =>
    scopes.some((s) => s.organisationId === p.organisationId && (s.unitId === null || s.unitId === p.unitId)),
  );
  return [...new Set([...viaParts.map((p) => p.caseId), ...referrals.map((r) => r.caseId)])];
}

/** Closed cases closed before `before`, oldest first, for gallring. */
export async function closedBefore(db: Conn, before: Date, limit: number): Promise<CaseRow[]> {
  return db
    .select()
    .from(cases)
    .where(and(isNotNull(cases.closedAt), lt(cases.closedAt, before)))
    .orderBy(asc(cases.closedAt))
    .limit(limit);
}

export async function deleteCase(tx: Tx, id: string): Promise<void> {
  await tx.delete(cases).where(eq(cases.id, id));
}

/** Removes personal data and free text while keeping the record that a decision was made. */
export async function anonymiseCase(tx: Tx, id: string): Promise<void> {
  await tx
    .update(cases)
    .set({
      contactName: null,
      contactEmail: null,
      description: '[gallrad]',
      followTokenHash: null,
      idempotencyKey: null,
      updatedAt: new Date(),
      version: sql`${cases.version} + 1`,
    })
    .where(eq(cases.id, id));
  await tx
    .update(caseEvents)
    .set({ body: null, authorName: null })
    .where(
      and(eq(caseEvents.caseId, id), inArray(caseEvents.kind, ['submitted', 'message', 'reply', 'note', 'document'])),
    );
  await tx.delete(caseDocuments).where(eq(caseDocuments.caseId, id));
}

export async function allDocumentsOf(db: Conn, caseId: string): Promise<DocumentRow[]> {
  return db.select().from(caseDocuments).where(eq(caseDocuments.caseId, caseId)).orderBy(asc(caseDocuments.createdAt));
}

// ---- Auto-assignment rules ----------------------------------------------------------------------

/** The membership roles whose holders handle cases and so may be auto-assigned them. */
export const ASSIGNABLE_ROLES = ['case-worker', 'coordinator', 'org-admin'] as const;

/** The person's active, case-handling membership of the organisation, if any. */
export async function activeStaffMembership(
  db: Conn,
  organisationId: string,
  userId: string,
): Promise<{ unitId: string | null; role: string } | undefined> {
  const [row] = await db
    .select({ unitId: memberships.unitId, role: memberships.role })
    .from(memberships)
    .where(
      and(
        eq(memberships.organisationId, organisationId),
        eq(memberships.userId, userId),
        eq(memberships.active, true),
        inArray(memberships.role, [...ASSIGNABLE_ROLES]),
      ),
    );
  return row;
}

export async function assignmentRulesOf(db: Conn, organisationId: string): Promise<AssignmentRuleRow[]> {
  return db
    .select()
    .from(caseAssignmentRules)
    .where(eq(caseAssignmentRules.organisationId, organisationId))
    .orderBy(asc(caseAssignmentRules.priority), asc(caseAssignmentRules.createdAt));
}

export async function findAssignmentRule(db: Conn, id: string): Promise<AssignmentRuleRow | undefined> {
  const [row] = await db.select().from(caseAssignmentRules).where(eq(caseAssignmentRules.id, id));
  return row;
}

export async function insertAssignmentRule(
  db: Conn,
  row: typeof caseAssignmentRules.$inferInsert,
): Promise<AssignmentRuleRow> {
  const [inserted] = await db.insert(caseAssignmentRules).values(row).returning();
  return inserted as AssignmentRuleRow;
}

export async function deleteAssignmentRule(db: Conn, id: string): Promise<void> {
  await db.delete(caseAssignmentRules).where(eq(caseAssignmentRules.id, id));
}

/**
 * The rule that assigns a new case (or part): active, of the organisation, each criterion null or
 * equal to the case's; the most specific first (offering, then unit, then municipality), then the
 * lowest priority number, then the oldest. Rules whose assignee is no longer an active staff member
 * of the organisation (or of the unit) are skipped.
 */
export async function matchingAssignmentRule(
  db: Conn,
  target: { organisationId: string; unitId: string | null; municipality: string | null; offeringId: string | null },
): Promise<AssignmentRuleRow | undefined> {
  const r = caseAssignmentRules;
  const criterion = (column: typeof r.unitId | typeof r.municipality | typeof r.offeringId, value: string | null) =>
    value === null ? isNull(column) : or(isNull(column), eq(column, value));
  // The offering is the narrowest criterion (one service of one unit), then the unit, then the municipality.
  const specificity = sql<number>`(case when ${r.offeringId} is null then 0 else 4 end)
    + (case when ${r.unitId} is null then 0 else 2 end)
    + (case when ${r.municipality} is null then 0 else 1 end)`;
  const [row] = await db
    .select({ rule: r })
    .from(r)
    .innerJoin(
      memberships,
      and(
        eq(memberships.userId, r.assigneeId),
        eq(memberships.organisationId, r.organisationId),
        eq(memberships.active, true),
        inArray(memberships.role, [...ASSIGNABLE_ROLES]),
        or(isNull(memberships.unitId), eq(memberships.unitId, r.unitId)),
      ),
    )
    .where(
      and(
        eq(r.organisationId, target.organisationId),
        eq(r.active, true),
        criterion(r.unitId, target.unitId),
        criterion(r.municipality, target.municipality),
        criterion(r.offeringId, target.offeringId),
      ),
    )
    .orderBy(desc(specificity), asc(r.priority), asc(r.createdAt), asc(r.id))
    .limit(1);
  return row?.rule;
}
