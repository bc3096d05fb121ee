import { and, asc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import { organisations, units } from '../catalogue/catalogue.tables.js';
import { companies, companyRepresentations, memberships, sessions, users } from './access.tables.js';

type Conn = Db | Tx;

export type UserRow = typeof users.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type CompanyRow = typeof companies.$inferSelect;

export async function findUser(db: Conn, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function findUserBySubject(db: Conn, issuer: string, subject: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.issuer, issuer), eq(users.subject, subject)));
  return row;
}

/** A staff member invited by e-mail who has not signed in yet. */
export async function findInvitedByEmail(db: Conn, issuer: string, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(
      and(
        eq(users.issuer, issuer),
        isNull(users.subject),
        eq(users.kind, 'staff'),
        sql`lower(${users.email}) = lower(${email})`,
      ),
    );
  return row;
}

export async function findStaffByEmail(db: Conn, email: string): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.kind, 'staff'), sql`lower(${users.email}) = lower(${email})`));
}

export async function insertUser(db: Conn, row: typeof users.$inferInsert): Promise<UserRow> {
  const [inserted] = await db.insert(users).values(row).returning();
  return inserted as UserRow;
}

export async function updateUser(db: Conn, id: string, patch: Partial<typeof users.$inferInsert>): Promise<UserRow> {
  const [updated] = await db.update(users).set(patch).where(eq(users.id, id)).returning();
  return updated as UserRow;
}

export async function membershipsOf(db: Conn, userId: string): Promise<MembershipRow[]> {
  return db.select().from(memberships).where(eq(memberships.userId, userId)).orderBy(asc(memberships.organisationId));
}

export async function findMembership(db: Conn, id: string): Promise<MembershipRow | undefined> {
  const [row] = await db.select().from(memberships).where(eq(memberships.id, id));
  return row;
}

/** Creates the membership or, when the person already has one in the organisation, replaces its role and unit. */
export async function upsertMembership(
  db: Conn,
  row: { userId: string; organisationId: string; unitId: string | null; role: string; active?: boolean },
): Promise<MembershipRow> {
  const [saved] = await db
    .insert(memberships)
    .values({ ...row, active: row.active ?? true })
    .onConflictDoUpdate({
      target: [memberships.userId, memberships.organisationId],
      set: { unitId: row.unitId, role: row.role, active: row.active ?? true, updatedAt: new Date() },
    })
    .returning();
  return saved as MembershipRow;
}

export async function updateMembership(
  db: Conn,
  id: string,
  patch: { unitId?: string | null; role?: string; active?: boolean },
): Promise<MembershipRow> {
  const [saved] = await db
    .update(memberships)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(memberships.id, id))
    .returning();
  return saved as MembershipRow;
}

export interface StaffRow {
  membership: MembershipRow;
  user: UserRow;
}

export async function staffOf(db: Conn, organisationId: string): Promise<StaffRow[]> {
  const rows = await db
    .select({ membership: memberships, user: users })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(asc(users.name), asc(users.email));
  return rows;
}

export async function organisationExists(db: Conn, id: string): Promise<boolean> {
  const [row] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id));
  return row !== undefined;
}

export async function unitExists(db: Conn, organisationId: string, unitId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.organisationId, organisationId), eq(units.id, unitId)));
  return row !== undefined;
}

export async function ensureCompany(db: Conn, orgnr: string, name: string | null): Promise<void> {
  await db
    .insert(companies)
    .values({ orgnr, name })
    .onConflictDoUpdate({ target: companies.orgnr, set: { name: sql`coalesce(${companies.name}, excluded.name)` } });
}

export async function addRepresentation(db: Conn, userId: string, orgnr: string): Promise<void> {
  await db.insert(companyRepresentations).values({ userId, orgnr }).onConflictDoNothing();
}

export async function representationsOf(db: Conn, userId: string): Promise<{ orgnr: string; name: string | null }[]> {
  return db
    .select({ orgnr: companies.orgnr, name: companies.name })
    .from(companyRepresentations)
    .innerJoin(companies, eq(companies.orgnr, companyRepresentations.orgnr))
    .where(eq(companyRepresentations.userId, userId))
    .orderBy(asc(companies.orgnr));
}

export async function insertSession(db: Conn, row: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(row);
}

/** The session when neither its idle nor its absolute expiry has passed. */
/** A membership as the session lookup returns it. */
export interface SessionMembership {
  organisationId: string;
  unitId: string | null;
  role: string;
  active: boolean;
}

/**
 * The live session with its user and the user's memberships, in one query: every signed-in
 * request asks this first, so it is one round trip, not three.
 */
export async function findLiveSessionWithUser(
  db: Conn,
  idHash: string,
  now: Date,
): Promise<
  | { session: SessionRow; user: { id: string; kind: string; erasedAt: Date | null }; memberships: SessionMembership[] }
  | undefined
> {
  const query = prepared(db, 'access.session', (name) =>
    db
      .select({
        session: sessions,
        user: { id: users.id, kind: users.kind, erasedAt: users.erasedAt },
        memberships: sql<SessionMembership[]>`coalesce((
          select json_agg(json_build_object('organisationId', m.organisation_id, 'unitId', m.unit_id,
            'role', m.role, 'active', m.active) order by m.organisation_id)
          from ${memberships} m where m.user_id = ${sessions.userId}), '[]'::json)`,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(
          eq(sessions.idHash, sql.placeholder('idHash')),
          gt(sessions.idleExpiresAt, sql.placeholder('now')),
          gt(sessions.absoluteExpiresAt, sql.placeholder('now')),
        ),
      )
      .prepare(name),
  );
  const [row] = await query.execute({ idHash, now });
  return row;
}

export async function touchSession(db: Conn, idHash: string, now: Date, idleExpiresAt: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now, idleExpiresAt }).where(eq(sessions.idHash, idHash));
}

export async function setActingCompany(db: Conn, idHash: string, orgnr: string | null): Promise<void> {
  await db.update(sessions).set({ actingOrgnr: orgnr }).where(eq(sessions.idHash, idHash));
}

export async function deleteSession(db: Conn, idHash: string): Promise<SessionRow | undefined> {
  const [row] = await db.delete(sessions).where(eq(sessions.idHash, idHash)).returning();
  return row;
}

export async function deleteSessionsOf(db: Conn, userId: string): Promise<number> {
  return (await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.idHash })).length;
}

export async function deleteExpiredSessions(db: Conn, now: Date): Promise<number> {
  const gone = await db
    .delete(sessions)
    .where(or(lt(sessions.idleExpiresAt, now), lt(sessions.absoluteExpiresAt, now)))
    .returning({ id: sessions.idHash });
  return gone.length;
}

export async function sessionsOf(db: Conn, userId: string): Promise<SessionRow[]> {
  return db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(asc(sessions.createdAt));
}
