/** All SQL of the strategy module. Reads `cases` and `offerings` for live figures (read-only). */
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { strategyNodes } from '../catalogue/catalogue.tables.js';
import {
  companyProfiles,
  strategyFollowUpDeadlines,
  strategyFollowUpReminders,
  strategyFollowUps,
  strategyIndicators,
  strategyIndicatorValues,
  strategyNodeRevisions,
  strategyNodeStats,
  strategyOfferingStats,
  strategyStatsState,
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

// ——— pre-aggregated statistics (see strategyNodeStats) ———

export type NodeStatsRow = typeof strategyNodeStats.$inferSelect;
export type StatsStateRow = typeof strategyStatsState.$inferSelect;

const tertialOf = (column: SQL) =>
  sql`to_char(${column}, 'YYYY') || '-T' || ((extract(month from ${column})::int - 1) / 4 + 1)::text`;

/**
 * Recomputes the figures of one strategy from the cases: per node (its whole subtree, each company
 * once), period (year and tertial) and area (all, and each municipality), for the given years or
 * all of them. Serialised per strategy by an advisory lock so two refreshes never interleave. Run it
 * inside a transaction. Built for size: one pass over the strategy's cases (profiles joined per case
 * before the rows are multiplied by node, period and area), no JIT, enough memory not to spill.
 */
export async function refreshStats(tx: Conn, rootId: string, years: number[] | 'all'): Promise<{ cases: number }> {
  if (years !== 'all' && years.length === 0) return { cases: 0 };
  await lockStats(tx, rootId);
  await tx.execute(sql`set local jit = off`);
  await tx.execute(sql`set local work_mem = '256MB'`);
  const inYears = (column: SQL) =>
    years === 'all'
      ? sql`true`
      : sql`left(${column}, 4) in (${sql.join(
          years.map((y) => sql`${String(y)}`),
          sql`, `,
        )})`;
  await tx
    .delete(strategyNodeStats)
    .where(and(eq(strategyNodeStats.rootId, rootId), inYears(sql`${strategyNodeStats.period}`)));
  await tx
    .delete(strategyOfferingStats)
    .where(and(eq(strategyOfferingStats.rootId, rootId), inYears(sql`${strategyOfferingStats.period}`)));
  // A year at a time: each statement's rows fit in memory, however many years there are.
  let cases = 0;
  for (const year of years === 'all' ? await yearsWithCases(tx, rootId) : years)
    cases += await refreshYear(tx, rootId, year);
  return { cases };
}

/** Serialises the refreshes of one strategy until the transaction ends (taken again: no-op). */
export async function lockStats(tx: Conn, rootId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`strategy-stats:${rootId}`}))`);
}

/** The years from the strategy's first case to its last (min and max by index, per offering). */
async function yearsWithCases(tx: Conn, rootId: string): Promise<number[]> {
  const [range] = await rows<{ first: number | null; last: number | null }>(
    tx,
    sql`with linked as (
        select distinct o.id from offerings o cross join lateral unnest(o.strategy_links) as l(node)
        join strategy_nodes n on n.id = l.node where n.root_id = ${rootId}
      )
      select extract(year from min(x.first))::int as first, extract(year from max(x.last))::int as last
      from linked l cross join lateral (
        select min(c.received_on) as first, max(c.received_on) as last from cases c where c.offering_id = l.id
      ) x`,
  );
  if (!range?.first || !range.last) return [];
  return Array.from({ length: range.last - range.first + 1 }, (_, i) => (range.first as number) + i);
}

async function refreshYear(tx: Conn, rootId: string, year: number): Promise<number> {
  const received = sql`c.received_on >= ${`${year}-01-01`}::date and c.received_on < ${`${year + 1}-01-01`}::date`;
  const result = await rows<{ cases: number }>(
    tx,
    sql`with recursive tree(node_id, ancestor_id) as (
      select id, id from strategy_nodes where root_id = ${rootId}
      union all
      select t.node_id, n.parent_id from tree t join strategy_nodes n on n.id = t.ancestor_id where n.parent_id is not null
    ), links as materialized (
      select distinct t.ancestor_id as node_id, o.id as offering_id, 'etablering' = any(o.topics) as establishing
      from offerings o cross join lateral unnest(o.strategy_links) as l(node) join tree t on t.node_id = l.node
    ), base as materialized (
      select c.offering_id, ${companyKey} as company, coalesce(c.municipality, '-') as municipality,
        to_char(c.received_on, 'YYYY-MM-DD') || coalesce(c.municipality, '-') as latest_key,
        to_char(c.received_on, 'YYYY') as year, ${tertialOf(sql`c.received_on`)} as tertial,
        (c.closed_at at time zone 'Europe/Stockholm')::date - c.received_on as handling_days,
        c.status = 'avslutat' as completed,
        p.leader_gender = 'woman' as woman, p.leader_gender is not null as gender_answered,
        p.leader_age_band = 'under-30' as young, p.leader_age_band is not null as age_answered,
        p.leader_born_abroad as born_abroad, p.leader_born_abroad is not null as born_answered
      from cases c left join company_profiles p on p.orgnr = c.company_orgnr
      where c.offering_id in (select offering_id from links)
        and (c.email_verified_at is not null or c.submitted_by is not null)
        and ${received}
    ), offering_rows as (
      insert into strategy_offering_stats (root_id, offering_id, period, area, cases)
      select ${rootId}, b.offering_id, p.period, a.area, count(*)::int from base b
      cross join lateral (values (b.year), (b.tertial)) as p(period)
      cross join lateral (values (''), (b.municipality)) as a(area)
      group by b.offering_id, p.period, a.area
      returning cases
    ), expanded as materialized (
      select l.node_id, p.period, a.area, b.company, b.latest_key, b.handling_days,
        l.establishing and b.completed as established, b.woman, b.gender_answered, b.young, b.age_answered,
        b.born_abroad, b.born_answered
      from base b join links l on l.offering_id = b.offering_id
      cross join lateral (values (b.year), (b.tertial)) as p(period)
      cross join lateral (values (''), (b.municipality)) as a(area)
    ), per_company as (
      select node_id, period, area, bool_or(established) as established, bool_or(woman) as woman,
        bool_or(gender_answered) as gender_answered, bool_or(young) as young, bool_or(age_answered) as age_answered,
        bool_or(born_abroad) as born_abroad, bool_or(born_answered) as born_answered,
        -- The municipality of the company's latest case (the later date; on one day, the higher code).
        substr(max(latest_key), 11) as latest_area
      from expanded group by node_id, period, area, company
    ), companies as (
      select node_id, period, area, count(*)::int as companies,
        count(*) filter (where woman)::int as women, count(*) filter (where gender_answered)::int as gender_answered,
        count(*) filter (where young)::int as young, count(*) filter (where age_answered)::int as age_answered,
        count(*) filter (where born_abroad)::int as foreign_born,
        count(*) filter (where born_answered)::int as born_answered,
        count(*) filter (where established)::int as establishments
      from per_company group by node_id, period, area
    ), latest as (
      select node_id, period, latest_area as area, count(*)::int as companies_latest
      from per_company where area = '' group by node_id, period, latest_area
    ), handling as (
      select node_id, period, area, count(*)::int as cases,
        (percentile_cont(0.5) within group (order by handling_days))::float8 as median_handling_days
      from expanded group by node_id, period, area
    ), node_rows as (
      insert into strategy_node_stats (root_id, node_id, period, area, companies, cases, women, gender_answered,
        young, age_answered, foreign_born, born_answered, establishments, companies_latest, median_handling_days)
      select ${rootId}, c.node_id, c.period, c.area, c.companies, h.cases, c.women, c.gender_answered, c.young,
        c.age_answered, c.foreign_born, c.born_answered, c.establishments,
        case when c.area = '' then c.companies else coalesce(l.companies_latest, 0) end, h.median_handling_days
      from companies c join handling h using (node_id, period, area)
      left join latest l using (node_id, period, area)
      returning 1
    )
    select (select count(*) from node_rows)::int as node_rows,
      (select count(*) from base)::int as cases`,
  );
  return result[0]?.cases ?? 0;
}

/**
 * The years whose figures changed since `since` for a strategy: years of its cases updated since
 * then, or of cases of companies whose profile changed since then.
 */
export async function changedYears(db: Conn, rootId: string, since: Date): Promise<number[]> {
  const result = await rows<{ year: number }>(
    db,
    sql`with linked as (
        select distinct o.id from offerings o cross join lateral unnest(o.strategy_links) as l(node)
        join strategy_nodes n on n.id = l.node where n.root_id = ${rootId}
      )
      select distinct extract(year from c.received_on)::int as year from cases c
      where c.offering_id in (select id from linked) and c.updated_at >= ${since.toISOString()}::timestamptz
      union
      select distinct extract(year from c.received_on)::int from company_profiles p
      join cases c on c.company_orgnr = p.orgnr
      where p.updated_at >= ${since.toISOString()}::timestamptz and c.offering_id in (select id from linked)
      order by 1`,
  );
  return result.map((r) => r.year);
}

export async function saveStatsState(tx: Conn, row: StatsStateRow) {
  await tx
    .insert(strategyStatsState)
    .values(row)
    .onConflictDoUpdate({
      target: strategyStatsState.rootId,
      set: { computedAt: row.computedAt, durationMs: row.durationMs, cases: row.cases },
    });
}

export async function statsState(db: Conn, rootId: string): Promise<StatsStateRow | undefined> {
  const [row] = await db.select().from(strategyStatsState).where(eq(strategyStatsState.rootId, rootId));
  return row;
}

export async function rootsWithoutStats(db: Conn): Promise<string[]> {
  const result = await rows<{ id: string }>(
    db,
    sql`select n.id from strategy_nodes n where n.parent_id is null
      and not exists (select 1 from strategy_stats_state s where s.root_id = n.id) order by n.id`,
  );
  return result.map((r) => r.id);
}

/** Whether a refresh of the strategy waits in the outbox (read-only). */
export async function refreshWaiting(db: Conn, rootId: string): Promise<boolean> {
  const result = await rows<{ id: number }>(
    db,
    sql`select id from outbox where kind = 'indicator-refresh' and status = 'pending' and payload->>'root' = ${rootId}
      limit 1`,
  );
  return result.length > 0;
}

/** The database's clock: statistics are stamped with the time their snapshot began. */
export async function databaseNow(db: Conn): Promise<Date> {
  const [row] = await rows<{ now: string | Date }>(db, sql`select clock_timestamp() as now`);
  return new Date(row?.now as string);
}

/** Statistics rows of a strategy for some periods, one area, optionally some nodes. */
export async function nodeStats(
  db: Conn,
  rootId: string,
  filter: { periods: string[]; area: string; nodeIds?: string[] },
): Promise<NodeStatsRow[]> {
  if (filter.periods.length === 0 || (filter.nodeIds && filter.nodeIds.length === 0)) return [];
  return db
    .select()
    .from(strategyNodeStats)
    .where(
      and(
        eq(strategyNodeStats.rootId, rootId),
        inArray(strategyNodeStats.period, filter.periods),
        eq(strategyNodeStats.area, filter.area),
        filter.nodeIds ? inArray(strategyNodeStats.nodeId, filter.nodeIds) : undefined,
      ),
    );
}

/** A node's rows for one period in every municipality (not the all-areas row). */
export async function nodeStatsByArea(db: Conn, rootId: string, nodeId: string, period: string) {
  return db
    .select()
    .from(strategyNodeStats)
    .where(
      and(
        eq(strategyNodeStats.rootId, rootId),
        eq(strategyNodeStats.nodeId, nodeId),
        eq(strategyNodeStats.period, period),
        sql`${strategyNodeStats.area} <> ''`,
      ),
    );
}

/** Offerings linked to the node or below it, with their cases in a period and area (from the statistics). */
export async function offeringStats(db: Conn, rootId: string, nodeId: string, period: string, area: string) {
  return rows<{ offering_id: string; title_sv: string; title_en: string | null; cases: number }>(
    db,
    sql`${linkedOfferings(nodeId)}
      select o.id as offering_id, o.title_sv, o.title_en, coalesce(s.cases, 0)::int as cases
      from linked l join offerings o on o.id = l.id
      left join strategy_offering_stats s on s.root_id = ${rootId} and s.offering_id = o.id
        and s.period = ${period} and s.area = ${area}
      order by cases desc, o.title_sv`,
  );
}

/**
 * The strategies whose trees link the offerings (whose figures a case there changes), as outbox
 * payloads `{"root": id}` (see enqueueOnceEachStatement); `offeringIds` is a query of offering ids.
 */
export function rootPayloadsOfOfferings(offeringIds: SQL): SQL {
  return sql`select distinct jsonb_build_object('root', n.root_id) as payload
    from offerings o cross join lateral unnest(o.strategy_links) as l(node)
    join strategy_nodes n on n.id = l.node where o.id in (${offeringIds})`;
}

/** The strategies that reached a company (whose shares a change of its profile changes). */
export async function rootsReachingCompany(db: Conn, orgnr: string): Promise<string[]> {
  const result = await rows<{ root_id: string }>(
    db,
    sql`select distinct n.root_id from (select distinct offering_id from cases where company_orgnr = ${orgnr}) c
      join offerings o on o.id = c.offering_id cross join lateral unnest(o.strategy_links) as l(node)
      join strategy_nodes n on n.id = l.node`,
  );
  return result.map((r) => r.root_id);
}

// ——— follow-up reminders ———

export async function deadlinesBetween(db: Conn, from: string, to: string) {
  return rows<{ root_id: string; period: string; due_on: string; title_sv: string }>(
    db,
    sql`select d.root_id, d.period, to_char(d.due_on, 'YYYY-MM-DD') as due_on, n.title_sv
      from strategy_follow_up_deadlines d join strategy_nodes n on n.id = d.root_id
      where d.due_on between ${from}::date and ${to}::date order by d.due_on, d.root_id`,
  );
}

/**
 * The nodes still to be followed up for a period: the leaves (parents roll up from them) without a
 * follow-up, with the organisation that owns each (a node without an owner is the strategy's).
 */
export async function missingFollowUps(db: Conn, rootId: string, period: string) {
  return rows<{ id: string; title_sv: string; owner_id: string | null }>(
    db,
    sql`select n.id, n.title_sv, coalesce(n.owner_id, r.owner_id) as owner_id
      from strategy_nodes n join strategy_nodes r on r.id = n.root_id
      where n.root_id = ${rootId}
        and not exists (select 1 from strategy_nodes c where c.parent_id = n.id)
        and not exists (select 1 from strategy_follow_ups f where f.node_id = n.id and f.period = ${period})
      order by n.position, n.id`,
  );
}

/** Who is reminded at an organisation: its active org-admins and analysts with an e-mail address (read-only). */
export async function followUpRecipients(db: Conn, organisationId: string): Promise<string[]> {
  const result = await rows<{ email: string }>(
    db,
    sql`select distinct u.email from memberships m join users u on u.id = m.user_id
      where m.organisation_id = ${organisationId} and m.active and m.role in ('org-admin', 'analyst')
        and u.email is not null and u.erased_at is null order by u.email`,
  );
  return result.map((r) => r.email);
}

/** Records a reminder; false when it was already sent (so it is sent once, even by two processes). */
export async function recordReminder(db: Conn, row: typeof strategyFollowUpReminders.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(strategyFollowUpReminders).values(row).onConflictDoNothing().returning();
  return inserted.length > 0;
}
