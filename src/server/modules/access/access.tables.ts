import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, units } from '../catalogue/catalogue.tables.js';

/**
 * People who sign in. Identified by the IdP's subject and issuer, never by a name or e-mail.
 * The personnummer (company representatives only) is kept as a keyed hash: enough to match a
 * representation register, useless to anyone reading the table.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    issuer: text('issuer').notNull(),
    /** Null while an admin has invited staff by e-mail and they have not signed in yet. */
    subject: text('subject'),
    kind: text('kind').notNull(),
    name: text('name'),
    email: text('email'),
    /** HMAC-SHA256 of the 12-digit personnummer with LOTSEN_PERSONAL_ID_KEY; never the number. */
    personalIdHash: text('personal_id_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    /** Set when the person asked for erasure: personal fields are then null. */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('users_issuer_subject_key').on(t.issuer, t.subject),
    index('users_email_idx').on(sql`lower(${t.email})`),
    check('users_kind_check', sql`${t.kind} in ('company-rep', 'staff')`),
  ],
);

/** A staff member's role in an organisation, optionally limited to one unit. */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    unitId: text('unit_id'),
    role: text('role').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.organisationId, t.unitId], foreignColumns: [units.organisationId, units.id] }),
    // One membership per person and organisation; the role and unit are edited on it.
    uniqueIndex('memberships_user_organisation_key').on(t.userId, t.organisationId),
    index('memberships_organisation_idx').on(t.organisationId),
    check(
      'memberships_role_check',
      sql`${t.role} in ('case-worker', 'coordinator', 'org-admin', 'analyst', 'system-admin')`,
    ),
  ],
);

/** Companies known to Lotsen, by organisationsnummer (10 digits, no hyphen). */
export const companies = pgTable(
  'companies',
  {
    orgnr: text('orgnr').primaryKey(),
    name: text('name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('companies_orgnr_check', sql`${t.orgnr} ~ '^[0-9]{10}$'`)],
);

/** Who may act for which company; a company may have several representatives. */
export const companyRepresentations = pgTable(
  'company_representations',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgnr: text('orgnr')
      .notNull()
      .references(() => companies.orgnr),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.orgnr] }), index('company_representations_orgnr_idx').on(t.orgnr)],
);

/**
 * Server-side sessions. The cookie holds a random token; only its SHA-256 is stored, so a
 * copy of the table cannot be replayed as cookies.
 */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    actingOrgnr: text('acting_orgnr').references(() => companies.orgnr),
    csrfToken: text('csrf_token').notNull(),
    issuer: text('issuer').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    idleExpiresAt: timestamp('idle_expires_at', { withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_absolute_expires_idx').on(t.absoluteExpiresAt)],
);
