import { and, arrayContains, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { offerings, organisations, sites, strategyNodes, thesaurusEntries, units } from './catalogue.tables.js';
import { countyOf } from './geography.js';

type Conn = Db | Tx;

export type OrganisationRow = typeof organisations.$inferSelect;
export type UnitRow = typeof units.$inferSelect;
export type OfferingRow = typeof offerings.$inferSelect;
export type StrategyNodeRow = typeof strategyNodes.$inferSelect;
export type SiteRow = typeof sites.$inferSelect;
export type ThesaurusRow = typeof thesaurusEntries.$inferSelect;

export interface OfferingFilter {
  topic?: string;
  kind?: string;
  municipality?: string;
  county?: string;
  q?: string;
  provider?: string;
}

export interface Page {
  limit: number;
  offset: number;
}

const nationwide = sql`(cardinality(${offerings.geoCounties}) = 0 and cardinality(${offerings.geoMunicipalities}) = 0)`;

function offeringWhere(filter: OfferingFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filter.topic) conditions.push(arrayContains(offerings.topics, [filter.topic]));
  if (filter.kind) conditions.push(eq(offerings.kind, filter.kind));
  if (filter.provider) conditions.push(eq(offerings.providerId, filter.provider));
  if (filter.municipality) {
    conditions.push(
      or(
        nationwide,
        arrayContains(offerings.geoMunicipalities, [filter.municipality]),
        arrayContains(offerings.geoCounties, [countyOf(filter.municipality)]),
      ),
    );
  }
  if (filter.county) {
    // Served in the county: county-wide, nationwide, or by one of the county's municipalities.
    conditions.push(
      or(
        nationwide,
        arrayContains(offerings.geoCounties, [filter.county]),
        sql`exists (select 1 from unnest(${offerings.geoMunicipalities}) m where left(m, 2) = ${filter.county})`,
      ),
    );
  }
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        ilike(offerings.titleSv, pattern),
        ilike(offerings.summarySv, pattern),
        ilike(offerings.titleEn, pattern),
        sql`array_to_string(${offerings.keywords}, ' ') ilike ${pattern}`,
      ),
    );
  }
  return and(...conditions);
}

export async function listOfferings(db: Conn, filter: OfferingFilter, page: Page) {
  const where = offeringWhere(filter);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(offerings)
      .where(where)
      .orderBy(asc(offerings.titleSv), asc(offerings.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(offerings).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function allOfferings(db: Conn): Promise<OfferingRow[]> {
  return db.select().from(offerings).orderBy(asc(offerings.id));
}

export async function findOffering(db: Conn, id: string): Promise<OfferingRow | undefined> {
  const [row] = await db.select().from(offerings).where(eq(offerings.id, id));
  return row;
}

export async function listOrganisations(db: Conn, page: Page) {
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(organisations)
      .orderBy(asc(organisations.name), asc(organisations.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(organisations),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function allOrganisations(db: Conn): Promise<OrganisationRow[]> {
  return db.select().from(organisations).orderBy(asc(organisations.id));
}

export async function findOrganisation(db: Conn, id: string): Promise<OrganisationRow | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

export async function unitsOf(db: Conn, organisationIds: string[]): Promise<UnitRow[]> {
  if (organisationIds.length === 0) return [];
  return db
    .select()
    .from(units)
    .where(sql`${units.organisationId} = any(${sql.param(organisationIds)})`)
    .orderBy(asc(units.organisationId), asc(units.name));
}

export async function allUnits(db: Conn): Promise<UnitRow[]> {
  return db.select().from(units).orderBy(asc(units.organisationId), asc(units.id));
}

export async function allStrategyNodes(db: Conn): Promise<StrategyNodeRow[]> {
  return db.select().from(strategyNodes).orderBy(asc(strategyNodes.rootId), asc(strategyNodes.position));
}

export async function strategyNodeIds(db: Conn): Promise<string[]> {
  return (await db.select({ id: strategyNodes.id }).from(strategyNodes)).map((r) => r.id);
}

export async function listSites(db: Conn, filter: { municipality?: string }, page: Page) {
  const where = filter.municipality ? eq(sites.municipality, filter.municipality) : undefined;
  const [rows, [total]] = await Promise.all([
    db.select().from(sites).where(where).orderBy(asc(sites.name)).limit(page.limit).offset(page.offset),
    db.select({ n: count() }).from(sites).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function allSites(db: Conn): Promise<SiteRow[]> {
  return db.select().from(sites).orderBy(asc(sites.id));
}

export async function allThesaurus(db: Conn): Promise<ThesaurusRow[]> {
  return db.select().from(thesaurusEntries).orderBy(asc(thesaurusEntries.id));
}

export async function countOfferings(db: Conn): Promise<number> {
  const [row] = await db.select({ n: count() }).from(offerings);
  return row?.n ?? 0;
}

export async function upsertOrganisation(db: Conn, row: typeof organisations.$inferInsert) {
  await db
    .insert(organisations)
    .values(row)
    .onConflictDoUpdate({
      target: organisations.id,
      set: {
        name: row.name,
        kind: row.kind,
        website: row.website ?? null,
        servesCounties: row.servesCounties,
        servesMunicipalities: row.servesMunicipalities,
        updatedAt: sql`now()`,
      },
    });
}

export async function upsertUnit(db: Conn, row: typeof units.$inferInsert) {
  await db
    .insert(units)
    .values(row)
    .onConflictDoUpdate({ target: [units.organisationId, units.id], set: { name: row.name } });
}

export async function upsertOffering(db: Conn, row: typeof offerings.$inferInsert) {
  const { id: _id, ...set } = row;
  await db
    .insert(offerings)
    .values(row)
    .onConflictDoUpdate({ target: offerings.id, set: { ...set, updatedAt: sql`now()` } });
}

export async function upsertStrategyNode(db: Conn, row: typeof strategyNodes.$inferInsert) {
  const { id: _id, ...set } = row;
  await db.insert(strategyNodes).values(row).onConflictDoUpdate({ target: strategyNodes.id, set });
}

export async function upsertSite(db: Conn, row: typeof sites.$inferInsert) {
  const { id: _id, ...set } = row;
  await db.insert(sites).values(row).onConflictDoUpdate({ target: sites.id, set });
}

export async function upsertThesaurusEntry(db: Conn, row: typeof thesaurusEntries.$inferInsert) {
  await db
    .insert(thesaurusEntries)
    .values(row)
    .onConflictDoUpdate({
      target: thesaurusEntries.id,
      set: { phrases: row.phrases, terms: row.terms, updatedAt: sql`now()` },
    });
}

export async function updateKnowledge(db: Conn, id: string, keywords: string[], situations: string[]) {
  const [row] = await db
    .update(offerings)
    .set({ keywords, situations, updatedAt: sql`now()` })
    .where(eq(offerings.id, id))
    .returning({ id: offerings.id });
  return row;
}

export async function deleteThesaurusEntry(db: Conn, id: string) {
  const [row] = await db
    .delete(thesaurusEntries)
    .where(eq(thesaurusEntries.id, id))
    .returning({ id: thesaurusEntries.id });
  return row;
}

export async function offeringTitles(db: Conn, ids: string[]): Promise<{ id: string; titleSv: string }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: offerings.id, titleSv: offerings.titleSv })
    .from(offerings)
    .where(sql`${offerings.id} = any(${sql.param(ids)})`);
}

export async function findOfferings(db: Conn, ids: string[]): Promise<OfferingRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(offerings)
    .where(sql`${offerings.id} = any(${sql.param(ids)})`);
}
