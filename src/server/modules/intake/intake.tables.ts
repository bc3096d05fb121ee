import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { offerings } from '../catalogue/catalogue.tables.js';

/**
 * Each request through the front door: the company's words, what it told us, what the router
 * answered and what the company chose. Kept for analysis and for the router's learning.
 */
export const intakes = pgTable(
  'intakes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    text: text('text').notNull(),
    municipality: text('municipality'),
    stage: text('stage'),
    size: text('size'),
    sni: text('sni'),
    language: text('language').notNull().default('sv'),
    /** Ranked offering ids with scores and reasons, or the no-match guidance, as answered. */
    result: jsonb('result').notNull(),
    chosenOfferingId: text('chosen_offering_id').references(() => offerings.id),
    chosenAt: timestamp('chosen_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('intakes_created_idx').on(t.createdAt)],
);

/**
 * A coordinator's or case worker's correction: this request text belongs to that offering.
 * The router uses these as labelled examples for similar requests.
 */
export const routingCorrections = pgTable(
  'routing_corrections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    text: text('text').notNull(),
    offeringId: text('offering_id')
      .notNull()
      .references(() => offerings.id),
    previousOfferingId: text('previous_offering_id'),
    source: text('source').notNull(),
    intakeId: uuid('intake_id').references(() => intakes.id),
    caseId: text('case_id'),
    correctedBy: text('corrected_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('routing_corrections_source_check', sql`${t.source} in ('intake', 'case', 'referral', 'import')`)],
);
