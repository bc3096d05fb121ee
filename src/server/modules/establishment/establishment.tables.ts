import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../access/access.tables.js';
import { cases } from '../cases/cases.tables.js';
import { organisations, sites } from '../catalogue/catalogue.tables.js';

/**
 * What the establishment module knows about a site beyond the catalogue's row: position, plan
 * status, services and contact. Kept beside `sites` (same id) rather than in it, because the
 * catalogue import upserts `sites` from the shared catalogue format and must not wipe what the
 * investment team keeps here.
 */
export const siteDetails = pgTable(
  'site_details',
  {
    siteId: text('site_id')
      .primaryKey()
      .references(() => sites.id, { onDelete: 'cascade' }),
    /** WGS 84; the web map projects these itself (no tiles). */
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    /** Detaljplan: none (saknas), in-progress (pågår), adopted (lagakraftvunnen). */
    planStatus: text('plan_status').notNull().default('none'),
    availability: text('availability').notNull().default('available'),
    /** Electrical capacity that can be delivered to the site, MW; null when not known. */
    powerMw: numeric('power_mw', { mode: 'number' }),
    /** Own track or siding on the site (industrispår). */
    railSiding: boolean('rail_siding'),
    /** The nearest major road and the distance to it. */
    roadName: text('road_name'),
    roadKm: numeric('road_km', { mode: 'number' }),
    contactOrganisationId: text('contact_organisation_id').references(() => organisations.id),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('site_details_plan_status_check', sql`${t.planStatus} in ('none', 'in-progress', 'adopted')`),
    check(
      'site_details_availability_check',
      sql`${t.availability} in ('available', 'partly-available', 'reserved', 'not-available')`,
    ),
    check('site_details_lat_check', sql`${t.lat} is null or (${t.lat} between -90 and 90)`),
    check('site_details_lon_check', sql`${t.lon} is null or (${t.lon} between -180 and 180)`),
  ],
);

/**
 * A confidential investment inquiry. Held by the investment team of one organisation (and the
 * organisations it is shared with); nobody else sees it.
 */
export const investmentInquiries = pgTable(
  'investment_inquiries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    sharedWith: text('shared_with').array().notNull().default(sql`'{}'`),
    /** Inquiries often go by a code name until the investor goes public. */
    codeName: text('code_name').notNull(),
    investor: text('investor'),
    investorCountry: text('investor_country'),
    sector: text('sector'),
    description: text('description'),
    stage: text('stage').notNull().default('lead'),
    areaHa: numeric('area_ha', { mode: 'number' }),
    powerMw: numeric('power_mw', { mode: 'number' }),
    needsRail: boolean('needs_rail').notNull().default(false),
    staff: integer('staff'),
    municipalities: text('municipalities').array().notNull().default(sql`'{}'`),
    lostReason: text('lost_reason'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('investment_inquiries_org_idx').on(t.organisationId, t.stage),
    check(
      'investment_inquiries_stage_check',
      sql`${t.stage} in ('lead', 'dialogue', 'site-visit', 'offer', 'decision', 'established', 'lost')`,
    ),
    check('investment_inquiries_area_check', sql`${t.areaHa} is null or ${t.areaHa} >= 0`),
    check('investment_inquiries_power_check', sql`${t.powerMw} is null or ${t.powerMw} >= 0`),
    check('investment_inquiries_staff_check', sql`${t.staff} is null or ${t.staff} >= 0`),
  ],
);

/** The inquiry's history: every stage move and note, append-only. */
export const investmentInquiryEvents = pgTable(
  'investment_inquiry_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    inquiryId: uuid('inquiry_id')
      .notNull()
      .references(() => investmentInquiries.id, { onDelete: 'cascade' }),
    fromStage: text('from_stage'),
    toStage: text('to_stage'),
    note: text('note'),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('investment_inquiry_events_inquiry_idx').on(t.inquiryId, t.id)],
);

/** Permit cases opened when the investor goes ahead (bygglov, miljö …), linked by case id. */
export const investmentInquiryCases = pgTable(
  'investment_inquiry_cases',
  {
    inquiryId: uuid('inquiry_id')
      .notNull()
      .references(() => investmentInquiries.id, { onDelete: 'cascade' }),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    linkedBy: uuid('linked_by').references(() => users.id, { onDelete: 'set null' }),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.inquiryId, t.caseId] })],
);
