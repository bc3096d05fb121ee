/**
 * Strategy follow-up: editing plans with revisions, follow-ups per period, indicators (live, by
 * hand, imported), reach analysis with suppression, the company's own profile, the dashboard.
 */

import { performance } from 'node:perf_hooks';
import { type SQL, sql } from 'drizzle-orm';
import type { JobResponse } from '../../../contracts/jobs.js';
import type {
  CompanyProfileRequest,
  CompanyProfileResponse,
  CreateIndicatorRequest,
  CreateNodeRequest,
  DashboardQuery,
  DashboardResponse,
  FollowUpResponse,
  IndicatorResponse,
  LiveMeasure,
  MoveNodeRequest,
  NodeResponse,
  ReachGroupsResponse,
  RevisionResponse,
  UpdateNodeRequest,
} from '../../../contracts/strategy.js';
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { toPdf } from '../../lib/pdf.js';
import { toXlsxSheets } from '../../lib/xlsx.js';
import type { Principal } from '../access/access.policies.js';
import { municipalityName } from '../catalogue/geography.js';
import { createJob, type JobFile } from '../jobs/jobs.service.js';
import { enqueueEmail, enqueueOnce, enqueueOnceEachStatement } from '../outbox/outbox.repository.js';
import { type FollowUpStatus, rollUpFollowUps } from './follow-up.js';
import { parseJsonStat, parseKolada } from './importers.js';
import { type Period, type PeriodKind, parsePeriod, periodsBetween } from './period.js';
import { reportFileName, reportPdf, reportSheets } from './report.js';
import { mayEditPlan, mayFollowUp } from './strategy.policies.js';
import * as repo from './strategy.repository.js';
import { type Cell, MIN_COUNT, suppressLine, suppressTable } from './suppression.js';

type Conn = Db | Tx;

function period(code: string): Period {
  const parsed = parsePeriod(code);
  if (!parsed) throw new AppError('invalid_period', `${code} är inte ett år eller en tertial`);
  return parsed;
}

async function node(db: Conn, id: string): Promise<repo.NodeRow> {
  const row = await repo.findNode(db, id);
  if (!row) throw new AppError('strategy_node_not_found', `Strateginoden ${id} finns inte`);
  return row;
}

const forbidden = () => new AppError('forbidden', 'Du får inte ändra den här delen av strategin');
const localised = (sv: string, en: string | null) => ({ sv, en });
const small = (n: number): Cell => (n > 0 && n < MIN_COUNT ? null : n);

function toNodeResponse(row: repo.NodeRow, version: number): NodeResponse {
  return {
    id: row.id,
    rootId: row.rootId,
    parentId: row.parentId,
    position: row.position,
    kind: row.kind,
    title: localised(row.titleSv, row.titleEn),
    text: row.textSv,
    owner: row.ownerId,
    period: { from: row.periodFrom, to: row.periodTo },
    status: row.status,
    version,
  };
}

function toRevisionResponse(row: repo.RevisionRow): RevisionResponse {
  return {
    version: row.version,
    parentId: row.parentId,
    position: row.position,
    kind: row.kind,
    title: localised(row.titleSv, row.titleEn),
    text: row.textSv,
    owner: row.ownerId,
    period: { from: row.periodFrom, to: row.periodTo },
    status: row.status,
    note: row.note,
    changedAt: row.changedAt.toISOString(),
  };
}

const snapshotOf = (row: repo.NodeRow) => ({
  nodeId: row.id,
  parentId: row.parentId,
  position: row.position,
  kind: row.kind,
  titleSv: row.titleSv,
  titleEn: row.titleEn,
  textSv: row.textSv,
  ownerId: row.ownerId,
  periodFrom: row.periodFrom,
  periodTo: row.periodTo,
  status: row.status,
});

/**
 * The node's current revision number. A node as imported has no revision rows; the first time
 * anything refers to a version, the imported state is recorded as version 1.
 */
async function currentVersion(tx: Conn, row: repo.NodeRow): Promise<number> {
  const latest = await repo.latestRevision(tx, row.id);
  if (latest) return latest.version;
  await repo.insertRevision(tx, { ...snapshotOf(row), version: 1, note: 'Som importerad' });
  return 1;
}

async function recordRevision(tx: Conn, before: repo.NodeRow, principal: Principal, note: string | undefined) {
  const version = (await currentVersion(tx, before)) + 1;
  const after = await node(tx, before.id);
  await repo.insertRevision(tx, { ...snapshotOf(after), version, note: note ?? null, changedBy: principal.userId });
  return { after, version };
}

// ——— plan: nodes and revisions ———

export async function getNode(db: Db, id: string): Promise<NodeResponse> {
  const row = await node(db, id);
  const versions = await repo.latestVersions(db, [id]);
  return toNodeResponse(row, versions.get(id) ?? 1);
}

/** Every version of a node, oldest first (a node never changed has only its imported version). */
export async function revisions(db: Db, id: string): Promise<RevisionResponse[]> {
  const row = await node(db, id);
  const list = await repo.revisionsOf(db, id);
  if (list.length > 0) return list.map(toRevisionResponse);
  return [
    toRevisionResponse({
      ...snapshotOf(row),
      version: 1,
      note: 'Som importerad',
      changedBy: null,
      changedAt: new Date(0),
    }),
  ];
}

