import { existsSync, readFileSync } from 'node:fs';
import type {
  OfferingResponse,
  OrganisationResponse,
  SiteResponse,
  StrategyNodeResponse,
} from '../../../contracts/catalogue.js';
import type { Db } from '../../db/client.js';
import { ProcessCache } from '../../db/process-cache.js';
import { AppError } from '../../errors.js';
import { mayAdministerOrganisation, type Principal } from '../access/access.policies.js';
import { appendAudit } from '../audit/audit.repository.js';
import * as repo from './catalogue.repository.js';
import {
  type CatalogueFile,
  type OfferingRecord,
  type StrategyNodeRecord,
  validateCatalogueFile,
} from './catalogue-file.js';
import { isCountyCode, isMunicipalityCode, municipalityName } from './geography.js';

export type { CatalogueFile } from './catalogue-file.js';

function checkCodes(filter: { municipality?: string | undefined; county?: string | undefined }) {
  if (filter.municipality && !isMunicipalityCode(filter.municipality))
    throw new AppError('invalid_municipality', `Kommunkoden ${filter.municipality} finns inte i SCB:s lista`, [
      { field: 'municipality', message: 'okänd kommunkod' },
    ]);
  if (filter.county && !isCountyCode(filter.county))
    throw new AppError('invalid_county', `Länskoden ${filter.county} finns inte i SCB:s lista`, [
      { field: 'county', message: 'okänd länskod' },
    ]);
}

function toOfferingResponse(
  row: repo.OfferingRow,
  providers: Map<string, repo.OrganisationRow>,
  unitNames: Map<string, string>,
): OfferingResponse {
  const unitName = row.unitId ? unitNames.get(`${row.providerId}/${row.unitId}`) : undefined;
  return {
    id: row.id,
    provider: { id: row.providerId, name: providers.get(row.providerId)?.name ?? row.providerId },
    unit: row.unitId ? { id: row.unitId, name: unitName ?? row.unitId } : null,
    title: { sv: row.titleSv, en: row.titleEn },
    summary: { sv: row.summarySv, en: row.summaryEn },
    topics: row.topics,
    kind: row.kind,
    caseType: row.caseType,
    audience: { stages: row.audienceStages, sizes: row.audienceSizes },
    geography: { counties: row.geoCounties, municipalities: row.geoMunicipalities },
    keywords: row.keywords,
    situations: row.situations,
    strategyLinks: row.strategyLinks,
  };
}

async function presentOfferings(db: Db, rows: repo.OfferingRow[]): Promise<OfferingResponse[]> {
  const providerIds = [...new Set(rows.map((r) => r.providerId))];
  const [orgs, units] = await Promise.all([repo.allOrganisations(db), repo.unitsOf(db, providerIds)]);
  const providers = new Map(orgs.map((o) => [o.id, o]));
  const unitNames = new Map(units.map((u) => [`${u.organisationId}/${u.id}`, u.name]));
  return rows.map((row) => toOfferingResponse(row, providers, unitNames));
}

/**
 * Every offering with its provider and unit, and every organisation's name: what case lists and
 * submissions label and look up on every request, kept in this process (see ProcessCache).
 */
const catalogueCache = new ProcessCache(async (db) => {
  const [orgs, units, rows] = await Promise.all([repo.allOrganisations(db), repo.allUnits(db), repo.allOfferings(db)]);
  const providers = new Map(orgs.map((o) => [o.id, o]));
  const unitNames = new Map(units.map((u) => [`${u.organisationId}/${u.id}`, u.name]));
  return {
    organisationNames: new Map(orgs.map((o) => [o.id, o.name])),
    offerings: new Map(rows.map((row) => [row.id, toOfferingResponse(row, providers, unitNames)])),
  };
});

/** This process changed the catalogue: the next request reads it again. */
function forgetCatalogue(db: Db): void {
  catalogueCache.clear(db);
}

/**
 * An offering as cases need it (provider, unit, case type, title), from the process cache; a
 * provider's newest keywords may be up to ten seconds old here, so editors use getOffering.
 */
