import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../access/access.tables.js';
import { organisations } from '../catalogue/catalogue.tables.js';

/** Frukostmöten, workshops, nätverksträffar: organised by an organisation, public once published. */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    location: text('location').notNull(),
    /** SCB kommunkod of the venue; null for online events. */
    municipality: text('municipality'),
    /** Null: no limit. */
    capacity: integer('capacity'),
    status: text('status').notNull().default('draft'),
    /** What the event is part of, for the strategy follow-up's reach. */
    offeringIds: text('offering_ids').array().notNull().default(sql`'{}'`),
    strategyNodeIds: text('strategy_node_ids').array().notNull().default(sql`'{}'`),
    /** iCalendar SEQUENCE: bumped on every change a calendar should pick up. */
    sequence: integer('sequence').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    index('events_status_start_idx').on(t.status, t.startsAt),
    index('events_org_idx').on(t.organisationId),
    check('events_kind_check', sql`${t.kind} in ('breakfast-meeting', 'workshop', 'network-meeting', 'seminar')`),
    check('events_status_check', sql`${t.status} in ('draft', 'published', 'cancelled')`),
    check('events_capacity_check', sql`${t.capacity} is null or ${t.capacity} > 0`),
    check('events_time_check', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/**
 * A registration: the least personal data that works (name and e-mail; the company's orgnr only
 * when the person registers as a signed-in company). `seq` orders the waitlist.
 */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    name: text('name'),
    email: text('email'),
    companyOrgnr: text('company_orgnr'),
    companyName: text('company_name'),
    status: text('status').notNull(),
    /** SHA-256 of the secret in the cancel link; the secret itself is only in the e-mail. */
    cancelTokenHash: text('cancel_token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    promotedAt: timestamp('promoted_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    unique('event_registrations_cancel_token_unique').on(t.cancelTokenHash),
    // One live registration per e-mail and event; a cancelled one may register again.
    uniqueIndex('event_registrations_email_unique')
      .on(t.eventId, sql`lower(${t.email})`)
      .where(sql`${t.status} <> 'cancelled'`),
    index('event_registrations_event_idx').on(t.eventId, t.status, t.seq),
    check('event_registrations_status_check', sql`${t.status} in ('confirmed', 'waitlisted', 'cancelled')`),
  ],
);

/**
 * Who came, for the strategy follow-up's reach: no name or e-mail, only the company (when known)
 * and what the event was part of, copied when attendance is marked. It outlives the registration's
 * personal data.
 */
export const eventAttendance = pgTable(
  'event_attendance',
  {
    registrationId: uuid('registration_id').primaryKey(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id').notNull(),
    companyOrgnr: text('company_orgnr'),
    municipality: text('municipality'),
    offeringIds: text('offering_ids').array().notNull().default(sql`'{}'`),
    strategyNodeIds: text('strategy_node_ids').array().notNull().default(sql`'{}'`),
    eventStartsAt: timestamp('event_starts_at', { withTimezone: true }).notNull(),
    markedBy: uuid('marked_by').references(() => users.id, { onDelete: 'set null' }),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('event_attendance_event_idx').on(t.eventId), index('event_attendance_orgnr_idx').on(t.companyOrgnr)],
);
