import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { companies } from '../access/access.tables.js';
import { strategyNodes } from '../catalogue/catalogue.tables.js';

/**
 * Every version of a strategy node. `strategy_nodes` holds the current plan; each edit or move
 * appends a revision here (the imported state is recorded as version 1 before the first change),
 * and follow-ups point at the revision they were written against, so revising a plan never
 * rewrites what earlier follow-ups said about it.
 */
export const strategyNodeRevisions = pgTable(
  'strategy_node_revisions',
  {
    nodeId: text('node_id').notNull(),
    version: integer('version').notNull(),
    parentId: text('parent_id'),
    position: integer('position').notNull(),
    kind: text('kind').notNull(),
    titleSv: text('title_sv').notNull(),
    titleEn: text('title_en'),
    textSv: text('text_sv'),
    ownerId: text('owner_id'),
    periodFrom: text('period_from'),
    periodTo: text('period_to'),
    status: text('status'),
    /** What changed, in words, for the revision history. */
    note: text('note'),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.nodeId, t.version] }),
    check('strategy_node_revisions_version_check', sql`${t.version} > 0`),
  ],
);

/** What a node is followed up with: computed from Lotsen's data, entered by hand, or imported. */
export const strategyIndicators = pgTable(
  'strategy_indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    nodeId: text('node_id')
      .notNull()
      .references(() => strategyNodes.id),
    key: text('key').notNull(),
    titleSv: text('title_sv').notNull(),
    titleEn: text('title_en'),
    unit: text('unit').notNull(),
    source: text('source').notNull(),
    /** For `computed`: which figure (see indicators.ts). */
    measure: text('measure'),
    /** For imports: where the figures come from (SCB table and content code, Kolada KPI, area). */
    sourceRef: jsonb('source_ref').notNull().default(sql`'{}'::jsonb`),
    direction: text('direction').notNull().default('increase'),
    baselinePeriod: text('baseline_period'),
    baselineValue: numeric('baseline_value', { mode: 'number' }),
    targetPeriod: text('target_period'),
    targetValue: numeric('target_value', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('strategy_indicators_node_key_unique').on(t.nodeId, t.key),
    check('strategy_indicators_source_check', sql`${t.source} in ('computed', 'manual', 'scb', 'kolada')`),
    check('strategy_indicators_direction_check', sql`${t.direction} in ('increase', 'decrease')`),
    check('strategy_indicators_measure_check', sql`(${t.source} = 'computed') = (${t.measure} is not null)`),
  ],
);

/** Values of manual and imported indicators per period and area ('' = the indicator's own area). */
export const strategyIndicatorValues = pgTable(
  'strategy_indicator_values',
  {
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => strategyIndicators.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    area: text('area').notNull().default(''),
    /** Null: the source publishes no value (e.g. SCB's ".." or Kolada's missing value). */
    value: numeric('value', { mode: 'number' }),
    source: text('source').notNull(),
    enteredBy: uuid('entered_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.indicatorId, t.period, t.area] }),
    check('strategy_indicator_values_period_check', sql`${t.period} ~ '^[0-9]{4}(-T[1-3])?$'`),
  ],
);

/** The periodic follow-up of a node: status and the owner's comment, against one plan revision. */
export const strategyFollowUps = pgTable(
  'strategy_follow_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    nodeId: text('node_id').notNull(),
    nodeVersion: integer('node_version').notNull(),
    period: text('period').notNull(),
    status: text('status').notNull(),
    comment: text('comment').notNull().default(''),
    writtenBy: uuid('written_by'),
    writtenAt: timestamp('written_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('strategy_follow_ups_node_period_unique').on(t.nodeId, t.period),
    foreignKey({
      columns: [t.nodeId, t.nodeVersion],
      foreignColumns: [strategyNodeRevisions.nodeId, strategyNodeRevisions.version],
    }),
    index('strategy_follow_ups_period_idx').on(t.period),
    check('strategy_follow_ups_status_check', sql`${t.status} in ('on-track', 'at-risk', 'off-track', 'done')`),
    check('strategy_follow_ups_period_check', sql`${t.period} ~ '^[0-9]{4}(-T[1-3])?$'`),
  ],
);

/** When the follow-up of a strategy for a period is due (reminders list what is missing). */
export const strategyFollowUpDeadlines = pgTable(
  'strategy_follow_up_deadlines',
  {
    rootId: text('root_id')
      .notNull()
      .references(() => strategyNodes.id),
    period: text('period').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.rootId, t.period] })],
);