export async function offeringForCase(db: Db, id: string): Promise<OfferingResponse> {
  return (await catalogueCache.get(db)).offerings.get(id) ?? getOffering(db, id);
}

/** Offerings filtered by topic, kind, provider, the municipality or county served, and text. */
export async function listOfferings(db: Db, filter: repo.OfferingFilter, page: repo.Page) {
  checkCodes(filter);
  const { rows, total } = await repo.listOfferings(db, filter, page);
  return { items: await presentOfferings(db, rows), total };
}

export async function getOffering(db: Db, id: string): Promise<OfferingResponse> {
  const row = await repo.findOffering(db, id);
  if (!row) throw new AppError('offering_not_found', `Erbjudandet ${id} finns inte`);
  const [offering] = await presentOfferings(db, [row]);
  return offering as OfferingResponse;
}

/** The given offerings with their providers, in one round of queries (for labelling results). */
export async function offeringsByIds(db: Db, ids: string[]): Promise<OfferingResponse[]> {
  return presentOfferings(db, await repo.findOfferings(db, [...new Set(ids)]));
}

/** Every offering with its provider, for the router and for exports. */
export async function allOfferings(db: Db): Promise<OfferingResponse[]> {
  return presentOfferings(db, await repo.allOfferings(db));
}

function toOrganisationResponse(row: repo.OrganisationRow, units: repo.UnitRow[]): OrganisationResponse {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    website: row.website,
    serves: { counties: row.servesCounties, municipalities: row.servesMunicipalities },
    units: units.filter((u) => u.organisationId === row.id).map((u) => ({ id: u.id, name: u.name })),
  };
}

export async function listOrganisations(db: Db, page: repo.Page) {
  const { rows, total } = await repo.listOrganisations(db, page);
  const units = await repo.unitsOf(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((row) => toOrganisationResponse(row, units)), total };
}

export async function getOrganisation(db: Db, id: string): Promise<OrganisationResponse> {
  const row = await repo.findOrganisation(db, id);
  if (!row) throw new AppError('organisation_not_found', `Organisationen ${id} finns inte`);
  return toOrganisationResponse(row, await repo.unitsOf(db, [id]));
}

