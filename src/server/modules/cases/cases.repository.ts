import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { prepared, preparedStatement } from '../../db/prepared.js';
import { memberships, users } from '../access/access.tables.js';
import { auditLog } from '../audit/audit.tables.js';
import { outbox } from '../outbox/outbox.tables.js';
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
  visibleToStaff,
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

/** What opening a case writes besides the case itself (see openCase). */
export interface OpenCaseInput {
  /** The case as submitted; its diarienummer and assignee are decided in the statement. */
  case: Omit<typeof cases.$inferInsert, 'diarienummer' | 'assigneeId' | 'createdAt' | 'updatedAt'> & { id: string };
  diarium: { prefix: string; year: number };
  now: Date;
  submitted: { authorName: string | null; data: Record<string, unknown> };
  audit: { actorId: string | null; actorKind: string };
  /** The acknowledgement; `{{diarienummer}}` in subject and text is replaced by the case's number. */
  email: { to: string; subject: string; text: string };
}

export interface OpenedCase {
  diarienummer: string;
  assigneeId: string | null;
  ruleId: string | null;
  submittedEventId: number;
}

/** What `alsoRun` is given: a query of the offering ids of the cases being opened. */
export type AlsoRun = (offeringIds: SQL) => SQL[];

/** The most cases one statement opens (see openCase). */
const MAX_BATCH = 64;

interface Waiting {
  input: OpenCaseInput;
  resolve: (opened: OpenedCase) => void;
  reject: (error: unknown) => void;
}

/** Per database, the submissions waiting to be opened, and whether a statement is opening some. */
interface Lane {
  waiting: Waiting[];
  running: boolean;
}

const lanes = new WeakMap<Db, Lane>();

/**
 * Opens a case: the next diarienummer of its organisation and year, the case, its first timeline
 * event, the audit entry, the auto-assignment by the matching rule (its internal event and audit
 * entry), the acknowledgement e-mail in the outbox, and what `alsoRun` adds for the offering (e.g.
 * queueing a refresh of the follow-up figures); all or nothing, in one statement.
 *
 * While a statement opens cases, the submissions that arrive wait here, and the next statement
 * opens all of them at once (up to MAX_BATCH, whatever their organisations): under load one
 * statement, one counter lock per organisation and one commit serve many cases, and a lone
 * submission does not wait at all. When a statement of several fails, each of its cases is tried
 * alone, so one bad submission (an Idempotency-Key already used) fails only itself. `alsoRun` must
 * be the same for every call: the statement is built once per database (see prepared).
 */
export function openCase(db: Db, input: OpenCaseInput, alsoRun: AlsoRun): Promise<OpenedCase> {
  let lane = lanes.get(db);
  if (!lane) {
    lane = { waiting: [], running: false };
    lanes.set(db, lane);
  }
  const opened = new Promise<OpenedCase>((resolve, reject) => lane.waiting.push({ input, resolve, reject }));
  if (!lane.running) void drain(db, lane, alsoRun);
  return opened;
}

/** Opens what waits in the lane, a statement at a time, until none waits. */
async function drain(db: Db, lane: Lane, alsoRun: AlsoRun): Promise<void> {
  lane.running = true;
  try {
    while (lane.waiting.length > 0) {
      const batch = lane.waiting.splice(0, MAX_BATCH);
      try {
        const opened = await openCases(
          db,
          batch.map((w) => w.input),
          alsoRun,
        );
        batch.forEach((w, i) => w.resolve(opened[i] as OpenedCase));
      } catch (error) {
        if (batch.length === 1) batch[0]?.reject(error);
        else {
          for (const w of batch) {
            await openCases(db, [w.input], alsoRun).then(([one]) => w.resolve(one as OpenedCase), w.reject);
          }
        }
      }
    }
  } finally {
    // Set in the same turn as the check above: a submission that comes later starts a new drain.
    lane.running = false;
  }
}

/**
 * The statement that opens cases (see openCase), numbered in the order given within each
 * organisation and year. The cases come as one jsonb array, so one prepared statement serves any
 * number of them. The counters are locked in one order (organisation, year), so two statements
 * (from two server processes) never wait for each other in a circle.
 */