/**
 * A company's voluntary, self-declared profile for reach analysis. Every answer may be left out
 * (null); analysts only ever see suppressed aggregates of it.
 */
export const companyProfiles = pgTable(
  'company_profiles',
  {
    orgnr: text('orgnr')
      .primaryKey()
      .references(() => companies.orgnr, { onDelete: 'cascade' }),
    leaderGender: text('leader_gender'),
    leaderAgeBand: text('leader_age_band'),
    leaderBornAbroad: boolean('leader_born_abroad'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('company_profiles_gender_check', sql`${t.leaderGender} in ('woman', 'man', 'other')`),
    index('company_profiles_updated_idx').on(t.updatedAt),
    check('company_profiles_age_check', sql`${t.leaderAgeBand} in ('under-30', '30-44', '45-64', '65-plus')`),
  ],
);

/**
 * The live figures of every node of a strategy, pre-aggregated per period (years and tertials) and
 * area, so the dashboard reads a few hundred rows instead of scanning the cases. Counts are exact and
 * unsuppressed: suppression is applied on the way out. `area`: '' all municipalities, '-' cases without
 * a municipality, otherwise the kommunkod. Rewritten as a whole per strategy by a refresh.
 */
export const strategyNodeStats = pgTable(
  'strategy_node_stats',
  {
    rootId: text('root_id').notNull(),
    nodeId: text('node_id').notNull(),
    period: text('period').notNull(),
    area: text('area').notNull(),
    companies: integer('companies').notNull(),
    cases: integer('cases').notNull(),
    women: integer('women').notNull(),
    genderAnswered: integer('gender_answered').notNull(),
    young: integer('young').notNull(),
    ageAnswered: integer('age_answered').notNull(),
    foreignBorn: integer('foreign_born').notNull(),
    bornAnswered: integer('born_answered').notNull(),
    establishments: integer('establishments').notNull(),
    /** Companies whose latest case in the period was in this area (each company counts in one area). */
    companiesLatest: integer('companies_latest').notNull(),
    medianHandlingDays: doublePrecision('median_handling_days'),
  },
  (t) => [
    primaryKey({ columns: [t.rootId, t.nodeId, t.period, t.area] }),
    index('strategy_node_stats_period_idx').on(t.rootId, t.period, t.area),
  ],
);

/** Cases per offering linked to a strategy, per period and area (see strategyNodeStats). */
export const strategyOfferingStats = pgTable(
  'strategy_offering_stats',
  {
    rootId: text('root_id').notNull(),
    offeringId: text('offering_id').notNull(),
    period: text('period').notNull(),
    area: text('area').notNull(),
    cases: integer('cases').notNull(),
  },
  (t) => [primaryKey({ columns: [t.rootId, t.offeringId, t.period, t.area] })],
);

/**
 * When a strategy's statistics were computed: they include every case committed before
 * `computedAt`. The dashboard says so, and refreshes them when they are missing or too old.
 */
export const strategyStatsState = pgTable('strategy_stats_state', {
  rootId: text('root_id').primaryKey(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  durationMs: integer('duration_ms').notNull(),
  cases: integer('cases').notNull(),
});

/** Follow-up reminders sent, one per strategy, period, stage and organisation, so none is sent twice. */
export const strategyFollowUpReminders = pgTable(
  'strategy_follow_up_reminders',
  {
    rootId: text('root_id').notNull(),
    period: text('period').notNull(),
    stage: text('stage').notNull(),
    organisationId: text('organisation_id').notNull(),
    recipients: integer('recipients').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.rootId, t.period, t.stage, t.organisationId] }),
    check('strategy_follow_up_reminders_stage_check', sql`${t.stage} in ('soon', 'due', 'overdue')`),
  ],
);
