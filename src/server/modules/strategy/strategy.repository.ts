/** All SQL of the strategy module. Reads `cases` and `offerings` for live figures (read-only). */
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { strategyNodes } from '../catalogue/catalogue.tables.js';
import type { PeriodKind } from './period.js';
import {
  companyProfiles,
  strategyFollowUpDeadlines,
  strategyFollowUps,
  strategyIndicators,
  strategyIndicatorValues,
  strategyNodeRevisions,
} from './strategy.tables.js';

type Conn = Db | Tx;

export type NodeRow = typeof strategyNodes.$inferSelect;
export type RevisionRow = typeof strategyNodeRevisions.$inferSelect;
export type IndicatorRow = typeof strategyIndicators.$inferSelect;
export type IndicatorValueRow = typeof strategyIndicatorValues.$inferSelect;
export type FollowUpRow = typeof strategyFollowUps.$inferSelect;
export type ProfileRow = typeof companyProfiles.$inferSelect;

async function rows<T>(db: Conn, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

// ——— nodes and revisions ———

export async function findNode(db: Conn, id: string): Promise<NodeRow | undefined> {
  const [row] = await db.select().from(strategyNodes).where(eq(strategyNodes.id, id));
  return row;
}

export async function nodesOfRoot(db: Conn, rootId: string): Promise<NodeRow[]> {
  return db
    .select()
    .from(strategyNodes)
    .where(eq(strategyNodes.rootId, rootId))
    .orderBy(asc(strategyNodes.position), asc(strategyNodes.id));
}

export async function roots(db: Conn): Promise<NodeRow[]> {
  return db
    .select()
    .from(strategyNodes)
    .where(sql`${strategyNodes.parentId} is null`)
    .orderBy(asc(strategyNodes.position), asc(strategyNodes.id));
}

export async function childrenOf(db: Conn, parentId: string): Promise<NodeRow[]> {
  return db
    .select()
    .from(strategyNodes)
    .where(eq(strategyNodes.parentId, parentId))
    .orderBy(asc(strategyNodes.position));
}

/** The node and everything below it. */
export async function subtreeIds(db: Conn, id: string): Promise<string[]> {
  const result = await rows<{ id: string }>(
    db,
    sql`with recursive sub(id) as (select ${id}::text union all select n.id from strategy_nodes n join sub on n.parent_id = sub.id) select id from sub`,
  );
  return result.map((r) => r.id);
}

export async function insertNode(db: Conn, row: typeof strategyNodes.$inferInsert) {
  await db.insert(strategyNodes).values(row);
}

export async function updateNode(db: Conn, id: string, set: Partial<typeof strategyNodes.$inferInsert>) {
  await db.update(strategyNodes).set(set).where(eq(strategyNodes.id, id));
}

/** Makes room at `position` among a parent's children (or the roots) by moving later ones down. */
export async function shiftSiblings(db: Conn, parentId: string | null, fromPosition: number, excludeId: string) {
  await db
    .update(strategyNodes)
    .set({ position: sql`${strategyNodes.position} + 1` })
    .where(
      and(
        parentId === null ? sql`${strategyNodes.parentId} is null` : eq(strategyNodes.parentId, parentId),
        sql`${strategyNodes.position} >= ${fromPosition}`,
        sql`${strategyNodes.id} <> ${excludeId}`,
      ),
    );
}

export async function setRootOf(db: Conn, ids: string[], rootId: string) {
  if (ids.length === 0) return;
  await db.update(strategyNodes).set({ rootId }).where(inArray(strategyNodes.id, ids));
}

export async function latestRevision(db: Conn, nodeId: string): Promise<RevisionRow | undefined> {
  const [row] = await db
    .select()
    .from(strategyNodeRevisions)
    .where(eq(strategyNodeRevisions.nodeId, nodeId))
    .orderBy(desc(strategyNodeRevisions.version))
    .limit(1);
  return row;
}

export async function revisionsOf(db: Conn, nodeId: string): Promise<RevisionRow[]> {
  return db
    .select()
    .from(strategyNodeRevisions)
    .where(eq(strategyNodeRevisions.nodeId, nodeId))
    .orderBy(asc(strategyNodeRevisions.version));
}

/** The latest version number of each node (nodes never revised are absent). */
export async function latestVersions(db: Conn, nodeIds: string[]): Promise<Map<string, number>> {
  if (nodeIds.length === 0) return new Map();
  const result = await db
    .select({ nodeId: strategyNodeRevisions.nodeId, version: sql<number>`max(${strategyNodeRevisions.version})::int` })
    .from(strategyNodeRevisions)
    .where(inArray(strategyNodeRevisions.nodeId, nodeIds))
    .groupBy(strategyNodeRevisions.nodeId);
  return new Map(result.map((r) => [r.nodeId, r.version]));
}

export async function insertRevision(db: Conn, row: typeof strategyNodeRevisions.$inferInsert) {
  await db.insert(strategyNodeRevisions).values(row);
}

// ——— follow-ups and deadlines ———

export interface FollowUpWithRevision extends FollowUpRow {
  titleSv: string;
  titleEn: string | null;
  periodFrom: string | null;
  periodTo: string | null;
}

const followUpColumns = {
  id: strategyFollowUps.id,
  nodeId: strategyFollowUps.nodeId,
  nodeVersion: strategyFollowUps.nodeVersion,
  period: strategyFollowUps.period,
  status: strategyFollowUps.status,
  comment: strategyFollowUps.comment,
  writtenBy: strategyFollowUps.writtenBy,
  writtenAt: strategyFollowUps.writtenAt,
  titleSv: strategyNodeRevisions.titleSv,
  titleEn: strategyNodeRevisions.titleEn,
  periodFrom: strategyNodeRevisions.periodFrom,
  periodTo: strategyNodeRevisions.periodTo,
};

/** Follow-ups with the node as it read in the revision they were written against. */
export async function followUps(
  db: Conn,
  filter: { nodeIds?: string[]; period?: string },
): Promise<FollowUpWithRevision[]> {
  if (filter.nodeIds && filter.nodeIds.length === 0) return [];
  return db
    .select(followUpColumns)
    .from(strategyFollowUps)
    .innerJoin(
      strategyNodeRevisions,
      and(
        eq(strategyNodeRevisions.nodeId, strategyFollowUps.nodeId),
        eq(strategyNodeRevisions.version, strategyFollowUps.nodeVersion),
      ),
    )
    .where(
      and(
        filter.nodeIds ? inArray(strategyFollowUps.nodeId, filter.nodeIds) : undefined,
        filter.period ? eq(strategyFollowUps.period, filter.period) : undefined,
      ),
    )
    .orderBy(asc(strategyFollowUps.nodeId), asc(strategyFollowUps.period));
}

export async function upsertFollowUp(db: Conn, row: typeof strategyFollowUps.$inferInsert) {
  await db
    .insert(strategyFollowUps)
    .values(row)
    .onConflictDoUpdate({
      target: [strategyFollowUps.nodeId, strategyFollowUps.period],
      set: {
        nodeVersion: row.nodeVersion,
        status: row.status,
        comment: row.comment ?? '',
        writtenBy: row.writtenBy ?? null,
        writtenAt: sql`now()`,
      },
    });
}

export async function deadline(db: Conn, rootId: string, period: string): Promise<string | null> {
  const [row] = await db
    .select({ dueOn: strategyFollowUpDeadlines.dueOn })
    .from(strategyFollowUpDeadlines)
    .where(and(eq(strategyFollowUpDeadlines.rootId, rootId), eq(strategyFollowUpDeadlines.period, period)));
  return row?.dueOn ?? null;
}

export async function upsertDeadline(db: Conn, rootId: string, period: string, dueOn: string) {
  await db
    .insert(strategyFollowUpDeadlines)
    .values({ rootId, period, dueOn })
    .onConflictDoUpdate({
      target: [strategyFollowUpDeadlines.rootId, strategyFollowUpDeadlines.period],
      set: { dueOn },
    });
}

// ——— indicators ———

export async function indicatorsOf(db: Conn, nodeIds: string[]): Promise<IndicatorRow[]> {
  if (nodeIds.length === 0) return [];
  return db
    .select()
    .from(strategyIndicators)
    .where(inArray(strategyIndicators.nodeId, nodeIds))
    .orderBy(asc(strategyIndicators.nodeId), asc(strategyIndicators.createdAt), asc(strategyIndicators.key));
}

export async function findIndicator(db: Conn, id: string): Promise<IndicatorRow | undefined> {
  const [row] = await db.select().from(strategyIndicators).where(eq(strategyIndicators.id, id));
  return row;
}

export async function insertIndicator(db: Conn, row: typeof strategyIndicators.$inferInsert): Promise<IndicatorRow> {
  const [inserted] = await db.insert(strategyIndicators).values(row).returning();
  return inserted as IndicatorRow;
}

export async function valuesOf(db: Conn, indicatorIds: string[]): Promise<IndicatorValueRow[]> {
  if (indicatorIds.length === 0) return [];
  return db
    .select()
    .from(strategyIndicatorValues)
    .where(inArray(strategyIndicatorValues.indicatorId, indicatorIds))
    .orderBy(asc(strategyIndicatorValues.period), asc(strategyIndicatorValues.area));
}

export async function upsertValues(db: Conn, values: (typeof strategyIndicatorValues.$inferInsert)[]) {
  // In slices, so a large statistics file stays within the parameter limit.
  for (let i = 0; i < values.length; i += 500) {
    await db
      .insert(strategyIndicatorValues)
      .values(values.slice(i, i + 500))
      .onConflictDoUpdate({
        target: [strategyIndicatorValues.indicatorId, strategyIndicatorValues.period, strategyIndicatorValues.area],
        set: {
          value: sql`excluded.value`,
          source: sql`excluded.source`,
          enteredBy: sql`excluded.entered_by`,
          updatedAt: sql`now()`,
        },
      });
  }
}

// ——— company profiles ———

export async function findProfile(db: Conn, orgnr: string): Promise<ProfileRow | undefined> {
  const [row] = await db.select().from(companyProfiles).where(eq(companyProfiles.orgnr, orgnr));
  return row;
}

export async function upsertProfile(db: Conn, row: typeof companyProfiles.$inferInsert) {
  const { orgnr: _orgnr, ...set } = row;
  await db
    .insert(companyProfiles)
    .values(row)
    .onConflictDoUpdate({ target: companyProfiles.orgnr, set: { ...set, updatedAt: sql`now()` } });
}

export async function deleteProfile(db: Conn, orgnr: string): Promise<boolean> {
  const deleted = await db.delete(companyProfiles).where(eq(companyProfiles.orgnr, orgnr)).returning();
  return deleted.length > 0;
}

// ——— live figures from cases ———

export interface CaseScope {
  from: string;
  until: string;
  municipality?: string | undefined;
}

/**
 * A case counts for the follow-up once it is real: submitted by a signed-in person or with the
 * e-mail address verified. A company is its organisationsnummer; a case without one counts as a
 * company of its own.
 */
const caseFilter = (
  scope: CaseScope,
) => sql`c.received_on >= ${scope.from}::date and c.received_on < ${scope.until}::date
  and (c.email_verified_at is not null or c.submitted_by is not null)
  ${scope.municipality ? sql`and c.municipality = ${scope.municipality}` : sql``}`;

const companyKey = sql`coalesce(c.company_orgnr, 'case:' || c.id::text)`;

/** Offerings linked to the node or any node below it. */
const linkedOfferings = (nodeId: string) => sql`with recursive sub(id) as (
    select ${nodeId}::text union all select n.id from strategy_nodes n join sub on n.parent_id = sub.id
  ), linked as (
    select o.id, 'etablering' = any(o.topics) as establishing from offerings o
    where o.strategy_links && (select array_agg(id) from sub)
  )`;

const bucket = (kind: PeriodKind, column: SQL) =>
  kind === 'year'
    ? sql`to_char(${column}, 'YYYY')`
    : sql`to_char(${column}, 'YYYY') || '-T' || ((extract(month from ${column})::int - 1) / 4 + 1)::text`;

/** Distinct companies reached per node of a tree: each node counts its whole subtree, once per company. */
export async function reachByNode(db: Conn, rootId: string, scope: CaseScope) {
  return rows<{ node_id: string; companies: number; cases: number }>(
    db,
    sql`with recursive tree(node_id, ancestor_id) as (
        select id, id from strategy_nodes where root_id = ${rootId}
        union all
        select t.node_id, n.parent_id from tree t join strategy_nodes n on n.id = t.ancestor_id where n.parent_id is not null
      ), links as (
        select distinct t.ancestor_id as node_id, o.id as offering_id
        from offerings o cross join lateral unnest(o.strategy_links) as l(node) join tree t on t.node_id = l.node
      ), reached as (
        select c.offering_id, ${companyKey} as company, count(*)::int as cases from cases c
        where c.offering_id in (select offering_id from links) and ${caseFilter(scope)}
        group by 1, 2
      )
      select l.node_id, count(distinct r.company)::int as companies, sum(r.cases)::int as cases
      from links l join reached r on r.offering_id = l.offering_id group by l.node_id`,
  );
}

export interface PeriodFigures {
  period: string;
  companies: number;
  cases: number;
  women: number;
  gender_answered: number;
  young: number;
  age_answered: number;
  foreign_born: number;
  born_answered: number;
  establishments: number;
  median_handling_days: number | null;
}

/** The live figures of a node's subtree per period: reach, cases, profile shares, establishments, handling time. */
export async function figuresByPeriod(db: Conn, nodeId: string, scope: CaseScope, kind: PeriodKind) {
  return rows<PeriodFigures>(
    db,
    sql`${linkedOfferings(nodeId)},
      c as (
        select ${bucket(kind, sql`c.received_on`)} as period, ${companyKey} as company, c.company_orgnr,
          c.received_on, c.closed_at, c.status, l.establishing
        from cases c join linked l on l.id = c.offering_id
        where ${caseFilter(scope)}
      ), per_company as (
        select period, company, max(company_orgnr) as orgnr,
          bool_or(establishing and status = 'avslutat') as established
        from c group by period, company
      ), companies as (
        select pc.period, count(*)::int as companies,
          count(*) filter (where p.leader_gender = 'woman')::int as women,
          count(p.leader_gender)::int as gender_answered,
          count(*) filter (where p.leader_age_band = 'under-30')::int as young,
          count(p.leader_age_band)::int as age_answered,
          count(*) filter (where p.leader_born_abroad)::int as foreign_born,
          count(p.leader_born_abroad)::int as born_answered,
          count(*) filter (where pc.established)::int as establishments
        from per_company pc left join company_profiles p on p.orgnr = pc.orgnr
        group by pc.period
      ), handling as (
        select period, count(*)::int as cases,
          (percentile_cont(0.5) within group (order by (closed_at at time zone 'Europe/Stockholm')::date - received_on)
            filter (where closed_at is not null))::float8 as median_handling_days
        from c group by period
      )
      select companies.*, handling.cases, handling.median_handling_days
      from companies join handling using (period) order by period`,
  );
}

/** Companies reached per municipality (a company counts where its latest case in the period was). */
export async function reachByMunicipality(db: Conn, nodeId: string, scope: CaseScope) {
  return rows<{ municipality: string | null; companies: number }>(
    db,
    sql`${linkedOfferings(nodeId)},
      latest as (
        select distinct on (${companyKey}) c.municipality from cases c join linked l on l.id = c.offering_id
        where ${caseFilter(scope)}
        order by ${companyKey}, c.received_on desc, c.id
      )
      select municipality, count(*)::int as companies from latest group by municipality order by municipality`,
  );
}

/** Companies reached by their self-declared profile (null: not stated), with the latest municipality. */
export async function reachByProfile(db: Conn, nodeId: string, scope: CaseScope) {
  return rows<{
    municipality: string | null;
    gender: string | null;
    age_band: string | null;
    born_abroad: boolean | null;
    companies: number;
  }>(
    db,
    sql`${linkedOfferings(nodeId)},
      latest as (
        select distinct on (${companyKey}) c.municipality, c.company_orgnr from cases c join linked l on l.id = c.offering_id
        where ${caseFilter(scope)}
        order by ${companyKey}, c.received_on desc, c.id
      )
      select latest.municipality, p.leader_gender as gender, p.leader_age_band as age_band,
        p.leader_born_abroad as born_abroad, count(*)::int as companies
      from latest left join company_profiles p on p.orgnr = latest.company_orgnr
      group by 1, 2, 3, 4`,
  );
}

/** Cases per linked offering of the node's subtree. */
export async function casesPerOffering(db: Conn, nodeId: string, scope: CaseScope) {
  return rows<{ offering_id: string; title_sv: string; title_en: string | null; cases: number }>(
    db,
    sql`${linkedOfferings(nodeId)}
      select o.id as offering_id, o.title_sv, o.title_en, count(c.id)::int as cases
      from linked l join offerings o on o.id = l.id
      left join cases c on c.offering_id = l.id and ${caseFilter(scope)}
      group by o.id, o.title_sv, o.title_en order by cases desc, o.title_sv`,
  );
}
