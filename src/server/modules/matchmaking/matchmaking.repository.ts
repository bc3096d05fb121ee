import { and, arrayContains, asc, count, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { matchInterests, matchProfiles } from './matchmaking.tables.js';

type Conn = Db | Tx;

export type ProfileRow = typeof matchProfiles.$inferSelect;

export async function listActive(
  db: Conn,
  filter: { seeks?: string; offers?: string; actor?: string },
  page: { limit: number; offset: number },
) {
  const where = and(
    eq(matchProfiles.active, true),
    filter.seeks ? arrayContains(matchProfiles.seeks, [filter.seeks]) : undefined,
    filter.offers ? arrayContains(matchProfiles.offers, [filter.offers]) : undefined,
    filter.actor ? eq(matchProfiles.actor, filter.actor) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(matchProfiles)
      .where(where)
      .orderBy(asc(matchProfiles.displayName), asc(matchProfiles.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(matchProfiles).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function allActive(db: Conn): Promise<ProfileRow[]> {
  return db.select().from(matchProfiles).where(eq(matchProfiles.active, true)).orderBy(asc(matchProfiles.id));
}

export async function ownedBy(db: Conn, owner: { companyOrgnr: string | null; organisationIds: readonly string[] }) {
  const conditions: SQL[] = [];
  if (owner.companyOrgnr) conditions.push(eq(matchProfiles.companyOrgnr, owner.companyOrgnr));
  if (owner.organisationIds.length > 0)
    conditions.push(inArray(matchProfiles.organisationId, [...owner.organisationIds]));
  if (conditions.length === 0) return [];
  return db
    .select()
    .from(matchProfiles)
    .where(or(...conditions))
    .orderBy(asc(matchProfiles.createdAt));
}

export async function findProfile(db: Conn, id: string): Promise<ProfileRow | undefined> {
  const [row] = await db.select().from(matchProfiles).where(eq(matchProfiles.id, id));
  return row;
}

export async function insertProfile(db: Conn, row: typeof matchProfiles.$inferInsert): Promise<ProfileRow> {
  const [inserted] = await db.insert(matchProfiles).values(row).returning();
  return inserted as ProfileRow;
}

export async function updateProfile(db: Conn, id: string, set: Partial<typeof matchProfiles.$inferInsert>) {
  const [row] = await db
    .update(matchProfiles)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(matchProfiles.id, id))
    .returning();
  return row as ProfileRow;
}

/** Interests that involve the profile, in either direction. */
export async function interestsOf(db: Conn, profileId: string) {
  return db
    .select({ from: matchInterests.fromProfileId, to: matchInterests.toProfileId })
    .from(matchInterests)
    .where(or(eq(matchInterests.fromProfileId, profileId), eq(matchInterests.toProfileId, profileId)));
}

export async function addInterest(db: Conn, row: typeof matchInterests.$inferInsert) {
  await db.insert(matchInterests).values(row).onConflictDoNothing();
}

export async function removeInterest(db: Conn, from: string, to: string) {
  await db
    .delete(matchInterests)
    .where(and(eq(matchInterests.fromProfileId, from), eq(matchInterests.toProfileId, to)));
}