/** Adds a node under a parent (or a new strategy when parentId is null) as its last child. */
export async function createNode(db: Db, principal: Principal, input: CreateNodeRequest): Promise<NodeResponse> {
  return db.transaction(async (tx) => {
    const parent = input.parentId ? await node(tx, input.parentId) : null;
    // Adding to a plan is the plan owner's business; a new plan is its own owner's.
    if (!mayEditPlan(principal, parent ? parent.ownerId : input.owner)) throw forbidden();
    if (input.owner !== (parent?.ownerId ?? input.owner) && !mayEditPlan(principal, input.owner)) throw forbidden();
    const id = parent ? `${parent.id}/${input.id}` : input.id;
    if (id.length > 200)
      throw new AppError('validation_failed', 'Id:t blir för långt', [{ field: 'id', message: 'för långt' }]);
    if (await repo.findNode(tx, id)) throw new AppError('conflict', `Noden ${id} finns redan`);
    const siblings = parent ? await repo.childrenOf(tx, parent.id) : await repo.roots(tx);
    const position = siblings.reduce((max, s) => Math.max(max, s.position + 1), 0);
    await repo.insertNode(tx, {
      id,
      parentId: parent?.id ?? null,
      rootId: parent?.rootId ?? id,
      position,
      kind: input.kind,
      titleSv: input.title.sv,
      titleEn: input.title.en,
      textSv: input.text,
      ownerId: input.owner,
      periodFrom: input.period.from,
      periodTo: input.period.to,
      status: input.status,
      details: {},
    });
    const created = await node(tx, id);
    await repo.insertRevision(tx, {
      ...snapshotOf(created),
      version: 1,
      note: input.note ?? 'Ny',
      changedBy: principal.userId,
    });
    await enqueueRefreshOf(tx, [created.rootId], 'all');
    return toNodeResponse(created, 1);
  });
}

/** Edits a node; the earlier version stays as it was, and follow-ups keep pointing at it. */
export async function updateNode(db: Db, principal: Principal, id: string, input: UpdateNodeRequest) {
  return db.transaction(async (tx) => {
    const before = await node(tx, id);
    if (!mayEditPlan(principal, before.ownerId)) throw forbidden();
    if (input.owner !== undefined && input.owner !== before.ownerId && !mayEditPlan(principal, input.owner))
      throw forbidden();
    await currentVersion(tx, before);
    await repo.updateNode(tx, id, {
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.title !== undefined && { titleSv: input.title.sv, titleEn: input.title.en }),
      ...(input.text !== undefined && { textSv: input.text }),
      ...(input.owner !== undefined && { ownerId: input.owner }),
      ...(input.period !== undefined && { periodFrom: input.period.from, periodTo: input.period.to }),
      ...(input.status !== undefined && { status: input.status }),
    });
    const { after, version } = await recordRevision(tx, before, principal, input.note);
    return toNodeResponse(after, version);
  });
}

/** Moves a node (with its subtree) under another parent in the same strategy, at a position. */
export async function moveNode(db: Db, principal: Principal, id: string, input: MoveNodeRequest) {
  return db.transaction(async (tx) => {
    const before = await node(tx, id);
    const parent = await node(tx, input.parentId);
    if (!mayEditPlan(principal, before.ownerId) || !mayEditPlan(principal, parent.ownerId)) throw forbidden();
    if (before.parentId === null)
      throw new AppError('invalid_strategy_move', 'En strategi kan inte flyttas in i en annan');
    if (parent.rootId !== before.rootId)
      throw new AppError('invalid_strategy_move', 'Noder flyttas inom samma strategi');
    const subtree = await repo.subtreeIds(tx, id);
    if (subtree.includes(parent.id))
      throw new AppError('invalid_strategy_move', 'En nod kan inte flyttas under sig själv');
    await currentVersion(tx, before);
    await repo.shiftSiblings(tx, parent.id, input.position, id);
    await repo.updateNode(tx, id, { parentId: parent.id, position: input.position });
    const { after, version } = await recordRevision(tx, before, principal, input.note ?? 'Flyttad');
    await enqueueRefreshOf(tx, [after.rootId], 'all');
    return toNodeResponse(after, version);
  });
}

// ——— follow-ups ———

function toFollowUpResponse(row: repo.FollowUpWithRevision, currentVersionOf: number): FollowUpResponse {
  return {
    nodeId: row.nodeId,
    period: row.period,
    status: row.status,
    comment: row.comment,
    writtenAt: row.writtenAt.toISOString(),
    nodeVersion: row.nodeVersion,
    nodeThen: { title: localised(row.titleSv, row.titleEn), period: { from: row.periodFrom, to: row.periodTo } },
    revisedSince: currentVersionOf > row.nodeVersion,
  };
}