/** The strategies as trees, roots in import order. */
export async function strategyTrees(db: Db): Promise<StrategyNodeResponse[]> {
  const rows = await repo.allStrategyNodes(db);
  const nodes = new Map<string, StrategyNodeResponse>();
  for (const row of rows) {
    nodes.set(row.id, {
      id: row.id,
      kind: row.kind,
      title: { sv: row.titleSv, en: row.titleEn },
      text: row.textSv,
      owner: row.ownerId,
      period: { from: row.periodFrom, to: row.periodTo },
      status: row.status,
      children: [],
    });
  }
  const roots: { node: StrategyNodeResponse; position: number }[] = [];
  for (const row of [...rows].sort((a, b) => a.position - b.position)) {
    const node = nodes.get(row.id) as StrategyNodeResponse;
    const parent = row.parentId ? nodes.get(row.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push({ node, position: row.position });
  }
  return roots.map((r) => r.node);
}

function toSiteResponse(row: repo.SiteRow): SiteResponse {
  return {
    id: row.id,
    name: row.name,
    municipality: { code: row.municipality, name: municipalityName(row.municipality) ?? row.municipality },
    kind: row.kind,
    areaHa: row.areaHa,
    status: row.status,
    notes: row.notes,
    fictional: row.fictional,
  };
}

export async function listSites(db: Db, filter: { municipality?: string }, page: repo.Page) {
  checkCodes(filter);
  const { rows, total } = await repo.listSites(db, filter, page);
  return { items: rows.map(toSiteResponse), total };
}

export async function thesaurus(db: Db) {
  return (await repo.allThesaurus(db)).map((r) => ({ id: r.id, phrases: r.phrases, terms: r.terms }));
}

export interface ImportSummary {
  organisations: number;
  offerings: number;
  strategyNodes: number;
  sites: number;
  thesaurus: number;
}

/**
 * Imports a catalogue file: validated whole first, then written in one transaction, so an
 * invalid file changes nothing. Records are upserted by id; running it twice changes nothing more.
 */
export async function importCatalogue(db: Db, data: unknown, fileName: string): Promise<ImportSummary> {
  try {
    return await writeCatalogue(db, data, fileName);
  } finally {
    forgetCatalogue(db);
  }
}

async function writeCatalogue(db: Db, data: unknown, fileName: string): Promise<ImportSummary> {
  return db.transaction(async (tx) => {
    const units = await repo.allUnits(tx);
    const organisationUnits = new Map<string, Set<string>>();
    for (const org of await repo.allOrganisations(tx)) organisationUnits.set(org.id, new Set());
    for (const u of units) organisationUnits.get(u.organisationId)?.add(u.id);
    const file = validateCatalogueFile(data, fileName, {
      organisationUnits,
      strategyNodes: new Set(await repo.strategyNodeIds(tx)),
    });

    for (const org of file.organisations ?? []) {
      await repo.upsertOrganisation(tx, {
        id: org.id,
        name: org.name,
        kind: org.kind,
        website: org.website ?? null,
        servesCounties: org.serves.counties,
        servesMunicipalities: org.serves.municipalities,
      });
      for (const unit of org.units) await repo.upsertUnit(tx, { organisationId: org.id, id: unit.id, name: unit.name });
    }
    let nodeCount = 0;
    const writeNode = async (node: StrategyNodeRecord, parentId: string | null, rootId: string, position: number) => {
      const { id, kind, title, text, owner, period, status, children, ...details } = node;
      await repo.upsertStrategyNode(tx, {
        id,
        parentId,
        rootId,
        position,
        kind,
        titleSv: title.sv,
        titleEn: title.en ?? null,
        textSv: text?.sv ?? null,
        ownerId: owner ?? null,
        periodFrom: period?.from ?? null,
        periodTo: period?.to ?? null,
        status: status ?? null,
        details,
      });
      nodeCount++;
      for (const [i, child] of children.entries()) await writeNode(child, id, rootId, i);
    };
    for (const [i, root] of (file.strategies ?? []).entries()) await writeNode(root, null, root.id, i);
    for (const o of file.offerings ?? []) await repo.upsertOffering(tx, toOfferingRow(o));
    for (const s of file.sites ?? []) {
      await repo.upsertSite(tx, {
        id: s.id,
        name: s.name,
        municipality: s.municipality,
        kind: s.kind,
        areaHa: s.area_ha,
        status: s.status,
        notes: s.notes ?? null,
        fictional: s.fictional ?? false,
      });
    }
    for (const t of file.thesaurus ?? []) await repo.upsertThesaurusEntry(tx, t);
    return {
      organisations: file.organisations?.length ?? 0,
      offerings: file.offerings?.length ?? 0,
      strategyNodes: nodeCount,
      sites: file.sites?.length ?? 0,
      thesaurus: file.thesaurus?.length ?? 0,
    };
  });
}

function toOfferingRow(o: OfferingRecord) {
  return {
    id: o.id,
    providerId: o.provider,
    unitId: o.unit,
    titleSv: o.title.sv,
    titleEn: o.title.en ?? null,
    summarySv: o.summary.sv,
    summaryEn: o.summary.en ?? null,
    topics: o.topics,
    kind: o.kind,
    caseType: o.caseType,
    audienceStages: o.audience.stages,
    audienceSizes: o.audience.sizes,
    geoCounties: o.geography.counties,
    geoMunicipalities: o.geography.municipalities,
    keywords: o.keywords ?? [],
    situations: o.situations ?? [],
    strategyLinks: o.strategyLinks,
  };
}

/** The whole catalogue in the import format; importing the result reproduces it. */
export async function exportCatalogue(db: Db): Promise<CatalogueFile> {
  const [orgs, units, offerings, nodes, siteRows, thesaurusRows] = await Promise.all([
    repo.allOrganisations(db),
    repo.allUnits(db),
    repo.allOfferings(db),
    repo.allStrategyNodes(db),
    repo.allSites(db),
    repo.allThesaurus(db),
  ]);
  const children = new Map<string | null, repo.StrategyNodeRow[]>();
  for (const n of nodes) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  const toNode = (n: repo.StrategyNodeRow): StrategyNodeRecord => ({
    id: n.id,
    kind: n.kind as StrategyNodeRecord['kind'],
    title: n.titleEn ? { sv: n.titleSv, en: n.titleEn } : { sv: n.titleSv },
    ...(n.textSv ? { text: { sv: n.textSv } } : {}),
    owner: n.ownerId,
    period: { from: n.periodFrom, to: n.periodTo },
    ...(n.status ? { status: n.status } : {}),
    ...(n.details as Record<string, unknown>),
    children: (children.get(n.id) ?? []).sort((a, b) => a.position - b.position).map(toNode),
  });
  return {
    format: 'lotsen-catalogue/1',
    organisations: orgs.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      serves: { counties: o.servesCounties, municipalities: o.servesMunicipalities },
      units: units.filter((u) => u.organisationId === o.id).map((u) => ({ id: u.id, name: u.name })),
      ...(o.website ? { website: o.website } : {}),
    })),
    offerings: offerings.map((o) => ({
      id: o.id,
      provider: o.providerId,
      unit: o.unitId,
      title: o.titleEn ? { sv: o.titleSv, en: o.titleEn } : { sv: o.titleSv },
      summary: o.summaryEn ? { sv: o.summarySv, en: o.summaryEn } : { sv: o.summarySv },
      topics: o.topics,
      kind: o.kind as OfferingRecord['kind'],
      audience: { stages: o.audienceStages, sizes: o.audienceSizes },
      geography: { counties: o.geoCounties, municipalities: o.geoMunicipalities },
      caseType: o.caseType as OfferingRecord['caseType'],
      strategyLinks: o.strategyLinks,
      keywords: o.keywords,
      situations: o.situations,
    })),
    strategies: (children.get(null) ?? []).sort((a, b) => a.position - b.position).map(toNode),
    sites: siteRows.map((s) => ({
      id: s.id,
      name: s.name,
      municipality: s.municipality,
      kind: s.kind,
      area_ha: s.areaHa,
      status: s.status,
      notes: s.notes,
      fictional: s.fictional,
    })),
    thesaurus: thesaurusRows.map((t) => ({ id: t.id, phrases: t.phrases, terms: t.terms })),
  };
}

