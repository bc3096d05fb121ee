import { Type } from 'typebox';
import { Problem } from '../../../contracts/common.js';
import { JobResponse } from '../../../contracts/jobs.js';
import {
  CompanyProfileRequest,
  CompanyProfileResponse,
  CreateIndicatorRequest,
  CreateNodeRequest,
  DashboardQuery,
  DashboardResponse,
  DeadlineRequest,
  FollowUpRequest,
  FollowUpResponse,
  ImportRequest,
  ImportResponse,
  IndicatorResponse,
  IndicatorValueRequest,
  MoveNodeRequest,
  NodeId,
  NodeResponse,
  PeriodCode,
  ReachGroupsResponse,
  ReportRequest,
  RevisionResponse,
  UpdateNodeRequest,
} from '../../../contracts/strategy.js';
import { principalOf } from '../../http/principal.js';
import type { App, AppDeps } from '../../http/types.js';
import { reachAsCsv, reachAsJsonStat, toCsv } from './open-data.js';
import * as strategy from './strategy.service.js';

const PLAN_EDITORS = ['org-admin', 'system-admin'] as const;
const FOLLOWERS = ['org-admin', 'analyst', 'system-admin'] as const;
const ANALYSTS = ['analyst', 'system-admin'] as const;
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const NodeParams = Type.Object({ id: NodeId }, { additionalProperties: false });
const IndicatorParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const Window = Type.Object(
  {
    kind: Type.Optional(Type.Union([Type.Literal('year'), Type.Literal('tertial')])),
    to: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100 })),
    years: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
  },
  { additionalProperties: false },
);
const OpenDataQuery = Type.Object({ root: NodeId, ...Window.properties }, { additionalProperties: false });

