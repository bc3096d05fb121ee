import { type Static, type TSchema, Type } from 'typebox';
import { Localised, MunicipalityCode } from './common.js';

/** Strategy follow-up: plan editing, indicators, follow-ups, reach and the dashboard. */
export const STRATEGY_NODE_KINDS = ['strategy', 'focus-area', 'goal', 'priority', 'action', 'commitment'] as const;
export const FOLLOW_UP_STATUSES = ['on-track', 'at-risk', 'off-track', 'done'] as const;
export const LIVE_MEASURES = [
  'companies-reached',
  'cases',
  'median-handling-days',
  'share-women-led',
  'share-young-led',
  'share-foreign-born-led',
  'establishments',
] as const;

/** A string from a fixed list, typed as that list's union. */
const OneOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>(Type.String({ enum: [...values] }));
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const PeriodCode = Type.String({
  pattern: '^\\d{4}(-T[1-3])?$',
  description: 'År (2025) eller tertial (2025-T1)',
});
export const NodeId = Type.String({ pattern: '^[a-z0-9][a-z0-9/-]{0,199}$' });
/** A suppressed count is null (fewer than 5 companies, or hidden so that none can be worked out). */
const Count = Nullable(Type.Integer({ minimum: 0 }));

const YearText = Nullable(Type.String({ pattern: '^\\d{4}$' }));
const NodeFields = {
  kind: OneOf(STRATEGY_NODE_KINDS),
  title: Type.Object(
    { sv: Type.String({ minLength: 1, maxLength: 300 }), en: Nullable(Type.String({ maxLength: 300 })) },
    { additionalProperties: false },
  ),
  text: Nullable(Type.String({ maxLength: 5000 })),
  owner: Nullable(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,119}$' })),
  period: Type.Object({ from: YearText, to: YearText }, { additionalProperties: false }),
  status: Nullable(Type.String({ pattern: '^[a-z-]{1,40}$' })),
};

