import { and, asc, count, desc, eq, gt, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { eventAttendance, eventRegistrations, events } from './events.tables.js';

type Conn = Db | Tx;

export type EventRow = typeof events.$inferSelect;
export type RegistrationRow = typeof eventRegistrations.$inferSelect;

export interface EventFilter {
  kind?: string;
  municipality?: string;
  organisation?: string;
  past?: boolean;
}

export async function listPublished(db: Conn, filter: EventFilter, page: { limit: number; offset: number }, now: Date) {
  const conditions: (SQL | undefined)[] = [
    inArray(events.status, ['published', 'cancelled']),
    filter.past ? lte(events.endsAt, now) : gt(events.endsAt, now),
    filter.kind ? eq(events.kind, filter.kind) : undefined,
    filter.municipality ? eq(events.municipality, filter.municipality) : undefined,
    filter.organisation ? eq(events.organisationId, filter.organisation) : undefined,
  ];
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(events)
      .where(where)
      .orderBy(filter.past ? desc(events.startsAt) : asc(events.startsAt), asc(events.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(events).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Every event of the organisations (drafts too), newest first; '*': all. */
export async function listOrganised(
  db: Conn,
  organisations: readonly string[] | '*',
  page: { limit: number; offset: number },
) {
  const where =
    organisations === '*'
      ? undefined
      : organisations.length === 0
        ? sql`false`
        : inArray(events.organisationId, [...organisations]);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(events)
      .where(where)
      .orderBy(desc(events.startsAt), asc(events.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(events).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findEvent(db: Conn, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(events).where(eq(events.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function insertEvent(db: Conn, row: typeof events.$inferInsert): Promise<EventRow> {
  const [inserted] = await db.insert(events).values(row).returning();
  return inserted as EventRow;
}

export async function updateEvent(db: Conn, id: string, set: Partial<typeof events.$inferInsert>): Promise<EventRow> {
  const [row] = await db
    .update(events)
    .set({ ...set, sequence: sql`${events.sequence} + 1`, updatedAt: sql`now()` })
    .where(eq(events.id, id))
    .returning();
  return row as EventRow;
}

export async function countEvents(db: Conn): Promise<number> {
  const [row] = await db.select({ n: count() }).from(events);
  return row?.n ?? 0;
}

/** Confirmed and waitlisted counts per event. */
export async function seatCounts(db: Conn, eventIds: readonly string[]) {
  if (eventIds.length === 0) return new Map<string, { confirmed: number; waitlisted: number }>();
  const rows = await db
    .select({ eventId: eventRegistrations.eventId, status: eventRegistrations.status, n: count() })
    .from(eventRegistrations)
    .where(
      and(
        inArray(eventRegistrations.eventId, [...eventIds]),
        inArray(eventRegistrations.status, ['confirmed', 'waitlisted']),
      ),
    )
    .groupBy(eventRegistrations.eventId, eventRegistrations.status);
  const counts = new Map<string, { confirmed: number; waitlisted: number }>();
  for (const id of eventIds) counts.set(id, { confirmed: 0, waitlisted: 0 });
  for (const r of rows) {
    const c = counts.get(r.eventId);
    if (c) c[r.status as 'confirmed' | 'waitlisted'] = r.n;
  }
  return counts;
}

export async function liveRegistrationByEmail(db: Conn, eventId: string, email: string) {
  const [row] = await db
    .select({ id: eventRegistrations.id })
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, eventId),
        sql`lower(${eventRegistrations.email}) = lower(${email})`,
        sql`${eventRegistrations.status} <> 'cancelled'`,
      ),
    );
  return row;
}

export async function insertRegistration(
  db: Conn,
  row: typeof eventRegistrations.$inferInsert,
): Promise<RegistrationRow> {
  const [inserted] = await db.insert(eventRegistrations).values(row).returning();
  return inserted as RegistrationRow;
}

export async function findRegistrationByToken(db: Conn, tokenHash: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(eventRegistrations).where(eq(eventRegistrations.cancelTokenHash, tokenHash));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findRegistration(db: Conn, eventId: string, id: string) {
  const [row] = await db
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.id, id)));
  return row;
}

/** 1-based place in the waitlist (by registration order). */
export async function waitlistPosition(db: Conn, eventId: string, seq: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, eventId),
        eq(eventRegistrations.status, 'waitlisted'),
        lte(eventRegistrations.seq, seq),
      ),
    );
  return row?.n ?? 0;
}

/** Cancels and drops the personal data the registration no longer needs. */
export async function cancelRegistration(db: Conn, id: string): Promise<RegistrationRow> {
  const [row] = await db
    .update(eventRegistrations)
    .set({ status: 'cancelled', cancelledAt: sql`now()`, name: null, email: null, companyName: null })
    .where(eq(eventRegistrations.id, id))
    .returning();
  return row as RegistrationRow;
}

/** The first `n` on the waitlist, in registration order, locked for the promotion. */
export async function nextOnWaitlist(db: Conn, eventId: string, n: number): Promise<RegistrationRow[]> {
  if (n <= 0) return [];
  return db
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'waitlisted')))
    .orderBy(asc(eventRegistrations.seq))
    .limit(n)
    .for('update');
}

export async function promote(db: Conn, id: string): Promise<void> {
  await db
    .update(eventRegistrations)
    .set({ status: 'confirmed', promotedAt: sql`now()` })
    .where(eq(eventRegistrations.id, id));
}

export async function liveRegistrations(db: Conn, eventId: string): Promise<RegistrationRow[]> {
  return db
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), sql`${eventRegistrations.status} <> 'cancelled'`))
    .orderBy(asc(eventRegistrations.seq));
}

export async function attendedIds(db: Conn, eventId: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: eventAttendance.registrationId })
    .from(eventAttendance)
    .where(eq(eventAttendance.eventId, eventId));
  return new Set(rows.map((r) => r.id));
}

export async function markAttended(db: Conn, row: typeof eventAttendance.$inferInsert) {
  const { registrationId: _id, ...set } = row;
  await db.insert(eventAttendance).values(row).onConflictDoUpdate({ target: eventAttendance.registrationId, set });
}

export async function unmarkAttended(db: Conn, registrationId: string) {
  await db.delete(eventAttendance).where(eq(eventAttendance.registrationId, registrationId));
}

/** Drops names, e-mails and cancel links of registrations for events that ended before `before`. */
export async function forgetRegistrations(db: Conn, before: Date): Promise<number> {
  const rows = await db
    .update(eventRegistrations)
    .set({ name: null, email: null, companyName: null })
    .where(
      and(
        sql`${eventRegistrations.eventId} in (select ${events.id} from ${events} where ${events.endsAt} < ${before})`,
        sql`(${eventRegistrations.name} is not null or ${eventRegistrations.email} is not null)`,
      ),
    )
    .returning({ id: eventRegistrations.id });
  return rows.length;
}
