import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../access/access.tables.js';
import { organisations } from '../catalogue/catalogue.tables.js';

/**
 * What a company (or a research group, published by its university's staff) seeks and offers.
 * The public part is shown to other participants; the contact only after both sides agreed.
 */
export const matchProfiles = pgTable(
  'match_profiles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** A company profile: the orgnr the representative acts for. */
    companyOrgnr: text('company_orgnr'),
    /** An organisation's profile (a research group at a university): its organisation. */
    organisationId: text('organisation_id').references(() => organisations.id),
    displayName: text('display_name').notNull(),
    actor: text('actor').notNull(),
    summary: text('summary').notNull(),
    seeks: text('seeks').array().notNull().default(sql`'{}'`),
    offers: text('offers').array().notNull().default(sql`'{}'`),
    topics: text('topics').array().notNull().default(sql`'{}'`),
    markets: text('markets').array().notNull().default(sql`'{}'`),
    municipality: text('municipality'),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('match_profiles_company_idx').on(t.companyOrgnr),
    index('match_profiles_org_idx').on(t.organisationId),
    check('match_profiles_owner_check', sql`(${t.companyOrgnr} is null) <> (${t.organisationId} is null)`),
    check('match_profiles_actor_check', sql`${t.actor} in ('sme', 'large-company', 'researcher', 'other')`),
  ],
);

/** "I would like to be put in touch": one row per direction; both directions share contacts. */
export const matchInterests = pgTable(
  'match_interests',
  {
    fromProfileId: uuid('from_profile_id')
      .notNull()
      .references(() => matchProfiles.id, { onDelete: 'cascade' }),
    toProfileId: uuid('to_profile_id')
      .notNull()
      .references(() => matchProfiles.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.fromProfileId, t.toProfileId] }),
    index('match_interests_to_idx').on(t.toProfileId),
    check('match_interests_not_self', sql`${t.fromProfileId} <> ${t.toProfileId}`),
  ],
);