/** Writes (or rewrites) the follow-up of a node for a period, against the plan as it reads now. */
export async function writeFollowUp(
  db: Db,
  principal: Principal,
  nodeId: string,
  periodCode: string,
  input: { status: FollowUpStatus; comment: string },
): Promise<FollowUpResponse> {
  period(periodCode);
  return db.transaction(async (tx) => {
    const row = await node(tx, nodeId);
    if (!mayFollowUp(principal, row.ownerId)) throw forbidden();
    const version = await currentVersion(tx, row);
    await repo.upsertFollowUp(tx, {
      nodeId,
      nodeVersion: version,
      period: periodCode,
      status: input.status,
      comment: input.comment,
      writtenBy: principal.userId,
    });
    const [written] = await repo.followUps(tx, { nodeIds: [nodeId], period: periodCode });
    return toFollowUpResponse(written as repo.FollowUpWithRevision, version);
  });
}

export async function followUpsOfNode(db: Db, nodeId: string): Promise<FollowUpResponse[]> {
  await node(db, nodeId);
  const versions = await repo.latestVersions(db, [nodeId]);
  return (await repo.followUps(db, { nodeIds: [nodeId] })).map((f) => toFollowUpResponse(f, versions.get(nodeId) ?? 1));
}

export async function setDeadline(db: Db, principal: Principal, rootId: string, periodCode: string, dueOn: string) {
  period(periodCode);
  const root = await node(db, rootId);
  if (root.parentId !== null) throw new AppError('validation_failed', 'Sista dag sätts för en hel strategi');
  if (!mayFollowUp(principal, root.ownerId)) throw forbidden();
  await repo.upsertDeadline(db, rootId, periodCode, dueOn);
}

// ——— indicators ———

const figureOf: Record<LiveMeasure, (f: repo.NodeStatsRow) => { value: number | null; suppressed: boolean }> = {
  'companies-reached': (f) => ({ value: small(f.companies), suppressed: small(f.companies) === null }),
  cases: (f) => ({ value: f.cases, suppressed: false }),
  'median-handling-days': (f) => ({ value: f.medianHandlingDays, suppressed: false }),
  'share-women-led': (f) => share(f.women, f.genderAnswered),
  'share-young-led': (f) => share(f.young, f.ageAnswered),
  'share-foreign-born-led': (f) => share(f.foreignBorn, f.bornAnswered),
  establishments: (f) => ({ value: small(f.establishments), suppressed: small(f.establishments) === null }),
};

/** A share is shown only when both the group and the rest of those who answered are 0 or at least 5. */
function share(part: number, answered: number) {
  if (answered === 0) return { value: null, suppressed: false };
  if (small(part) === null || small(answered - part) === null) return { value: null, suppressed: true };
  return { value: Math.round((1000 * part) / answered) / 10, suppressed: false };
}

export async function createIndicator(db: Db, principal: Principal, nodeId: string, input: CreateIndicatorRequest) {
  const row = await node(db, nodeId);
  if (!mayFollowUp(principal, row.ownerId)) throw forbidden();
  if ((input.source === 'computed') !== (input.measure !== undefined))
    throw new AppError('validation_failed', 'Ett beräknat nyckeltal anger measure, andra gör det inte', [
      { field: 'measure', message: 'measure hör till source "computed"' },
    ]);
  if (input.source === 'kolada' && !input.sourceRef?.kpi)
    throw new AppError('validation_failed', 'Kolada kräver ett KPI-id', [
      { field: 'sourceRef/kpi', message: 'saknas' },
    ]);
  const existing = await repo.indicatorsOf(db, [nodeId]);
  if (existing.some((i) => i.key === input.key)) throw new AppError('conflict', `Indikatorn ${input.key} finns redan`);
  const created = await repo.insertIndicator(db, {
    nodeId,
    key: input.key,
    titleSv: input.title.sv,
    titleEn: input.title.en,
    unit: input.unit,
    source: input.source,
    measure: input.measure ?? null,
    sourceRef: input.sourceRef ?? {},
    direction: input.direction ?? 'increase',
    baselinePeriod: input.baseline?.period ?? null,
    baselineValue: input.baseline?.value ?? null,
    targetPeriod: input.target?.period ?? null,
    targetValue: input.target?.value ?? null,
  });
  return (await indicatorsWithValues(db, row.rootId, [created], { kind: 'year', years: 5 }))[0] as IndicatorResponse;
}

async function indicatorFor(db: Db, principal: Principal, id: string) {
  const indicator = await repo.findIndicator(db, id);
  if (!indicator) throw new AppError('indicator_not_found', `Indikatorn ${id} finns inte`);
  const owner = await node(db, indicator.nodeId);
  if (!mayFollowUp(principal, owner.ownerId)) throw forbidden();
  return indicator;
}

export async function setIndicatorValue(
  db: Db,
  principal: Principal,
  id: string,
  periodCode: string,
  value: number | null,
) {
  period(periodCode);
  const indicator = await indicatorFor(db, principal, id);
  if (indicator.source !== 'manual')
    throw new AppError(
      'conflict',
      'Bara handinmatade indikatorer får värden för hand; de andra beräknas eller läses in',
    );
  await repo.upsertValues(db, [
    { indicatorId: id, period: periodCode, area: '', value, source: 'manual', enteredBy: principal.userId },
  ]);
}

