import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { offerings, organisations } from '../catalogue/catalogue.tables.js';

/** A case type's status workflow and promises, as data (see case-status.ts for the defaults). */
export const caseWorkflows = pgTable('case_workflows', {
  caseType: text('case_type').primaryKey(),
  definition: jsonb('definition').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The last diarienummer sequence used per organisation and year; numbers are never reused. */
export const diariumCounters = pgTable(
  'diarium_counters',
  {
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.year] })],
);

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    diarienummer: text('diarienummer').notNull(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    unitId: text('unit_id'),
    offeringId: text('offering_id')
      .notNull()
      .references(() => offerings.id),
    caseType: text('case_type').notNull(),
    status: text('status').notNull(),
    /** The company: organisationsnummer when known (signed in), its name, and the contact person. */
    companyOrgnr: text('company_orgnr'),
    companyName: text('company_name'),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    municipality: text('municipality'),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    intakeId: uuid('intake_id'),
    submittedBy: uuid('submitted_by'),
    assigneeId: uuid('assignee_id'),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Not signed in: the case waits for the e-mail address to be verified. */
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    followTokenHash: text('follow_token_hash'),
    idempotencyKey: text('idempotency_key'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('cases_diarienummer_unique').on(t.organisationId, t.diarienummer),
    unique('cases_idempotency_unique').on(t.idempotencyKey),
    unique('cases_follow_token_unique').on(t.followTokenHash),
    index('cases_org_status_idx').on(t.organisationId, t.status, t.dueOn),
    index('cases_company_idx').on(t.companyOrgnr, t.createdAt),
    index('cases_assignee_idx').on(t.assigneeId),
    check('cases_case_type_check', sql`${t.caseType} in ('advisory', 'application', 'inquiry', 'registration')`),
  ],
);

/** One timeline per case: status changes, messages, internal notes, assignments. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** `company`: the company sees it; `internal`: staff only (internal notes). */
    visibility: text('visibility').notNull(),
    authorId: uuid('author_id'),
    authorName: text('author_name'),
    body: text('body'),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    readByCompanyAt: timestamp('read_by_company_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_events_case_idx').on(t.caseId, t.id),
    check('case_events_visibility_check', sql`${t.visibility} in ('company', 'internal')`),
    check(
      'case_events_kind_check',
      sql`${t.kind} in ('submitted', 'verified', 'status', 'assigned', 'message', 'note', 'reply', 'withdrawn')`,
    ),
  ],
);
