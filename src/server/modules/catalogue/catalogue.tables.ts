import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/** Organisations behind the front door: municipalities, the region, agencies, Almi, universities … */
export const organisations = pgTable('organisations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  website: text('website'),
  /** Both empty means the whole country. */
  servesCounties: text('serves_counties').array().notNull().default(sql`'{}'`),
  servesMunicipalities: text('serves_municipalities').array().notNull().default(sql`'{}'`),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const units = pgTable(
  'units',
  {
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.id] })],
);

export const offerings = pgTable(
  'offerings',
  {
    id: text('id').primaryKey(),
    providerId: text('provider_id')
      .notNull()
      .references(() => organisations.id),
    unitId: text('unit_id'),
    titleSv: text('title_sv').notNull(),
    titleEn: text('title_en'),
    summarySv: text('summary_sv').notNull(),
    summaryEn: text('summary_en'),
    topics: text('topics').array().notNull().default(sql`'{}'`),
    kind: text('kind').notNull(),
    caseType: text('case_type').notNull(),
    audienceStages: text('audience_stages').array().notNull().default(sql`'{}'`),
    audienceSizes: text('audience_sizes').array().notNull().default(sql`'{}'`),
    /** Both empty means the whole country. */
    geoCounties: text('geo_counties').array().notNull().default(sql`'{}'`),
    geoMunicipalities: text('geo_municipalities').array().notNull().default(sql`'{}'`),
    /** What the provider knows about the offering, in the words companies use (for routing). */
    keywords: text('keywords').array().notNull().default(sql`'{}'`),
    situations: text('situations').array().notNull().default(sql`'{}'`),
    strategyLinks: text('strategy_links').array().notNull().default(sql`'{}'`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.providerId, t.unitId], foreignColumns: [units.organisationId, units.id] }),
    index('offerings_provider_idx').on(t.providerId),
    check('offerings_case_type_check', sql`${t.caseType} in ('advisory', 'application', 'inquiry', 'registration')`),
  ],
);

/** Strategies and action plans as trees: strategy → focus area / goal → priority → action. */
export const strategyNodes = pgTable(
  'strategy_nodes',
  {
    id: text('id').primaryKey(),
    parentId: text('parent_id'),
    rootId: text('root_id').notNull(),
    position: integer('position').notNull().default(0),
    kind: text('kind').notNull(),
    titleSv: text('title_sv').notNull(),
    titleEn: text('title_en'),
    textSv: text('text_sv'),
    ownerId: text('owner_id'),
    periodFrom: text('period_from'),
    periodTo: text('period_to'),
    status: text('status'),
    /** Document-level facts kept as imported: source, indicators, strength areas … */
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id] }).onDelete('cascade'),
    index('strategy_nodes_parent_idx').on(t.parentId),
    check(
      'strategy_nodes_kind_check',
      sql`${t.kind} in ('strategy', 'focus-area', 'goal', 'priority', 'action', 'commitment')`,
    ),
  ],
);

/** Land and premises ready for establishment. */
export const sites = pgTable('sites', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  municipality: text('municipality').notNull(),
  kind: text('kind').notNull(),
  areaHa: numeric('area_ha', { mode: 'number' }),
  status: text('status').notNull(),
  notes: text('notes'),
  fictional: boolean('fictional').notNull().default(false),
});

/** Synonyms and everyday phrasings the router understands; edited by organisation admins. */
export const thesaurusEntries = pgTable('thesaurus_entries', {
  id: text('id').primaryKey(),
  phrases: text('phrases').array().notNull(),
  terms: text('terms').array().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