/** Imports an SCB PxWeb JSON-stat 2.0 or Kolada v2 file into an imported indicator, all or nothing. */
export async function importIndicatorValues(
  db: Db,
  principal: Principal,
  id: string,
  input: { format: 'pxweb-json-stat2' | 'kolada-v2'; data: unknown },
) {
  const indicator = await indicatorFor(db, principal, id);
  const ref = indicator.sourceRef as {
    contentsCode?: string;
    select?: Record<string, string>;
    kpi?: string;
    gender?: 'T' | 'K' | 'M';
  };
  const expected = input.format === 'pxweb-json-stat2' ? 'scb' : 'kolada';
  if (indicator.source !== expected)
    throw new AppError('invalid_import', `Indikatorn hämtas från ${indicator.source}, inte från ${expected}`);
  const result =
    input.format === 'pxweb-json-stat2'
      ? parseJsonStat(input.data, {
          ...(ref.contentsCode && { contentsCode: ref.contentsCode }),
          ...(ref.select && { select: ref.select }),
        })
      : parseKolada(input.data, { kpi: ref.kpi as string, ...(ref.gender && { gender: ref.gender }) });
  await db.transaction(async (tx) =>
    repo.upsertValues(
      tx,
      result.values.map((v) => ({
        indicatorId: id,
        period: v.period,
        area: v.area,
        value: v.value,
        source: expected,
        enteredBy: principal.userId,
      })),
    ),
  );
  return { imported: result.values.length, skippedPeriods: result.skippedPeriods, label: result.label };
}

interface SeriesWindow {
  kind: PeriodKind;
  years: number;
  /** The last year shown; the current year when absent. */
  toYear?: number;
  municipality?: string | undefined;
}

/** Indicators with their values per period: live ones from the strategy's statistics, the rest as stored. */
async function indicatorsWithValues(
  db: Db,
  rootId: string,
  indicators: repo.IndicatorRow[],
  window: SeriesWindow,
): Promise<IndicatorResponse[]> {
  const toYear = window.toYear ?? new Date().getFullYear();
  const periods = periodsBetween(toYear - window.years + 1, toYear, window.kind);
  const stored = await repo.valuesOf(
    db,
    indicators.filter((i) => i.source !== 'computed').map((i) => i.id),
  );
  const computedNodes = [...new Set(indicators.filter((i) => i.source === 'computed').map((i) => i.nodeId))];
  if (computedNodes.length > 0) await statistics(db, rootId);
  const figures = await repo.nodeStats(db, rootId, {
    periods,
    area: window.municipality ?? '',
    nodeIds: computedNodes,
  });
  const live = new Map<string, Map<string, repo.NodeStatsRow>>();
  for (const f of figures) {
    const byPeriod = live.get(f.nodeId) ?? new Map<string, repo.NodeStatsRow>();
    byPeriod.set(f.period, f);
    live.set(f.nodeId, byPeriod);
  }
  return indicators.map((i) => {
    const ref = i.sourceRef as { area?: string };
    let values: IndicatorResponse['values'];
    if (i.source === 'computed') {
      const byPeriod = live.get(i.nodeId) ?? new Map();
      values = periods.map((p) => {
        const f = byPeriod.get(p);
        if (!f) return { period: p, value: i.measure === 'median-handling-days' ? null : 0, suppressed: false };
        return { period: p, ...figureOf[i.measure as LiveMeasure](f) };
      });
    } else {
      // Imported files may hold several areas; the indicator follows its own (or the only one).
      const mine = stored.filter((v) => v.indicatorId === i.id);
      const areas = [...new Set(mine.map((v) => v.area))];
      const area = ref.area ?? (areas.length === 1 ? areas[0] : '');
      values = mine
        .filter((v) => v.area === area)
        .map((v) => ({ period: v.period, value: v.value, suppressed: false }));
    }
    return {
      id: i.id,
      nodeId: i.nodeId,
      key: i.key,
      title: localised(i.titleSv, i.titleEn),
      unit: i.unit,
      source: i.source,
      measure: i.measure,
      area: ref.area ?? null,
      direction: i.direction,
      baseline:
        i.baselinePeriod !== null && i.baselineValue !== null
          ? { period: i.baselinePeriod, value: i.baselineValue }
          : null,
      target:
        i.targetPeriod !== null && i.targetValue !== null ? { period: i.targetPeriod, value: i.targetValue } : null,
      values,
    };
  });
}

export async function indicatorsOfNode(db: Db, nodeId: string, window: SeriesWindow) {
  const row = await node(db, nodeId);
  return indicatorsWithValues(db, row.rootId, await repo.indicatorsOf(db, [nodeId]), window);
}

// ——— reach ———

const GENDERS = ['woman', 'man', 'other'] as const;
const AGE_BANDS = ['under-30', '30-44', '45-64', '65-plus'] as const;
const NOT_STATED = 'not-stated';

function line(keys: readonly string[], counts: Map<string, number>, label: (k: string) => string) {
  const result = suppressLine(keys.map((k) => counts.get(k) ?? 0));
  return {
    cells: keys.map((key, i) => ({ key, label: label(key), companies: result.cells[i] as Cell })),
    total: result.total,
  };
}