export async function openCases(db: Db, inputs: OpenCaseInput[], alsoRun: AlsoRun): Promise<OpenedCase[]> {
  if (inputs.length === 0) return [];
  const query = preparedStatement(db, 'cases.open', () => {
    const p = (key: string) => sql.placeholder(key);
    const rule = matchingRuleQuery(db, {
      organisationId: sql`i.organisation_id`,
      unitId: sql`i.unit_id`,
      municipality: sql`i.municipality`,
      offeringId: sql`i.offering_id`,
    });
    const placeholder = '{{diarienummer}}';
    return sql`
    with input as (
      select * from jsonb_to_recordset(${p('cases')}::jsonb) as i(n int, k int, id uuid, organisation_id text,
        year int, prefix text, unit_id text, offering_id text,
        case_type text, status text, company_orgnr text, company_name text, contact_name text, contact_email text,
        municipality text, subject text, description text, intake_id uuid, submitted_by uuid, received_on date,
        due_on date, follow_token_hash text, idempotency_key text, now timestamptz, author_name text,
        event_data jsonb, actor_id uuid, actor_kind text, email_to text, email_subject text, email_text text)
    ), diaria as (
      select organisation_id, year, count(*)::int as count from input group by organisation_id, year
    ), counter as (
      insert into ${diariumCounters} (organisation_id, year, last)
      select organisation_id, year, count from diaria order by organisation_id, year
      on conflict (organisation_id, year) do update set last = ${diariumCounters}.last + excluded.last
      returning organisation_id, year, last
    ), numbered as (
      -- Each organisation's cases take its counter's last numbers, in their order (k).
      select i.*, c.last - d.count + i.k as number, r.id as rule_id, r.assignee_id
      from input i
      join diaria d on d.organisation_id = i.organisation_id and d.year = i.year
      join counter c on c.organisation_id = i.organisation_id and c.year = i.year
      left join lateral (select r.id, r.assignee_id from (${rule}) r) r on true
    ), opened as (
      insert into ${cases} (id, diarienummer, organisation_id, unit_id, offering_id, case_type, status, company_orgnr,
        company_name, contact_name, contact_email, municipality, subject, description, intake_id, submitted_by,
        assignee_id, received_on, due_on, follow_token_hash, idempotency_key, created_at, updated_at)
      -- At least five digits (BOT 2026/00042); lpad alone would cut the 100,000th case to 10000.
      select id, prefix || ' ' || year || '/' || lpad(number::text, greatest(5, length(number::text)), '0'),
        organisation_id, unit_id, offering_id, case_type, status, company_orgnr, company_name,
        contact_name, contact_email, municipality, subject, description, intake_id, submitted_by, assignee_id,
        received_on, due_on, follow_token_hash, idempotency_key, now, now
      from numbered order by n
      returning id, diarienummer, organisation_id
    ), events as (
      -- The first timeline entries and, where a rule assigned the case, the assignment: one insert
      -- (and one for the audit entries below), so the statement opens each table once.
      insert into ${caseEvents} (case_id, kind, visibility, author_id, author_name, body, data, created_at)
      select o.id, 'submitted', 'company', x.submitted_by, x.author_name, x.description, x.event_data, x.now
      from opened o join numbered x on x.id = o.id
      union all
      select o.id, 'assigned', 'internal', null::uuid, null::text, null::text,
        jsonb_build_object('assigneeId', x.assignee_id, 'ruleId', x.rule_id), x.now
      from opened o join numbered x on x.id = o.id where x.rule_id is not null
      returning id, case_id, kind
    ), audited as (
      insert into ${auditLog} (actor_id, actor_kind, action, entity, entity_id, organisation_id, details)
      select x.actor_id, x.actor_kind, 'case.submitted', 'case', o.id::text, o.organisation_id,
        jsonb_build_object('diarienummer', o.diarienummer, 'offeringId', x.offering_id)
      from opened o join numbered x on x.id = o.id
      union all
      select null::uuid, 'system', 'case.auto_assigned', 'case', o.id::text, o.organisation_id,
        jsonb_build_object('to', x.assignee_id, 'ruleId', x.rule_id)
      from opened o join numbered x on x.id = o.id where x.rule_id is not null
    ), mailed as (
      insert into ${outbox} (kind, payload)
      select 'email', jsonb_build_object('to', x.email_to,
        'subject', replace(x.email_subject, ${placeholder}::text, o.diarienummer),
        'text', replace(x.email_text, ${placeholder}::text, o.diarienummer))
      from opened o join numbered x on x.id = o.id order by x.n
    )${sql.join(
      alsoRun(sql`select distinct offering_id from input`).map(
        (statement, i) => sql`, ${sql.raw(`also_${i}`)} as (${statement})`,
      ),
      sql``,
    )}
    select x.n, o.diarienummer, x.assignee_id, x.rule_id, e.id as submitted_event_id
    from opened o join numbered x on x.id = o.id join events e on e.case_id = o.id and e.kind = 'submitted'
    order by x.n`;
  });
  // Each case's place among the statement's cases of its organisation and year.
  const taken = new Map<string, number>();
  const rows = await query.execute<{
    n: number;
    diarienummer: string;
    assignee_id: string | null;
    rule_id: string | null;
    submitted_event_id: string | number;
  }>({
    cases: JSON.stringify(
      inputs.map((input, i) => {
        const c = input.case;
        const diarium = `${c.organisationId}\u0000${input.diarium.year}`;
        const k = (taken.get(diarium) ?? 0) + 1;
        taken.set(diarium, k);
        return {
          n: i + 1,
          k,
          id: c.id,
          organisation_id: c.organisationId,
          year: input.diarium.year,
          prefix: input.diarium.prefix,
          unit_id: c.unitId ?? null,
          offering_id: c.offeringId,
          case_type: c.caseType,
          status: c.status,
          company_orgnr: c.companyOrgnr ?? null,
          company_name: c.companyName ?? null,
          contact_name: c.contactName ?? null,
          contact_email: c.contactEmail ?? null,
          municipality: c.municipality ?? null,
          subject: c.subject,
          description: c.description,
          intake_id: c.intakeId ?? null,
          submitted_by: c.submittedBy ?? null,
          received_on: c.receivedOn,
          due_on: c.dueOn,
          follow_token_hash: c.followTokenHash ?? null,
          idempotency_key: c.idempotencyKey ?? null,
          now: input.now.toISOString(),
          author_name: input.submitted.authorName,
          event_data: input.submitted.data,
          actor_id: input.audit.actorId,
          actor_kind: input.audit.actorKind,
          email_to: input.email.to,
          email_subject: input.email.subject,
          email_text: input.email.text,
        };
      }),
    ),
  });
  if (rows.length !== inputs.length) throw new Error(`opening ${inputs.length} cases wrote ${rows.length}`);
  return rows.map((row) => ({
    diarienummer: row.diarienummer,
    assigneeId: row.assignee_id,
    ruleId: row.rule_id,
    submittedEventId: Number(row.submitted_event_id),
  }));
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
  /** Only the open cases (not closed), or only the closed ones. */
  open?: boolean;
  overdueOn?: string;
  assignee?: string | null;
  offeringId?: string;
  municipality?: string;
  companyOrgnr?: string;
  sort?: 'due' | 'received' | '-received' | 'status';
}

