import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  customType,
  date,
  foreignKey,
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
import { users } from '../access/access.tables.js';
import { offerings, organisations, units } from '../catalogue/catalogue.tables.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/**
 * Which cases staff see in an inbox: verified by e-mail, or submitted signed in. The inbox's
 * queries (cases.repository) use this very condition, so its partial indexes serve them.
 */
export function visibleToStaff(t: { emailVerifiedAt: AnyPgColumn; submittedBy: AnyPgColumn }) {
  return sql`(${t.emailVerifiedAt} is not null or ${t.submittedBy} is not null)`;
}

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
    // The inbox reads one page in index order, whatever the organisation's size: a unit's cases by
    // due date, the whole organisation's by due date, either by date received, by status, and the
    // open ones. Staff see only cases that are verified or were submitted signed in (see VISIBLE),
    // so these indexes hold only those: an anonymous submission waiting for its e-mail check is in
    // none of them, and a page is never read past thousands of cases staff cannot see.
    index('cases_inbox_unit_due_idx')
      .on(t.organisationId, t.unitId, t.dueOn, t.createdAt, t.id)
      .where(visibleToStaff(t)),
    index('cases_inbox_org_due_idx').on(t.organisationId, t.dueOn, t.createdAt, t.id).where(visibleToStaff(t)),
    index('cases_inbox_org_created_idx').on(t.organisationId, t.createdAt, t.id).where(visibleToStaff(t)),
    index('cases_inbox_unit_created_idx').on(t.organisationId, t.unitId, t.createdAt, t.id).where(visibleToStaff(t)),
    index('cases_inbox_status_idx').on(t.organisationId, t.status, t.dueOn, t.createdAt, t.id).where(visibleToStaff(t)),
    // The open ones in the inbox's order (due date, then received), the unit last: a unit's overdue
    // cases are read in order too, their count from the index alone.
    index('cases_inbox_open_due_idx')
      .on(t.organisationId, t.dueOn, t.createdAt, t.id, t.unitId)
      .where(sql`${t.closedAt} is null and ${visibleToStaff(t)}`),
    // The inbox shows the open cases by default: a unit's in its order, and both by date received,
    // each read (and counted) from a small index, not by fetching every row to see it is open.
    index('cases_inbox_open_unit_due_idx')
      .on(t.organisationId, t.unitId, t.dueOn, t.createdAt, t.id)
      .where(sql`${t.closedAt} is null and ${visibleToStaff(t)}`),
    index('cases_inbox_open_org_created_idx')
      .on(t.organisationId, t.createdAt, t.id)
      .where(sql`${t.closedAt} is null and ${visibleToStaff(t)}`),
    index('cases_inbox_open_unit_created_idx')
      .on(t.organisationId, t.unitId, t.createdAt, t.id)
      .where(sql`${t.closedAt} is null and ${visibleToStaff(t)}`),
    // Mina ärenden: a company's cases, newest first.
    index('cases_company_idx').on(t.companyOrgnr, t.createdAt, t.id).where(sql`${t.companyOrgnr} is not null`),
    index('cases_assignee_idx').on(t.assigneeId),
    // The strategy statistics read a strategy's cases by offering and period.
    index('cases_offering_received_idx').on(t.offeringId, t.receivedOn),
    // …and the cases changed since their last refresh.
    index('cases_updated_idx').on(t.updatedAt),
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
      sql`${t.kind} in ('submitted', 'verified', 'status', 'assigned', 'message', 'note', 'reply', 'withdrawn', 'part', 'part_status', 'consent', 'referral', 'document')`,
    ),
  ],
);

/** Coordinated handling: parallel parts of one case at other units or organisations. */
export const caseParts = pgTable(
  'case_parts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    unitId: text('unit_id'),
    offeringId: text('offering_id').references(() => offerings.id),
    title: text('title').notNull(),
    caseType: text('case_type').notNull(),
    status: text('status').notNull(),
    assigneeId: uuid('assignee_id'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_parts_case_idx').on(t.caseId), index('case_parts_org_idx').on(t.organisationId, t.status)],
);

/** The company's recorded consent to share its case with another organisation. */
export const caseConsents = pgTable(
  'case_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** What may be shared, in the words the company agreed to. */
    purpose: text('purpose').notNull(),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull().defaultNow(),
    givenBy: text('given_by').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('case_consents_case_idx').on(t.caseId)],
);

/**
 * A referral to another organisation. `full`: with consent, the receiver sees the case from the
 * referral on. `anonymous`: without consent, only an inquiry with no company data is sent.
 */
export const caseReferrals = pgTable(
  'case_referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    fromOrganisationId: text('from_organisation_id').notNull(),
    toOrganisationId: text('to_organisation_id')
      .notNull()
      .references(() => organisations.id),
    toOfferingId: text('to_offering_id').references(() => offerings.id),
    mode: text('mode').notNull(),
    consentId: uuid('consent_id').references(() => caseConsents.id),
    /** For an anonymous inquiry: the question as sent, without company data. */
    inquiry: text('inquiry'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_referrals_to_idx').on(t.toOrganisationId, t.createdAt),
    index('case_referrals_case_idx').on(t.caseId),
    check('case_referrals_mode_check', sql`${t.mode} in ('full', 'anonymous')`),
    check('case_referrals_consent_check', sql`${t.mode} = 'anonymous' or ${t.consentId} is not null`),
  ],
);

/** Documents on a case, stored in the database (size and type limited at upload). */
export const caseDocuments = pgTable(
  'case_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    visibility: text('visibility').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedByKind: text('uploaded_by_kind').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_documents_case_idx').on(t.caseId),
    check('case_documents_visibility_check', sql`${t.visibility} in ('company', 'internal')`),
  ],
);

/**
 * Auto-assignment per unit: a new case (or part) of the organisation goes to the assignee of the
 * first active rule that matches it. Null criteria match anything; the most specific rule wins,
 * then the lowest priority number.
 */
export const caseAssignmentRules = pgTable(
  'case_assignment_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    unitId: text('unit_id'),
    municipality: text('municipality'),
    offeringId: text('offering_id').references(() => offerings.id),
    assigneeId: uuid('assignee_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    priority: integer('priority').notNull().default(100),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.organisationId, t.unitId], foreignColumns: [units.organisationId, units.id] }),
    index('case_assignment_rules_org_idx').on(t.organisationId, t.active),
  ],
);