/** Strategy follow-up: the plan and its revisions, follow-ups, indicators, reach, dashboard, open data. */
export function strategyRoutes(app: App, { database }: AppDeps) {
  const { db } = database;
  const tags = ['strategy'];

  app.get(
    '/api/strategy/nodes/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One strategy node as the plan reads now',
        params: NodeParams,
        response: { 200: NodeResponse, ...errors },
      },
    },
    async (request) => strategy.getNode(db, request.params.id),
  );

  app.get(
    '/api/strategy/nodes/:id/revisions',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Every version of a node, oldest first',
        params: NodeParams,
        response: { 200: Type.Object({ items: Type.Array(RevisionResponse) }), ...errors },
      },
    },
    async (request) => ({ items: await strategy.revisions(db, request.params.id) }),
  );

  app.post(
    '/api/strategy/nodes',
    {
      config: { access: PLAN_EDITORS },
      schema: {
        tags,
        summary: 'Add a node to a plan (or start a new strategy with parentId null)',
        body: CreateNodeRequest,
        response: { 201: NodeResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await strategy.createNode(db, principalOf(request), request.body)),
  );

  app.patch(
    '/api/strategy/nodes/:id',
    {
      config: { access: PLAN_EDITORS },
      schema: {
        tags,
        summary: 'Revise a node; earlier follow-ups keep the version they were written against',
        params: NodeParams,
        body: UpdateNodeRequest,
        response: { 200: NodeResponse, ...errors },
      },
    },
    async (request) => strategy.updateNode(db, principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/strategy/nodes/:id/move',
    {
      config: { access: PLAN_EDITORS },
      schema: {
        tags,
        summary: 'Move a node and its subtree under another parent in the same strategy',
        params: NodeParams,
        body: MoveNodeRequest,
        response: { 200: NodeResponse, ...errors },
      },
    },
    async (request) => strategy.moveNode(db, principalOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/strategy/nodes/:id/follow-ups',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The follow-ups of a node, each with the node as it read when written',
        params: NodeParams,
        response: { 200: Type.Object({ items: Type.Array(FollowUpResponse) }), ...errors },
      },
    },
    async (request) => ({ items: await strategy.followUpsOfNode(db, request.params.id) }),
  );

  app.put(
    '/api/strategy/nodes/:id/follow-ups',
    {
      config: { access: FOLLOWERS },
      schema: {
        tags,
        summary: "Write the node's follow-up for a period (status and the owner's comment)",
        params: NodeParams,
        body: FollowUpRequest,
        response: { 200: FollowUpResponse, ...errors },
      },
    },
    async (request) =>
      strategy.writeFollowUp(db, principalOf(request), request.params.id, request.body.period, request.body),
  );

  app.put(
    '/api/strategy/nodes/:id/deadlines',
    {
      config: { access: FOLLOWERS },
      schema: {
        tags,
        summary: 'Set when the follow-up of a strategy for a period is due',
        params: NodeParams,
        body: DeadlineRequest,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await strategy.setDeadline(db, principalOf(request), request.params.id, request.body.period, request.body.dueOn);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/strategy/nodes/:id/indicators',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Indicators of a node with baseline, target and values per period',
        params: NodeParams,
        querystring: Window,
        response: { 200: Type.Object({ items: Type.Array(IndicatorResponse) }), ...errors },
      },
    },
    async (request) => ({
      items: await strategy.indicatorsOfNode(db, request.params.id, {
        kind: request.query.kind ?? 'year',
        years: request.query.years ?? 5,
        ...(request.query.to && { toYear: request.query.to }),
      }),
    }),
  );

  app.post(
    '/api/strategy/nodes/:id/indicators',
    {
      config: { access: FOLLOWERS },
      schema: {
        tags,
        summary: 'Define an indicator: computed live, entered by hand, or imported from SCB or Kolada',
        params: NodeParams,
        body: CreateIndicatorRequest,
        response: { 201: IndicatorResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await strategy.createIndicator(db, principalOf(request), request.params.id, request.body)),
  );

  app.put(
    '/api/strategy/indicators/:id/values',
    {
      config: { access: FOLLOWERS },
      schema: {
        tags,
        summary: 'Enter the value of a hand-entered indicator for a period',
        params: IndicatorParams,
        body: IndicatorValueRequest,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await strategy.setIndicatorValue(
        db,
        principalOf(request),
        request.params.id,
        request.body.period,
        request.body.value,
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/strategy/indicators/:id/import',
    {
      config: { access: FOLLOWERS },
      bodyLimit: 10 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import values from an SCB PxWeb JSON-stat 2.0 file or a Kolada v2 answer',
        params: IndicatorParams,
        body: ImportRequest,
        response: { 200: ImportResponse, ...errors, 422: Problem },
      },
    },
    async (request) => strategy.importIndicatorValues(db, principalOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/strategy/nodes/:id/reach-groups',
    {
      config: { access: ANALYSTS },
      schema: {
        tags,
        summary: 'Companies reached by gender, age band, born abroad and municipality (suppressed aggregates only)',
        params: NodeParams,
        querystring: Type.Object({ period: PeriodCode }, { additionalProperties: false }),
        response: { 200: ReachGroupsResponse, ...errors },
      },
    },
    async (request) => strategy.reachGroups(db, request.params.id, request.query.period),
  );

  app.get(
    '/api/strategy/dashboard',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The follow-up dashboard of a strategy for a period (public; small counts suppressed)',
        querystring: DashboardQuery,
        response: { 200: DashboardResponse, ...errors },
      },
    },
    async (request) => strategy.dashboard(db, request.query),
  );

  app.post(
    '/api/strategy/reports',
    {
      config: { access: FOLLOWERS },
      schema: {
        tags,
        summary: "Start a report (XLSX or PDF) of a strategy's follow-up; poll the job it returns",
        body: ReportRequest,
        response: { 202: JobResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await strategy.requestReport(db, principalOf(request), request.body)),
  );

  app.get(
    '/api/open-data/strategy/reach.json',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Open data: companies reached per node and period, JSON-stat 2.0',
        querystring: OpenDataQuery,
        response: { 200: Type.Object({}, { additionalProperties: true }), ...errors },
      },
    },
    async (request, reply) => {
      const { title, series, statistics } = await reachSeriesOf(request.query);
      reply.type('application/json; charset=utf-8');
      return reachAsJsonStat(
        series,
        `Nådda företag per strateginod och period – ${title}`,
        new Date(statistics.computedAt),
      );
    },
  );

  app.get(
    '/api/open-data/strategy/reach.csv',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Open data: companies reached per node and period, CSV',
        querystring: OpenDataQuery,
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request, reply) => {
      const { series } = await reachSeriesOf(request.query);
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="nadda-foretag.csv"`);
      return reachAsCsv(series);
    },
  );

  app.get(
    '/api/open-data/strategy/follow-ups.csv',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Open data: the follow-up of a strategy for a period, CSV',
        querystring: Type.Object({ root: NodeId, period: PeriodCode }, { additionalProperties: false }),
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request, reply) => {
      const rows = await strategy.followUpRows(db, request.query.root, request.query.period);
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="uppfoljning.csv"`);
      return toCsv(
        ['nod', 'titel_vid_uppfoljning', 'period', 'status', 'kommentar', 'planversion', 'aktuell_planversion'],
        rows,
      );
    },
  );

  app.get(
    '/api/company/profile',
    {
      config: { access: ['company'] },
      schema: {
        tags,
        summary: "The company's voluntary profile for reach analysis",
        response: { 200: CompanyProfileResponse, ...errors },
      },
    },
    async (request) => strategy.myProfile(db, principalOf(request)),
  );

  app.put(
    '/api/company/profile',
    {
      config: { access: ['company'] },
      schema: {
        tags,
        summary: 'State or change the voluntary profile (every answer may be null: not stated)',
        body: CompanyProfileRequest,
        response: { 200: CompanyProfileResponse, ...errors },
      },
    },
    async (request) => strategy.saveMyProfile(db, principalOf(request), request.body),
  );

  app.delete(
    '/api/company/profile',
    {
      config: { access: ['company'] },
      schema: { tags, summary: 'Withdraw the profile (it is deleted)', response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await strategy.deleteMyProfile(db, principalOf(request));
      return reply.code(204).send(null);
    },
  );

  function reachSeriesOf(query: { root: string; kind?: 'year' | 'tertial'; to?: number; years?: number }) {
    return strategy.reachSeries(
      db,
      query.root,
      query.kind ?? 'year',
      query.to ?? new Date().getFullYear(),
      query.years ?? 5,
    );
  }
}