/**
 * What an inbox query's SQL depends on (`shape`: which conditions, how many scopes of which kind)
 * and the values that fill its placeholders. Cheap: no SQL is built here, so that a request whose
 * shape was seen before only fills in values (see prepared).
 */
function inboxShape(filter: InboxFilter): { shape: string; values: Record<string, unknown> } {
  const shape: string[] = [];
  const values: Record<string, unknown> = {};
  if (filter.scopes !== 'all') {
    const shared = filter.sharedCaseIds ?? [];
    if (filter.scopes.length === 0 && shared.length === 0) return { shape: 'nothing', values };
    shape.push(`scopes:${filter.scopes.map((s) => (s.unitId === null ? 'o' : 'u')).join('')}`);
    filter.scopes.forEach((s, i) => {
      values[`org${i}`] = s.organisationId;
      if (s.unitId !== null) values[`unit${i}`] = s.unitId;
    });
    if (shared.length > 0) {
      shape.push('shared');
      values.shared = shared;
    }
  }
  if (filter.companyOrgnr) {
    shape.push('company');
    values.company = filter.companyOrgnr;
  }
  if (filter.open !== undefined) shape.push(filter.open ? 'open' : 'closed');
  if (filter.status) {
    shape.push('status');
    values.status = filter.status;
  }
  if (filter.overdueOn) {
    shape.push('overdue');
    values.overdueOn = filter.overdueOn;
  }
  if (filter.assignee === null) shape.push('unassigned');
  else if (filter.assignee) {
    shape.push('assignee');
    values.assignee = filter.assignee;
  }
  if (filter.offeringId) {
    shape.push('offering');
    values.offering = filter.offeringId;
  }
  if (filter.municipality) {
    shape.push('municipality');
    values.municipality = filter.municipality;
  }
  return { shape: shape.join(','), values };
}