/** Companies reached by municipality, gender, age band and born abroad; every table suppressed. */
export async function reachGroups(db: Db, nodeId: string, periodCode: string): Promise<ReachGroupsResponse> {
  const p = period(periodCode);
  await node(db, nodeId);
  const rows = await repo.reachByProfile(db, nodeId, { from: p.from, until: p.until });
  const tally = (key: (r: (typeof rows)[number]) => string) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + r.companies);
    return m;
  };
  const same = (k: string) => k;
  const genderKeys = [...GENDERS, NOT_STATED];
  const municipalities = [...new Set(rows.map((r) => r.municipality ?? NOT_STATED))].sort();
  const grid = municipalities.map((m) =>
    genderKeys.map((g) =>
      rows
        .filter((r) => (r.municipality ?? NOT_STATED) === m && (r.gender ?? NOT_STATED) === g)
        .reduce((a, r) => a + r.companies, 0),
    ),
  );
  const table = suppressTable(grid.length > 0 ? grid : [genderKeys.map(() => 0)]);
  const municipalityLabel = (code: string) => (code === NOT_STATED ? code : (municipalityName(code) ?? code));
  return {
    nodeId,
    period: periodCode,
    minCount: MIN_COUNT,
    gender: line(
      genderKeys,
      tally((r) => r.gender ?? NOT_STATED),
      same,
    ),
    ageBand: line(
      [...AGE_BANDS, NOT_STATED],
      tally((r) => r.age_band ?? NOT_STATED),
      same,
    ),
    bornAbroad: line(
      ['yes', 'no', NOT_STATED],
      tally((r) => (r.born_abroad === null ? NOT_STATED : r.born_abroad ? 'yes' : 'no')),
      same,
    ),
    municipalityByGender: {
      rows: municipalities.map((m, r) => ({
        key: m,
        label: municipalityLabel(m),
        cells: table.cells[r] as Cell[],
        total: table.rowTotals[r] as Cell,
      })),
      columns: genderKeys.map((g, c) => ({
        key: g,
        label: g,
        total: grid.length > 0 ? (table.columnTotals[c] as Cell) : 0,
      })),
      total: grid.length > 0 ? table.total : 0,
    },
  };
}

// ——— statistics: pre-aggregated live figures ———

/** Statistics older than this are served (saying how old they are) while a full refresh is queued. */
export const STATISTICS_MAX_AGE_MS = 60 * 60 * 1000;
/**
 * How far back a refresh looks for changed cases: a change stamped before the previous refresh but
 * committed after it (a slow transaction, a clock a little off) is still picked up.
 */
const CHANGE_MARGIN_MS = 10 * 60 * 1000;
const REFRESH = 'indicator-refresh';

export interface StatisticsFreshness {
  /** The figures include every case committed before this moment. */
  computedAt: string;
  /** A refresh is queued: newer figures are on their way. */
  refreshing: boolean;
}

/** 'changed': only the years with cases (or profiles) changed since the last refresh; 'all': everything. */
export type RefreshScope = 'changed' | 'all';

/**
 * Recomputes a strategy's statistics from the cases, in one transaction (a savepoint when given
 * one). The stamp is taken before the snapshot, so it never claims more than the figures hold.
 */
export async function refreshStatistics(
  db: Conn,
  rootId: string,
  scope: RefreshScope | 'missing' = 'all',
): Promise<StatisticsFreshness> {
  return db.transaction(async (tx) => {
    await repo.lockStats(tx, rootId);
    const computedAt = await repo.databaseNow(tx);
    const started = performance.now();
    const state = await repo.statsState(tx, rootId);
    // Two first visitors at once: the second finds what the first computed while it waited.
    if (scope === 'missing' && state) return { computedAt: state.computedAt.toISOString(), refreshing: false };
    const years =
      scope !== 'changed' || !state
        ? 'all'
        : await repo.changedYears(tx, rootId, new Date(state.computedAt.getTime() - CHANGE_MARGIN_MS));
    const { cases } = await repo.refreshStats(tx, rootId, years);
    await repo.saveStatsState(tx, {
      rootId,
      computedAt,
      durationMs: Math.round(performance.now() - started),
      cases: years === 'all' || !state ? cases : state.cases,
    });
    return { computedAt: computedAt.toISOString(), refreshing: false };
  });
}

/** The outbox worker's handler for 'indicator-refresh' messages. */
export async function refreshStatisticsFromOutbox(tx: Tx, payload: { root: string; scope?: RefreshScope }) {
  if (await repo.findNode(tx, payload.root)) await refreshStatistics(tx, payload.root, payload.scope ?? 'changed');
}

/**
 * Queues a refresh of the statistics of every strategy the offering's cases count for, in the
 * caller's transaction (so it happens only if the change commits). Debounced: a strategy that
 * already has a refresh waiting gets no second one.
 */
export async function enqueueIndicatorRefresh(tx: Conn, change: { offeringId: string }): Promise<void> {
  await tx.execute(indicatorRefreshStatement(sql`select ${change.offeringId}::text`));
}

/**
 * enqueueIndicatorRefresh as a statement, for the offerings `offeringIds` (a query of their ids),
 * for a caller that writes everything in one statement.
 */
export function indicatorRefreshStatement(offeringIds: SQL): SQL {
  return enqueueOnceEachStatement(REFRESH, repo.rootPayloadsOfOfferings(offeringIds));
}

async function enqueueRefreshOf(tx: Conn, roots: string[], scope: RefreshScope = 'changed') {
  for (const root of roots) await enqueueOnce(tx, REFRESH, scope === 'all' ? { root, scope } : { root });
}

