import { and, arrayOverlaps, asc, count, desc, eq, gte, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { sites } from '../catalogue/catalogue.tables.js';
import {
  investmentInquiries,
  investmentInquiryCases,
  investmentInquiryEvents,
  siteDetails,
} from './establishment.tables.js';

type Conn = Db | Tx;

export type SiteDetailsRow = typeof siteDetails.$inferSelect;
export type InquiryRow = typeof investmentInquiries.$inferSelect;
export type InquiryEventRow = typeof investmentInquiryEvents.$inferSelect;
export type InquiryCaseRow = typeof investmentInquiryCases.$inferSelect;

/** A catalogue site with the establishment details beside it (null when none are recorded). */
export interface SiteRow {
  id: string;
  name: string;
  municipality: string;
  kind: string;
  areaHa: number | null;
  status: string;
  notes: string | null;
  fictional: boolean;
  details: SiteDetailsRow | null;
}

export interface SiteFilter {
  municipality?: string;
  kind?: string;
  availability?: string;
  minAreaHa?: number;
  minPowerMw?: number;
  rail?: boolean;
}

// Sites are the catalogue's (imported from its file); the details are this module's.
const siteColumns = {
  id: sites.id,
  name: sites.name,
  municipality: sites.municipality,
  kind: sites.kind,
  areaHa: sites.areaHa,
  status: sites.status,
  notes: sites.notes,
  fictional: sites.fictional,
  details: siteDetails,
};

function siteWhere(filter: SiteFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filter.municipality) conditions.push(eq(sites.municipality, filter.municipality));
  if (filter.kind) conditions.push(eq(sites.kind, filter.kind));
  // No details recorded means "available" (the column's default), so filter on the default too.
  if (filter.availability)
    conditions.push(sql`coalesce(${siteDetails.availability}, 'available') = ${filter.availability}`);
  if (filter.minAreaHa !== undefined) conditions.push(gte(sites.areaHa, filter.minAreaHa));
  if (filter.minPowerMw !== undefined) conditions.push(gte(siteDetails.powerMw, filter.minPowerMw));
  if (filter.rail !== undefined) conditions.push(sql`coalesce(${siteDetails.railSiding}, false) = ${filter.rail}`);
  return and(...conditions);
}

function toSiteRow(row: Omit<SiteRow, 'details'> & { details: SiteDetailsRow | null }): SiteRow {
  return { ...row, details: row.details?.siteId ? row.details : null };
}

export async function listSites(db: Conn, filter: SiteFilter, page: { limit: number; offset: number }) {
  const where = siteWhere(filter);
  const [rows, [total]] = await Promise.all([
    db
      .select(siteColumns)
      .from(sites)
      .leftJoin(siteDetails, eq(siteDetails.siteId, sites.id))
      .where(where)
      .orderBy(asc(sites.name), asc(sites.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(sites).leftJoin(siteDetails, eq(siteDetails.siteId, sites.id)).where(where),
  ]);
  return { rows: rows.map(toSiteRow), total: total?.n ?? 0 };
}

export async function allSites(db: Conn): Promise<SiteRow[]> {
  const rows = await db
    .select(siteColumns)
    .from(sites)
    .leftJoin(siteDetails, eq(siteDetails.siteId, sites.id))
    .orderBy(asc(sites.id));
  return rows.map(toSiteRow);
}

export async function findSite(db: Conn, id: string): Promise<SiteRow | undefined> {
  const [row] = await db
    .select(siteColumns)
    .from(sites)
    .leftJoin(siteDetails, eq(siteDetails.siteId, sites.id))
    .where(eq(sites.id, id));
  return row ? toSiteRow(row) : undefined;
}

export async function siteMunicipalities(db: Conn): Promise<string[]> {
  const rows = await db.selectDistinct({ m: sites.municipality }).from(sites).orderBy(asc(sites.municipality));
  return rows.map((r) => r.m);
}

/** Demo seeding: adds details to sites that have none; details already kept are left alone. */
export async function insertSiteDetailsIfMissing(db: Conn, row: typeof siteDetails.$inferInsert): Promise<boolean> {
  const inserted = await db
    .insert(siteDetails)
    .values(row)
    .onConflictDoNothing({ target: siteDetails.siteId })
    .returning({ id: siteDetails.siteId });
  return inserted.length > 0;
}

export async function siteExists(db: Conn, id: string): Promise<boolean> {
  const [row] = await db.select({ id: sites.id }).from(sites).where(eq(sites.id, id));
  return !!row;
}

// ---- Investment inquiries ----

/** `teams` '*': all inquiries; otherwise those held by or shared with one of the organisations. */
function inquiryScope(teams: readonly string[] | '*'): SQL | undefined {
  if (teams === '*') return undefined;
  if (teams.length === 0) return sql`false`;
  return or(
    inArray(investmentInquiries.organisationId, [...teams]),
    arrayOverlaps(investmentInquiries.sharedWith, [...teams]),
  );
}

export async function listInquiries(
  db: Conn,
  teams: readonly string[] | '*',
  filter: { stage?: string },
  page: { limit: number; offset: number },
) {
  const where = and(inquiryScope(teams), filter.stage ? eq(investmentInquiries.stage, filter.stage) : undefined);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(investmentInquiries)
      .where(where)
      .orderBy(desc(investmentInquiries.updatedAt), asc(investmentInquiries.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(investmentInquiries).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findInquiry(db: Conn, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(investmentInquiries).where(eq(investmentInquiries.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function insertInquiry(db: Conn, row: typeof investmentInquiries.$inferInsert): Promise<InquiryRow> {
  const [inserted] = await db.insert(investmentInquiries).values(row).returning();
  return inserted as InquiryRow;
}

/** Writes the change and bumps the version, only if the version is still the one read. */
export async function updateInquiry(
  db: Conn,
  id: string,
  version: number,
  set: Partial<typeof investmentInquiries.$inferInsert>,
): Promise<InquiryRow | undefined> {
  const [row] = await db
    .update(investmentInquiries)
    .set({ ...set, version: version + 1, updatedAt: sql`now()` })
    .where(and(eq(investmentInquiries.id, id), eq(investmentInquiries.version, version)))
    .returning();
  return row;
}

export async function addInquiryEvent(db: Conn, row: typeof investmentInquiryEvents.$inferInsert) {
  await db.insert(investmentInquiryEvents).values(row);
}

export async function inquiryEvents(db: Conn, id: string): Promise<InquiryEventRow[]> {
  return db
    .select()
    .from(investmentInquiryEvents)
    .where(eq(investmentInquiryEvents.inquiryId, id))
    .orderBy(asc(investmentInquiryEvents.id));
}

export async function inquiryCases(db: Conn, id: string): Promise<InquiryCaseRow[]> {
  return db
    .select()
    .from(investmentInquiryCases)
    .where(eq(investmentInquiryCases.inquiryId, id))
    .orderBy(asc(investmentInquiryCases.linkedAt));
}

/** Links a case; false when it was linked already. A missing case fails on the foreign key. */
export async function linkCase(db: Conn, row: typeof investmentInquiryCases.$inferInsert): Promise<boolean> {
  const inserted = await db
    .insert(investmentInquiryCases)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: investmentInquiryCases.caseId });
  return inserted.length > 0;
}