export const CreateNodeRequest = Type.Object(
  {
    id: Type.String({
      pattern: '^[a-z0-9][a-z0-9-]{0,79}$',
      description: 'Last part of the id; the parent’s id is put in front',
    }),
    parentId: Nullable(NodeId),
    ...NodeFields,
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const UpdateNodeRequest = Type.Object(
  {
    kind: Type.Optional(NodeFields.kind),
    title: Type.Optional(NodeFields.title),
    text: Type.Optional(NodeFields.text),
    owner: Type.Optional(NodeFields.owner),
    period: Type.Optional(NodeFields.period),
    status: Type.Optional(NodeFields.status),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const MoveNodeRequest = Type.Object(
  {
    parentId: NodeId,
    position: Type.Integer({ minimum: 0, maximum: 10_000 }),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const RevisionResponse = Type.Object(
  {
    version: Type.Integer(),
    parentId: Nullable(Type.String()),
    position: Type.Integer(),
    kind: Type.String(),
    title: Localised,
    text: Nullable(Type.String()),
    owner: Nullable(Type.String()),
    period: Type.Object({ from: Nullable(Type.String()), to: Nullable(Type.String()) }),
    status: Nullable(Type.String()),
    note: Nullable(Type.String()),
    changedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export const NodeResponse = Type.Object(
  {
    id: Type.String(),
    rootId: Type.String(),
    parentId: Nullable(Type.String()),
    position: Type.Integer(),
    kind: Type.String(),
    title: Localised,
    text: Nullable(Type.String()),
    owner: Nullable(Type.String()),
    period: Type.Object({ from: Nullable(Type.String()), to: Nullable(Type.String()) }),
    status: Nullable(Type.String()),
    version: Type.Integer({ description: 'The plan revision; 1 until the node is first changed' }),
  },
  { additionalProperties: false },
);

export const FollowUpRequest = Type.Object(
  {
    period: PeriodCode,
    status: OneOf(FOLLOW_UP_STATUSES),
    comment: Type.String({ maxLength: 4000 }),
  },
  { additionalProperties: false },
);

export const FollowUpResponse = Type.Object(
  {
    nodeId: Type.String(),
    period: Type.String(),
    status: Type.String(),
    comment: Type.String(),
    writtenAt: Type.String({ format: 'date-time' }),
    nodeVersion: Type.Integer(),
    /** The node as it read when the follow-up was written. */
    nodeThen: Type.Object({
      title: Localised,
      period: Type.Object({ from: Nullable(Type.String()), to: Nullable(Type.String()) }),
    }),
    revisedSince: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const DeadlineRequest = Type.Object(
  { period: PeriodCode, dueOn: Type.String({ format: 'date' }) },
  { additionalProperties: false },
);

export const CreateIndicatorRequest = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,79}$' }),
    title: NodeFields.title,
    unit: Type.String({ minLength: 1, maxLength: 80 }),
    source: Type.Union([Type.Literal('computed'), Type.Literal('manual'), Type.Literal('scb'), Type.Literal('kolada')]),
    measure: Type.Optional(OneOf(LIVE_MEASURES)),
    sourceRef: Type.Optional(
      Type.Object(
        {
          table: Type.Optional(Type.String({ maxLength: 200 })),
          contentsCode: Type.Optional(Type.String({ maxLength: 60 })),
          select: Type.Optional(Type.Record(Type.String({ maxLength: 60 }), Type.String({ maxLength: 60 }))),
          kpi: Type.Optional(Type.String({ pattern: '^[A-Z][0-9]{5}$' })),
          gender: Type.Optional(Type.Union([Type.Literal('T'), Type.Literal('K'), Type.Literal('M')])),
          area: Type.Optional(Type.String({ pattern: '^\\d{2}(\\d{2})?$' })),
        },
        { additionalProperties: false },
      ),
    ),
    direction: Type.Optional(Type.Union([Type.Literal('increase'), Type.Literal('decrease')])),
    baseline: Type.Optional(Type.Object({ period: PeriodCode, value: Type.Number() }, { additionalProperties: false })),
    target: Type.Optional(Type.Object({ period: PeriodCode, value: Type.Number() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export const IndicatorValueRequest = Type.Object(
  { period: PeriodCode, value: Nullable(Type.Number()) },
  { additionalProperties: false },
);

export const ImportRequest = Type.Object(
  {
    format: Type.Union([Type.Literal('pxweb-json-stat2'), Type.Literal('kolada-v2')]),
    data: Type.Unknown({ description: 'The file as the source serves it' }),
  },
  { additionalProperties: false },
);

export const ImportResponse = Type.Object(
  { imported: Type.Integer(), skippedPeriods: Type.Array(Type.String()), label: Nullable(Type.String()) },
  { additionalProperties: false },
);

export const IndicatorResponse = Type.Object(
  {
    id: Type.String(),
    nodeId: Type.String(),
    key: Type.String(),
    title: Localised,
    unit: Type.String(),
    source: Type.String(),
    measure: Nullable(Type.String()),
    area: Nullable(Type.String()),
    direction: Type.String(),
    baseline: Nullable(Type.Object({ period: Type.String(), value: Type.Number() })),
    target: Nullable(Type.Object({ period: Type.String(), value: Type.Number() })),
    values: Type.Array(
      Type.Object(
        { period: Type.String(), value: Nullable(Type.Number()), suppressed: Type.Boolean() },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const RollUpResponse = Type.Object(
  {
    status: Nullable(Type.String()),
    derived: Type.Boolean(),
    counts: Type.Record(Type.String(), Type.Integer()),
    descendants: Type.Integer(),
    reported: Type.Integer(),
    doneShare: Nullable(Type.Number()),
  },
  { additionalProperties: false },
);

export const DashboardQuery = Type.Object(
  {
    root: NodeId,
    node: Type.Optional(NodeId),
    period: Type.Optional(PeriodCode),
    municipality: Type.Optional(MunicipalityCode),
    years: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, default: 5 })),
  },
  { additionalProperties: false },
);

const LineCell = Type.Object(
  { key: Type.String(), label: Type.String(), companies: Count },
  { additionalProperties: false },
);

/** How fresh the live figures are: they are pre-aggregated, and say when. */
export const StatisticsFreshness = Type.Object(
  {
    computedAt: Type.String({
      format: 'date-time',
      description: 'The figures include every case committed before this moment',
    }),
    refreshing: Type.Boolean({ description: 'A recomputation is queued; newer figures are on their way' }),
  },
  { additionalProperties: false },
);

export const DashboardResponse = Type.Object(
  {
    root: Type.Object({ id: Type.String(), title: Localised }),
    node: Type.Object({ id: Type.String(), title: Localised }),
    period: Type.String(),
    municipality: Nullable(Type.String()),
    deadline: Nullable(Type.String()),
    statistics: StatisticsFreshness,
    roots: Type.Array(Type.Object({ id: Type.String(), title: Localised })),
    nodes: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          parentId: Nullable(Type.String()),
          depth: Type.Integer(),
          kind: Type.String(),
          title: Localised,
          owner: Nullable(Type.String()),
          version: Type.Integer(),
          companies: Count,
          followUp: Nullable(FollowUpResponse),
          rollUp: RollUpResponse,
        },
        { additionalProperties: false },
      ),
    ),
    series: Type.Array(
      Type.Object(
        { period: Type.String(), companies: Count, cases: Type.Integer(), medianHandlingDays: Nullable(Type.Number()) },
        { additionalProperties: false },
      ),
    ),
    byMunicipality: Type.Object({ cells: Type.Array(LineCell), total: Count }, { additionalProperties: false }),
    offerings: Type.Array(
      Type.Object({ id: Type.String(), title: Localised, cases: Type.Integer() }, { additionalProperties: false }),
    ),
    indicators: Type.Array(IndicatorResponse),
  },
  { additionalProperties: false },
);

export const ReportRequest = Type.Object(
  {
    root: NodeId,
    period: PeriodCode,
    format: Type.Union([Type.Literal('xlsx'), Type.Literal('pdf')]),
    municipality: Type.Optional(MunicipalityCode),
  },
  { additionalProperties: false },
);

export const ReachGroupsResponse = Type.Object(
  {
    nodeId: Type.String(),
    period: Type.String(),
    minCount: Type.Integer(),
    gender: Type.Object({ cells: Type.Array(LineCell), total: Count }),
    ageBand: Type.Object({ cells: Type.Array(LineCell), total: Count }),
    bornAbroad: Type.Object({ cells: Type.Array(LineCell), total: Count }),
    municipalityByGender: Type.Object({
      rows: Type.Array(
        Type.Object({ key: Type.String(), label: Type.String(), cells: Type.Array(Count), total: Count }),
      ),
      columns: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), total: Count })),
      total: Count,
    }),
  },
  { additionalProperties: false },
);

export const CompanyProfileRequest = Type.Object(
  {
    leaderGender: Nullable(Type.Union([Type.Literal('woman'), Type.Literal('man'), Type.Literal('other')])),
    leaderAgeBand: Nullable(
      Type.Union([Type.Literal('under-30'), Type.Literal('30-44'), Type.Literal('45-64'), Type.Literal('65-plus')]),
    ),
    leaderBornAbroad: Nullable(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const CompanyProfileResponse = Type.Object(
  {
    orgnr: Type.String(),
    leaderGender: Nullable(Type.String()),
    leaderAgeBand: Nullable(Type.String()),
    leaderBornAbroad: Nullable(Type.Boolean()),
    updatedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export type CreateNodeRequest = Static<typeof CreateNodeRequest>;
export type UpdateNodeRequest = Static<typeof UpdateNodeRequest>;
export type MoveNodeRequest = Static<typeof MoveNodeRequest>;
export type NodeResponse = Static<typeof NodeResponse>;
export type RevisionResponse = Static<typeof RevisionResponse>;
export type FollowUpResponse = Static<typeof FollowUpResponse>;
export type CreateIndicatorRequest = Static<typeof CreateIndicatorRequest>;
export type IndicatorResponse = Static<typeof IndicatorResponse>;
export type DashboardResponse = Static<typeof DashboardResponse>;
export type DashboardQuery = Static<typeof DashboardQuery>;
export type ReachGroupsResponse = Static<typeof ReachGroupsResponse>;
export type ReportRequest = Static<typeof ReportRequest>;
export type CompanyProfileRequest = Static<typeof CompanyProfileRequest>;
export type CompanyProfileResponse = Static<typeof CompanyProfileResponse>;
export type LiveMeasure = (typeof LIVE_MEASURES)[number];