/**
 * Queues a full refresh for every strategy that has no statistics yet (a new installation, a new
 * strategy), so that the first visitor does not wait for them to be computed.
 */
export async function enqueueMissingStatistics(db: Db): Promise<number> {
  const missing = await repo.rootsWithoutStats(db);
  await enqueueRefreshOf(db, missing, 'all');
  return missing.length;
}

/**
 * The strategy's statistics, ready to read: computed now when missing, otherwise served as they are
 * (with a full refresh queued when they are older than STATISTICS_MAX_AGE_MS).
 */
async function statistics(db: Db, rootId: string, now = Date.now()): Promise<StatisticsFreshness> {
  const state = await repo.statsState(db, rootId);
  if (!state) return refreshStatistics(db, rootId, 'missing');
  if (now - state.computedAt.getTime() > STATISTICS_MAX_AGE_MS) await enqueueRefreshOf(db, [rootId], 'all');
  return {
    computedAt: state.computedAt.toISOString(),
    refreshing: await repo.refreshWaiting(db, rootId),
  };
}

// ——— dashboard ———

const areaKey = (area: string) => (area === '-' ? NOT_STATED : area);

/** Everything the public follow-up dashboard shows for one strategy, one period and one node. */
export async function dashboard(db: Db, query: DashboardQuery): Promise<DashboardResponse> {
  const root = await node(db, query.root);
  if (root.parentId !== null)
    throw new AppError('validation_failed', `${query.root} är ingen strategi`, [
      { field: 'root', message: 'inte en rot' },
    ]);
  const nodes = await repo.nodesOfRoot(db, root.id);
  const selected = query.node ? nodes.find((n) => n.id === query.node) : root;
  if (!selected) throw new AppError('strategy_node_not_found', `Noden ${query.node} finns inte i ${root.id}`);
  const periodCode = query.period ?? String(new Date().getFullYear());
  const p = period(periodCode);
  const years = query.years ?? 5;
  const seriesPeriods = periodsBetween(p.year - years + 1, p.year, p.kind);
  const area = query.municipality ?? '';
  const ids = nodes.map((n) => n.id);

  const freshness = await statistics(db, root.id);
  const [allRoots, reach, followUps, versions, figures, areas, offerings, indicators, dueOn] = await Promise.all([
    repo.roots(db),
    repo.nodeStats(db, root.id, { periods: [periodCode], area }),
    repo.followUps(db, { nodeIds: ids, period: periodCode }),
    repo.latestVersions(db, ids),
    repo.nodeStats(db, root.id, { periods: seriesPeriods, area, nodeIds: [selected.id] }),
    repo.nodeStatsByArea(db, root.id, selected.id, periodCode),
    repo.offeringStats(db, root.id, selected.id, periodCode, area),
    repo.indicatorsOf(db, [selected.id]),
    repo.deadline(db, root.id, periodCode),
  ]);

  const reachOf = new Map(reach.map((r) => [r.nodeId, r.companies]));
  const followUpOf = new Map(followUps.map((f) => [f.nodeId, f]));
  const rollUps = rollUpFollowUps(
    nodes.map((n) => ({ id: n.id, parentId: n.parentId })),
    new Map(followUps.map((f) => [f.nodeId, f.status as FollowUpStatus])),
  );
  const ordered = treeOrder(nodes, root.id);
  const figuresOf = new Map(figures.map((f) => [f.period, f]));
  // Each company counts once, in the municipality of its latest case; filtered to one municipality,
  // every company reached there counts there.
  const municipalities = areas
    .filter((a) => (query.municipality ? a.area === query.municipality : a.companiesLatest > 0))
    .map((a) => ({ key: areaKey(a.area), companies: query.municipality ? a.companies : a.companiesLatest }))
    .sort((a, b) => (a.key === NOT_STATED ? 1 : b.key === NOT_STATED ? -1 : a.key.localeCompare(b.key)));
  const byMunicipality = line(
    municipalities.map((m) => m.key),
    new Map(municipalities.map((m) => [m.key, m.companies])),
    (code) => (code === NOT_STATED ? code : (municipalityName(code) ?? code)),
  );

  return {
    root: { id: root.id, title: localised(root.titleSv, root.titleEn) },
    node: { id: selected.id, title: localised(selected.titleSv, selected.titleEn) },
    period: periodCode,
    municipality: query.municipality ?? null,
    deadline: dueOn,
    statistics: freshness,
    roots: allRoots.map((r) => ({ id: r.id, title: localised(r.titleSv, r.titleEn) })),
    nodes: ordered.map(({ row, depth }) => {
      const f = followUpOf.get(row.id);
      const version = versions.get(row.id) ?? 1;
      return {
        id: row.id,
        parentId: row.parentId,
        depth,
        kind: row.kind,
        title: localised(row.titleSv, row.titleEn),
        owner: row.ownerId,
        version,
        companies: small(reachOf.get(row.id) ?? 0),
        followUp: f ? toFollowUpResponse(f, version) : null,
        rollUp: rollUps.get(row.id) as DashboardResponse['nodes'][number]['rollUp'],
      };
    }),
    series: seriesPeriods.map((code) => {
      const f = figuresOf.get(code);
      return {
        period: code,
        companies: small(f?.companies ?? 0),
        cases: f?.cases ?? 0,
        medianHandlingDays: f?.medianHandlingDays ?? null,
      };
    }),
    byMunicipality,
    offerings: offerings.map((o) => ({ id: o.offering_id, title: localised(o.title_sv, o.title_en), cases: o.cases })),
    indicators: await indicatorsWithValues(db, root.id, indicators, {
      kind: p.kind,
      years,
      toYear: p.year,
      municipality: query.municipality,
    }),
  };
}