/** The inbox's conditions for a filter of this shape, every value a placeholder named as in inboxShape. */
function inboxWhere(filter: InboxFilter): SQL | undefined {
  const p = (name: string) => sql.placeholder(name);
  const conditions: (SQL | undefined)[] = [];
  if (filter.scopes !== 'all') {
    const shared = filter.sharedCaseIds ?? [];
    if (filter.scopes.length === 0 && shared.length === 0) return sql`false`;
    conditions.push(
      or(
        ...filter.scopes.map((s, i) =>
          s.unitId === null
            ? eq(cases.organisationId, p(`org${i}`))
            : and(eq(cases.organisationId, p(`org${i}`)), eq(cases.unitId, p(`unit${i}`))),
        ),
        ...(shared.length > 0 ? [sql`${cases.id} = any(${p('shared')}::uuid[])`] : []),
      ),
    );
  }
  if (filter.companyOrgnr) conditions.push(eq(cases.companyOrgnr, p('company')));
  else conditions.push(visibleToStaff(cases));
  if (filter.open !== undefined) conditions.push(filter.open ? isNull(cases.closedAt) : isNotNull(cases.closedAt));
  if (filter.status) conditions.push(eq(cases.status, p('status')));
  if (filter.overdueOn) conditions.push(and(lt(cases.dueOn, p('overdueOn')), isNull(cases.closedAt)));
  if (filter.assignee === null) conditions.push(isNull(cases.assigneeId));
  else if (filter.assignee) conditions.push(eq(cases.assigneeId, p('assignee')));
  if (filter.offeringId) conditions.push(eq(cases.offeringId, p('offering')));
  if (filter.municipality) conditions.push(eq(cases.municipality, p('municipality')));
  return and(...conditions);
}

/**
 * What a list shows of a case (see toSummary), as plain values: a page reads these, not every
 * column, and as text the database formats (dates, the update time in ISO 8601), so that a row
 * needs no mapping on the way out.
 */