const DEMO_DIR = new URL('../../../../demo/', import.meta.url);

function readDemo<T>(name: string, fallback: T): T {
  const url = new URL(name, DEMO_DIR);
  if (!existsSync(url)) return fallback;
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}

/** The demo region as one catalogue file, with the providers' knowledge merged into offerings. */
export function demoCatalogue(): CatalogueFile {
  const knowledge = readDemo<Record<string, { keywords?: string[]; situations?: string[] }>>(
    'offering-knowledge.json',
    {},
  );
  const offerings = readDemo<OfferingRecord[]>('offerings.json', []).map((o) => ({
    ...o,
    keywords: knowledge[o.id]?.keywords ?? o.keywords ?? [],
    situations: knowledge[o.id]?.situations ?? o.situations ?? [],
  }));
  return {
    organisations: readDemo('organisations.json', []),
    strategies: readDemo('strategies.json', []),
    offerings,
    sites: readDemo('sites.json', []),
    thesaurus: readDemo('thesaurus.json', []),
  };
}

/** Imports the demo region; idempotent. */
export async function seedDemo(db: Db): Promise<ImportSummary> {
  return importCatalogue(db, demoCatalogue(), 'demo');
}

/** Seeds the demo region only when the catalogue is empty (first start). */
export async function seedDemoIfEmpty(db: Db): Promise<ImportSummary | null> {
  if ((await repo.countOfferings(db)) > 0) return null;
  return seedDemo(db);
}