/** Depth-first order (children by position), the order a tree is read in. */
function treeOrder(nodes: repo.NodeRow[], rootId: string) {
  const children = new Map<string | null, repo.NodeRow[]>();
  for (const n of nodes) {
    const list = children.get(n.parentId) ?? [];
    list.push(n);
    children.set(n.parentId, list);
  }
  const out: { row: repo.NodeRow; depth: number }[] = [];
  const walk = (row: repo.NodeRow, depth: number) => {
    out.push({ row, depth });
    for (const c of (children.get(row.id) ?? []).sort((a, b) => a.position - b.position)) walk(c, depth + 1);
  };
  const root = nodes.find((n) => n.id === rootId);
  if (root) walk(root, 0);
  return out;
}

// ——— the company's own profile ———

function actingCompany(principal: Principal): string {
  if (principal.kind !== 'company-rep' || !principal.actingCompany)
    throw new AppError('not_representative', 'Välj först vilket företag du företräder');
  return principal.actingCompany;
}

export async function myProfile(db: Db, principal: Principal): Promise<CompanyProfileResponse> {
  const orgnr = actingCompany(principal);
  const row = await repo.findProfile(db, orgnr);
  return {
    orgnr,
    leaderGender: row?.leaderGender ?? null,
    leaderAgeBand: row?.leaderAgeBand ?? null,
    leaderBornAbroad: row?.leaderBornAbroad ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

/** The company states (or changes) its voluntary profile; every answer may be left out. */
export async function saveMyProfile(db: Db, principal: Principal, input: CompanyProfileRequest) {
  const orgnr = actingCompany(principal);
  await db.transaction(async (tx) => {
    await repo.upsertProfile(tx, { orgnr, ...input });
    await enqueueRefreshOf(tx, await repo.rootsReachingCompany(tx, orgnr));
  });
  return myProfile(db, principal);
}

/** Withdraws the profile: it is deleted, and the company counts as "not stated" from now on. */
export async function deleteMyProfile(db: Db, principal: Principal): Promise<void> {
  const orgnr = actingCompany(principal);
  await db.transaction(async (tx) => {
    // A deleted profile leaves no change stamp behind: those strategies are recomputed in full.
    if (await repo.deleteProfile(tx, orgnr))
      await enqueueRefreshOf(tx, await repo.rootsReachingCompany(tx, orgnr), 'all');
  });
}

/** Period codes for the filters: the last years and their tertials. */
export function recentPeriods(years = 5, now = new Date()): string[] {
  const y = now.getFullYear();
  return [...periodsBetween(y - years + 1, y, 'year'), ...periodsBetween(y - 1, y, 'tertial')];
}

/** Companies reached per node of a strategy over the last years (or tertials), suppressed. */
export async function reachSeries(db: Db, rootId: string, kind: PeriodKind, toYear: number, years: number) {
  const root = await node(db, rootId);
  if (root.parentId !== null) throw new AppError('validation_failed', `${rootId} är ingen strategi`);
  const nodes = treeOrder(await repo.nodesOfRoot(db, rootId), rootId).map((n) => n.row);
  const periods = periodsBetween(toYear - years + 1, toYear, kind);
  const freshness = await statistics(db, rootId);
  const figures = await repo.nodeStats(db, rootId, { periods, area: '' });
  const perPeriod = periods.map(
    (code) => new Map(figures.filter((f) => f.period === code).map((f) => [f.nodeId, f.companies])),
  );
  return {
    title: root.titleSv,
    statistics: freshness,
    series: {
      nodes: nodes.map((n) => ({ id: n.id, title: n.titleSv })),
      periods,
      companies: nodes.map((n) => perPeriod.map((m) => small(m.get(n.id) ?? 0))),
    },
  };
}

/** The follow-ups of a strategy for a period, as rows for CSV. */
export async function followUpRows(db: Db, rootId: string, periodCode: string) {
  period(periodCode);
  const nodes = treeOrder(await repo.nodesOfRoot(db, rootId), rootId).map((n) => n.row);
  if (nodes.length === 0) throw new AppError('strategy_node_not_found', `Strategin ${rootId} finns inte`);
  const ids = nodes.map((n) => n.id);
  const [followUps, versions] = await Promise.all([
    repo.followUps(db, { nodeIds: ids, period: periodCode }),
    repo.latestVersions(db, ids),
  ]);
  const byNode = new Map(followUps.map((f) => [f.nodeId, f]));
  return nodes.map((n) => {
    const f = byNode.get(n.id);
    return [
      n.id,
      f?.titleSv ?? n.titleSv,
      periodCode,
      f?.status ?? null,
      f?.comment ?? null,
      f?.nodeVersion ?? null,
      versions.get(n.id) ?? 1,
    ];
  });
}

// ——— reports (run as background jobs) ———

export interface ReportParams {
  root: string;
  period: string;
  format: 'xlsx' | 'pdf';
  municipality?: string | undefined;
}

/** Queues a follow-up report of a strategy; the job worker makes it (see strategyReport). */
export async function requestReport(db: Db, principal: Principal, params: ReportParams): Promise<JobResponse> {
  period(params.period);
  const root = await node(db, params.root);
  if (root.parentId !== null) throw new AppError('validation_failed', `${params.root} är ingen strategi`);
  return createJob(db, principal, 'strategy-report', { ...params });
}

/**
 * Makes the report: the dashboard of the whole strategy (suppressed as on the public page), then
 * the indicators node by node, reporting progress as it goes.
 */
export async function strategyReport(
  db: Db,
  params: Record<string, unknown>,
  progress: (percent: number) => Promise<void>,
): Promise<JobFile> {
  const p = params as unknown as ReportParams;
  const view = await dashboard(db, {
    root: p.root,
    period: p.period,
    ...(p.municipality ? { municipality: p.municipality } : {}),
  });
  await progress(10);
  const parsed = period(p.period);
  const indicators = new Map<string, IndicatorResponse[]>();
  for (const [i, n] of view.nodes.entries()) {
    const rows = await repo.indicatorsOf(db, [n.id]);
    if (rows.length > 0)
      indicators.set(
        n.id,
        await indicatorsWithValues(db, view.root.id, rows, {
          kind: parsed.kind,
          years: 5,
          toYear: parsed.year,
          municipality: p.municipality,
        }),
      );
    await progress(10 + (80 * (i + 1)) / view.nodes.length);
  }
  const data = { view, indicators };
  if (p.format === 'xlsx')
    return {
      fileName: reportFileName(view, 'xlsx'),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      bytes: toXlsxSheets(reportSheets(data)),
    };
  return { fileName: reportFileName(view, 'pdf'), contentType: 'application/pdf', bytes: toPdf(reportPdf(data)) };
}

// ——— follow-up reminders ———

export type ReminderStage = 'soon' | 'due' | 'overdue';

/** A week before, on the day, and (within a month) after: which reminder a deadline is due for. */
export function reminderStage(dueOn: string, today: string): ReminderStage | null {
  const days = Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (days >= 1 && days <= 7) return 'soon';
  if (days === 0) return 'due';
  if (days < 0 && days >= -30) return 'overdue';
  return null;
}

const dayInSweden = (date: Date) => date.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Queues e-mail reminders about follow-ups that are due: to the org-admins and analysts of each
 * organisation that owns a node still without a follow-up for the period. Each reminder (strategy,
 * period, stage, organisation) is recorded with its e-mails in one transaction and sent once,
 * however often this runs. `lotsen jobs reminders` and the server's job worker both run it.
 */
export async function sendFollowUpReminders(db: Db, options: { publicBaseUrl: string; now?: Date }) {
  const today = dayInSweden(options.now ?? new Date());
  const sent: { root: string; period: string; stage: ReminderStage; organisation: string; recipients: number }[] = [];
  for (const d of await repo.deadlinesBetween(db, addDays(today, -30), addDays(today, 7))) {
    const stage = reminderStage(d.due_on, today);
    if (!stage) continue;
    const missing = await repo.missingFollowUps(db, d.root_id, d.period);
    const byOwner = new Map<string, typeof missing>();
    for (const m of missing) {
      if (!m.owner_id) continue;
      byOwner.set(m.owner_id, [...(byOwner.get(m.owner_id) ?? []), m]);
    }
    for (const [organisation, nodes] of byOwner) {
      const recipients = await repo.followUpRecipients(db, organisation);
      if (recipients.length === 0) continue; // Recorded only when someone got it: a new admin still will.
      const link = `${options.publicBaseUrl}/strategier/uppfoljning?strategi=${encodeURIComponent(d.root_id)}&period=${encodeURIComponent(d.period)}`;
      const when =
        stage === 'overdue'
          ? `skulle ha varit klar ${d.due_on}`
          : stage === 'due'
            ? 'ska vara klar i dag'
            : `ska vara klar ${d.due_on}`;
      const queued = await db.transaction(async (tx) => {
        if (
          !(await repo.recordReminder(tx, {
            rootId: d.root_id,
            period: d.period,
            stage,
            organisationId: organisation,
            recipients: recipients.length,
          }))
        )
          return false;
        for (const to of recipients)
          await enqueueEmail(tx, {
            to,
            subject: `Påminnelse: uppföljningen av ${d.title_sv} för ${d.period} ${when}`,
            text: [
              'Hej,',
              '',
              `Uppföljningen av ${d.title_sv} för ${d.period} ${when}. ${nodes.length === 1 ? 'En del' : `${nodes.length} delar`} som er organisation äger saknar ännu status och kommentar:`,
              '',
              ...nodes.map((n) => `– ${n.title_sv}`),
              '',
              `Skriv uppföljningen i Lotsen: ${link}`,
              '',
              'Lotsen – en dörr in för företag',
            ].join('\n'),
          });
        return true;
      });
      if (queued) sent.push({ root: d.root_id, period: d.period, stage, organisation, recipients: recipients.length });
    }
  }
  return { today, sent };
}