const summaryColumns = {
  id: sql<string>`${cases.id}`.as('id'),
  diarienummer: sql<string>`${cases.diarienummer}`.as('diarienummer'),
  organisationId: sql<string>`${cases.organisationId}`.as('organisationId'),
  unitId: sql<string | null>`${cases.unitId}`.as('unitId'),
  offeringId: sql<string>`${cases.offeringId}`.as('offeringId'),
  caseType: sql<string>`${cases.caseType}`.as('caseType'),
  status: sql<string>`${cases.status}`.as('status'),
  companyName: sql<string | null>`${cases.companyName}`.as('companyName'),
  municipality: sql<string | null>`${cases.municipality}`.as('municipality'),
  subject: sql<string>`${cases.subject}`.as('subject'),
  assigneeId: sql<string | null>`${cases.assigneeId}`.as('assigneeId'),
  receivedOn: sql<string>`${cases.receivedOn}::text`.as('receivedOn'),
  dueOn: sql<string>`${cases.dueOn}::text`.as('dueOn'),
  awaitingVerification: sql<boolean>`(${cases.emailVerifiedAt} is null and ${cases.submittedBy} is null)`.as(
    'awaitingVerification',
  ),
  version: sql<number>`${cases.version}`.as('version'),
  updatedAt: sql<string>`to_char(${cases.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as(
    'updatedAt',
  ),
};

export interface CaseSummaryRow {
  id: string;
  diarienummer: string;
  organisationId: string;
  unitId: string | null;
  offeringId: string;
  caseType: string;
  status: string;
  companyName: string | null;
  municipality: string | null;
  subject: string;
  assigneeId: string | null;
  receivedOn: string;
  dueOn: string;
  awaitingVerification: boolean;
  version: number;
  /** ISO 8601, UTC. */
  updatedAt: string;
}

/** A whole case as a list shows it. */
export function summaryRowOf(row: CaseRow): CaseSummaryRow {
  return {
    id: row.id,
    diarienummer: row.diarienummer,
    organisationId: row.organisationId,
    unitId: row.unitId,
    offeringId: row.offeringId,
    caseType: row.caseType,
    status: row.status,
    companyName: row.companyName,
    municipality: row.municipality,
    subject: row.subject,
    assigneeId: row.assigneeId,
    receivedOn: row.receivedOn,
    dueOn: row.dueOn,
    awaitingVerification: row.emailVerifiedAt === null && row.submittedBy === null,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** How far past the page's start the count goes before it stops (see CaseListResponse). */
export const COUNT_PAST_PAGE = 200;

const ORDERS = {
  due: [asc(cases.dueOn), asc(cases.createdAt), asc(cases.id)],
  received: [asc(cases.createdAt), asc(cases.id)],
  '-received': [desc(cases.createdAt), desc(cases.id)],
  status: [asc(cases.status), asc(cases.dueOn), asc(cases.createdAt), asc(cases.id)],
};

/**
 * The list shapes whose best plan is the same whatever the values, so they are planned once (see
 * preparedStatement): one organisation's or unit's cases, or one company's, perhaps by status or
 * only the overdue, each in an order that an index holds. A filter by assignee, offering or
 * municipality, several scopes or shared cases are planned for their values each time (how many
 * cases match decides which index reads fewest rows).
 */
const PLANNED_ONCE = /^(scopes:[ou]|company)(,open|,closed)?(,status)?(,overdue)?$/;

export async function listCases(
  db: Conn,
  filter: InboxFilter,
  page: { limit: number; offset: number },
  countPastPage = COUNT_PAST_PAGE,
) {
  const { shape, values } = inboxShape(filter);
  // Every order ends in the id, so paging is stable, and each has an index that reads one page.
  const sort = filter.sort ?? 'due';
  const plan = PLANNED_ONCE.test(shape) ? { plan: 'once' as const } : {};
  const countLimit = page.offset + Math.max(page.limit, countPastPage);
  // The count reads in the page's order, so that it walks the same index as the page, whatever plan
  // the server keeps for the statement.
  const counted = (where: SQL | undefined) =>
    sql<number>`(select count(*)::int from (${db
      .select({ one: sql`1` })
      .from(cases)
      .where(where)
      .orderBy(...ORDERS[sort])
      .limit(sql.placeholder('countLimit'))}) as counted)`;
  // The page and the count in one round trip (the count is evaluated once, as an InitPlan).
  const pageQuery = preparedStatement(
    db,
    `cases.list:${sort}:${shape}`,
    () => {
      const where = inboxWhere(filter);
      return db
        .select({ ...summaryColumns, counted: counted(where).as('counted') })
        .from(cases)
        .where(where)
        .orderBy(...ORDERS[sort])
        .limit(sql.placeholder('limit'))
        .offset(sql.placeholder('offset'))
        .getSQL();
    },
    plan,
  );
  const fill = { ...values, countLimit: countLimit + 1 };
  const found = await pageQuery.execute<CaseSummaryRow & { counted: number }>({ ...fill, ...page });
  // A page past the end (or an empty list) has no row to carry the count.
  const n =
    found[0]?.counted ??
    (
      await preparedStatement(
        db,
        `cases.count:${sort}:${shape}`,
        () => sql`select ${counted(inboxWhere(filter))} as n`,
        plan,
      ).execute<{ n: number }>(fill)
    )[0]?.n ??
    0;
  // The rows keep their `counted`: a list reads a summary's fields by name, and copying every row
  // without it (object rest) costs ~8 µs a page.
  const rows: CaseSummaryRow[] = found;
  return { rows, total: Math.min(n, countLimit), totalIsLowerBound: n > countLimit };
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
  // One round trip: the parts at these organisations, and the full referrals to them whose consent stands.
  const query = preparedStatement(
    db,
    'cases.shared',
    () => sql`select ${caseParts.caseId} as "caseId", 'part' as via, ${caseParts.organisationId} as "organisationId",
        ${caseParts.unitId} as "unitId"
      from ${caseParts} where ${caseParts.organisationId} = any(${sql.placeholder('orgs')}::text[])
      union all
      select ${caseReferrals.caseId}, 'referral', ${caseReferrals.toOrganisationId}, null
      from ${caseReferrals}
      join ${caseConsents} on ${caseConsents.id} = ${caseReferrals.consentId} and ${caseConsents.revokedAt} is null
      where ${caseReferrals.mode} = 'full' and ${caseReferrals.toOrganisationId} = any(${sql.placeholder('orgs')}::text[])`,
  );
  const rows = await query.execute<{
    caseId: string;
    via: 'part' | 'referral';
    organisationId: string;
    unitId: string | null;
  }>({ orgs });
  // A part is seen at its organisation, or its unit; a referral by the whole receiving organisation.
  const seen = rows.filter(
    (r) =>
      r.via === 'referral' ||
      scopes.some((s) => s.organisationId === r.organisationId && (s.unitId === null || s.unitId === r.unitId)),
  );
  return [...new Set(seen.map((r) => r.caseId))];
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

// ---- Assignment -----------------------------------------------------------------------------------

/**
 * A person's active memberships, if the person is staff (not erased): what the case policies judge
 * when a case is to be assigned to them. None for a company representative or an unknown id.
 */
export async function staffMembershipsOf(
  db: Conn,
  userId: string,
): Promise<{ organisationId: string; unitId: string | null; role: string }[]> {
  return db
    .select({ organisationId: memberships.organisationId, unitId: memberships.unitId, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.active, true),
        eq(users.kind, 'staff'),
        isNull(users.erasedAt),
      ),
    );
}

/** A staff member's e-mail address, if they have one (not erased). */
export async function staffEmailOf(db: Conn, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.kind, 'staff'), isNull(users.erasedAt)));
  return row?.email ?? null;
}

/**
 * The staff who handle cases (ASSIGNABLE_ROLES, active, not erased) in the given organisations and
 * units, each person once, by name: whom a case worker may assign the cases of their inbox to. A
 * unit's scope takes the unit's people and the organisation's people without a unit.
 */
export async function assignableStaff(
  db: Conn,
  scopes: 'all' | { organisationId: string; unitId: string | null }[],
): Promise<{ id: string; name: string | null }[]> {
  if (scopes !== 'all' && scopes.length === 0) return [];
  const inScope =
    scopes === 'all'
      ? undefined
      : or(
          ...scopes.map((s) =>
            s.unitId === null
              ? eq(memberships.organisationId, s.organisationId)
              : and(
                  eq(memberships.organisationId, s.organisationId),
                  or(isNull(memberships.unitId), eq(memberships.unitId, s.unitId)),
                ),
          ),
        );
  return (
    db
      // Staff invited by e-mail have no name until they first sign in.
      .selectDistinct({ id: users.id, name: sql<string | null>`coalesce(${users.name}, ${users.email})` })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.active, true),
          inArray(memberships.role, [...ASSIGNABLE_ROLES]),
          eq(users.kind, 'staff'),
          isNull(users.erasedAt),
          inScope,
        ),
      )
      .orderBy(sql`2`, asc(users.id))
      .limit(1000)
  );
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

/** A criterion's value: given, or a column of the query around (null or not). */
type Value = string | null | SQL;

/**
 * Where a new case or part is going, for matching it to an auto-assignment rule; an SQL expression
 * stands for a column of each case a statement opens.
 */
export interface AssignmentTarget {
  organisationId: string | SQL;
  unitId: Value;
  municipality: Value;
  offeringId: Value;
}

/**
 * The rule that assigns a new case (or part) going to `target`: active, of the organisation, each
 * criterion null or equal to the case's; the most specific first (offering, then unit, then
 * municipality), then the lowest priority number, then the oldest. Rules whose assignee is no
 * longer an active staff member of the organisation (or of the unit) are skipped.
 */
function matchingRuleQuery(db: Conn, target: AssignmentTarget) {
  const r = caseAssignmentRules;
  // A rule without the criterion matches any case; one with it, only that value (never a missing one).
  const criterion = (column: typeof r.unitId | typeof r.municipality | typeof r.offeringId, value: Value) =>
    value === null ? isNull(column) : or(isNull(column), eq(column, value));
  // The offering is the narrowest criterion (one service of one unit), then the unit, then the municipality.
  const specificity = sql<number>`(case when ${r.offeringId} is null then 0 else 4 end)
    + (case when ${r.unitId} is null then 0 else 2 end)
    + (case when ${r.municipality} is null then 0 else 1 end)`;
  return db
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
}

export async function matchingAssignmentRule(
  db: Conn,
  target: AssignmentTarget,
): Promise<AssignmentRuleRow | undefined> {
  const [row] = await matchingRuleQuery(db, target);
  return row?.rule;
}