/** Organisation ids and names, for labelling other modules' data. */
export async function organisationNames(db: Db): Promise<Map<string, string>> {
  return (await catalogueCache.get(db)).organisationNames;
}

function cleanList(values: string[], max: number, field: string): string[] {
  const cleaned = [...new Set(values.map((v) => v.trim().replace(/\s+/g, ' ')).filter(Boolean))];
  if (cleaned.length > max) {
    throw new AppError('validation_failed', `Högst ${max} rader`, [{ field, message: `högst ${max} rader` }]);
  }
  return cleaned;
}

/**
 * What a provider knows about its offering, in the words companies use: keywords and typical
 * situations. Kept by the provider's organisation admins; the router reads them.
 */
export async function updateOfferingKnowledge(
  db: Db,
  principal: Principal,
  id: string,
  input: { keywords: string[]; situations: string[] },
): Promise<OfferingResponse> {
  const offering = await repo.findOffering(db, id);
  if (!offering) throw new AppError('offering_not_found', `Erbjudandet ${id} finns inte`);
  if (!mayAdministerOrganisation(principal, offering.providerId)) {
    throw new AppError('forbidden', 'Bara administratörer hos erbjudandets organisation kan ändra det');
  }
  const keywords = cleanList(input.keywords, 100, 'keywords');
  const situations = cleanList(input.situations, 50, 'situations');
  await db.transaction(async (tx) => {
    await repo.updateKnowledge(tx, id, keywords, situations);
    await appendAudit(tx, {
      actorId: principal.userId,
      actorKind: 'staff',
      action: 'offering.knowledge_updated',
      entity: 'offering',
      entityId: id,
      organisationId: offering.providerId,
      details: { keywords: keywords.length, situations: situations.length },
    });
  });
  forgetCatalogue(db);
  return getOffering(db, id);
}

/** The thesaurus is shared by all: any organisation admin may keep it; every change is audited. */
export async function saveThesaurusEntry(
  db: Db,
  principal: Principal,
  entry: { id: string; phrases: string[]; terms: string[] },
) {
  const cleaned = {
    id: entry.id,
    phrases: cleanList(entry.phrases, 50, 'phrases'),
    terms: cleanList(entry.terms, 20, 'terms'),
  };
  if (cleaned.phrases.length === 0 || cleaned.terms.length === 0) {
    throw new AppError('validation_failed', 'Ange minst en fras och ett begrepp', [
      { field: cleaned.phrases.length === 0 ? 'phrases' : 'terms', message: 'minst en rad' },
    ]);
  }
  await db.transaction(async (tx) => {
    await repo.upsertThesaurusEntry(tx, cleaned);
    await appendAudit(tx, {
      actorId: principal.userId,
      actorKind: 'staff',
      action: 'thesaurus.saved',
      entity: 'thesaurus',
      entityId: entry.id,
      details: cleaned,
    });
  });
  return cleaned;
}

export async function deleteThesaurusEntry(db: Db, principal: Principal, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const deleted = await repo.deleteThesaurusEntry(tx, id);
    if (!deleted) throw new AppError('not_found', `Uppslagsordet ${id} finns inte`);
    await appendAudit(tx, {
      actorId: principal.userId,
      actorKind: 'staff',
      action: 'thesaurus.deleted',
      entity: 'thesaurus',
      entityId: id,
    });
  });
}

/** Offering ids → Swedish titles, for labelling lists (an offering this process has not seen yet is read). */
export async function offeringTitles(db: Db, ids: string[]): Promise<Map<string, string>> {
  const known = (await catalogueCache.get(db)).offerings;
  const titles = new Map<string, string>();
  const unknown: string[] = [];
  for (const id of new Set(ids)) {
    const offering = known.get(id);
    if (offering) titles.set(id, offering.title.sv);
    else unknown.push(id);
  }
  if (unknown.length > 0) for (const r of await repo.offeringTitles(db, unknown)) titles.set(r.id, r.titleSv);
  return titles;
}
