import { existsSync, readFileSync } from 'node:fs';
import type {
  CreateInquiryRequest,
  EstablishmentSiteQuery,
  EstablishmentSiteResponse,
  InquiryResponse,
  InquirySummaryResponse,
  MapResponse,
  MoveInquiryRequest,
  SiteSuggestion,
  UpdateInquiryRequest,
} from '../../../contracts/establishment.js';
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Principal } from '../access/access.policies.js';
import { appendAudit } from '../audit/audit.repository.js';
import { organisationNames } from '../catalogue/catalogue.service.js';
import { isMunicipalityCode, municipalityName } from '../catalogue/geography.js';
import { investmentTeams, maySeeInquiry } from './establishment.policies.js';
import * as repo from './establishment.repository.js';
import { isStage, mayLinkCases, mayMove, nextStages, type Stage } from './inquiry-pipeline.js';
import { matchSites, type SiteFacts } from './site-matching.js';

type Page = { limit: number; offset: number };

function checkMunicipality(code: string | undefined, field: string) {
  if (code && !isMunicipalityCode(code))
    throw new AppError('invalid_municipality', `Kommunkoden ${code} finns inte i SCB:s lista`, [
      { field, message: 'okänd kommunkod' },
    ]);
}

const municipality = (code: string) => ({ code, name: municipalityName(code) ?? code });

// ---- Sites ----

function toSiteResponse(row: repo.SiteRow, names: Map<string, string>): EstablishmentSiteResponse {
  const d = row.details;
  const contactOrg = d?.contactOrganisationId ?? null;
  return {
    id: row.id,
    name: row.name,
    municipality: municipality(row.municipality),
    kind: row.kind,
    areaHa: row.areaHa,
    status: row.status,
    notes: row.notes,
    fictional: row.fictional,
    location: d && d.lat !== null && d.lon !== null ? { lat: d.lat, lon: d.lon } : null,
    planStatus: (d?.planStatus ?? 'none') as EstablishmentSiteResponse['planStatus'],
    availability: (d?.availability ?? 'available') as EstablishmentSiteResponse['availability'],
    services: {
      powerMw: d?.powerMw ?? null,
      railSiding: d?.railSiding ?? null,
      road: d?.roadName ? { name: d.roadName, km: d.roadKm } : null,
    },
    contact: {
      organisation: contactOrg ? { id: contactOrg, name: names.get(contactOrg) ?? contactOrg } : null,
      name: d?.contactName ?? null,
      email: d?.contactEmail ?? null,
      phone: d?.contactPhone ?? null,
    },
  };
}

/** The public list of sites with their establishment details, filtered. */
export async function listSites(db: Db, query: EstablishmentSiteQuery) {
  const { limit = 20, offset = 0, ...filter } = query;
  checkMunicipality(filter.municipality, 'municipality');
  const [{ rows, total }, names] = await Promise.all([
    repo.listSites(db, filter, { limit, offset }),
    organisationNames(db),
  ]);
  return { items: rows.map((r) => toSiteResponse(r, names)), total };
}

export async function getSite(db: Db, id: string): Promise<EstablishmentSiteResponse> {
  const row = await repo.findSite(db, id);
  if (!row) throw new AppError('site_not_found', `Området ${id} finns inte`);
  return toSiteResponse(row, await organisationNames(db));
}

interface OutlineFile {
  attribution: string;
  outlines: Record<string, [number, number][][]>;
}
const OUTLINES = JSON.parse(
  readFileSync(new URL('./municipality-outlines.json', import.meta.url), 'utf8'),
) as OutlineFile;

/**
 * The vector data the web map draws (no tiles): simplified outlines of the municipalities that
 * have sites, or of the one asked for.
 */
export async function mapOutlines(db: Db, only?: string): Promise<MapResponse> {
  checkMunicipality(only, 'municipality');
  const codes = only ? [only] : await repo.siteMunicipalities(db);
  return {
    attribution: OUTLINES.attribution,
    outlines: codes
      .filter((code) => OUTLINES.outlines[code])
      .map((code) => ({ municipality: municipality(code), rings: OUTLINES.outlines[code] ?? [] })),
  };
}

interface DemoSiteDetails {
  site: string;
  lat: number | null;
  lon: number | null;
  plan_status: string;
  availability: string;
  power_mw: number | null;
  rail_siding: boolean | null;
  road: { name: string; km: number | null } | null;
  contact: { organisation: string | null; name: string | null; email: string | null; phone: string | null };
}

/** Adds the demo sites' establishment details where none are kept yet; idempotent. */
export async function seedEstablishmentDemo(db: Db): Promise<number> {
  const url = new URL('../../../../demo/site-details.json', import.meta.url);
  if (!existsSync(url)) return 0;
  const records = JSON.parse(readFileSync(url, 'utf8')) as DemoSiteDetails[];
  let added = 0;
  await db.transaction(async (tx) => {
    for (const r of records) {
      if (!(await repo.siteExists(tx, r.site))) continue;
      const inserted = await repo.insertSiteDetailsIfMissing(tx, {
        siteId: r.site,
        lat: r.lat,
        lon: r.lon,
        planStatus: r.plan_status,
        availability: r.availability,
        powerMw: r.power_mw,
        railSiding: r.rail_siding,
        roadName: r.road?.name ?? null,
        roadKm: r.road?.km ?? null,
        contactOrganisationId: r.contact.organisation,
        contactName: r.contact.name,
        contactEmail: r.contact.email,
        contactPhone: r.contact.phone,
      });
      if (inserted) added++;
    }
    // Two fictional leads, so the investment team's pipeline is not empty in the demo.
    const { total } = await repo.listInquiries(tx, '*', {}, { limit: 1, offset: 0 });
    if (total === 0 && (await repo.siteExists(tx, 'demo-vasteras-elektrifieringsparken'))) {
      const demo = [
        {
          organisationId: 'business-sweden',
          sharedWith: ['vasteras-stad'],
          codeName: 'Projekt Falk (demo)',
          investor: 'Fiktiv battericellstillverkare',
          investorCountry: 'DE',
          sector: 'Batterier',
          stage: 'dialogue',
          areaHa: 20,
          powerMw: 30,
          needsRail: true,
          staff: 400,
        },
        {
          organisationId: 'business-sweden',
          sharedWith: [],
          codeName: 'Projekt Lärka (demo)',
          investor: 'Fiktivt logistikföretag',
          investorCountry: 'NL',
          sector: 'Lager och logistik',
          stage: 'lead',
          areaHa: 30,
          powerMw: null,
          needsRail: true,
          staff: 150,
        },
      ];
      for (const d of demo) {
        const row = await repo.insertInquiry(tx, { ...d, description: 'Fiktiv förfrågan för demon.' });
        await repo.addInquiryEvent(tx, { inquiryId: row.id, fromStage: null, toStage: 'lead' });
        if (d.stage !== 'lead')
          await repo.addInquiryEvent(tx, { inquiryId: row.id, fromStage: 'lead', toStage: d.stage });
      }
    }
  });
  return added;
}

// ---- Investment inquiries ----

function siteFacts(row: repo.SiteRow): SiteFacts {
  return {
    id: row.id,
    municipality: row.municipality,
    areaHa: row.areaHa,
    powerMw: row.details?.powerMw ?? null,
    railSiding: row.details?.railSiding ?? null,
    availability: row.details?.availability ?? 'available',
    planStatus: row.details?.planStatus ?? 'none',
  };
}

function toSummary(row: repo.InquiryRow, names: Map<string, string>): InquirySummaryResponse {
  const named = (id: string) => ({ id, name: names.get(id) ?? id });
  return {
    id: row.id,
    organisation: named(row.organisationId),
    sharedWith: row.sharedWith.map(named),
    codeName: row.codeName,
    investor: row.investor,
    investorCountry: row.investorCountry,
    sector: row.sector,
    stage: row.stage as Stage,
    requirements: {
      areaHa: row.areaHa,
      powerMw: row.powerMw,
      needsRail: row.needsRail,
      staff: row.staff,
      municipalities: row.municipalities,
    },
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The suggested sites for requirements, with each site's name. */
async function suggestSites(db: Db | Tx, row: repo.InquiryRow): Promise<SiteSuggestion[]> {
  const all = await repo.allSites(db);
  const byId = new Map(all.map((s) => [s.id, s]));
  const matches = matchSites(all.map(siteFacts), {
    areaHa: row.areaHa,
    powerMw: row.powerMw,
    needsRail: row.needsRail,
    municipalities: row.municipalities,
  });
  return matches.map((m) => {
    const site = byId.get(m.siteId) as repo.SiteRow;
    return {
      site: { id: site.id, name: site.name, municipality: municipality(site.municipality) },
      score: m.score,
      checks: m.checks,
    };
  });
}

async function present(db: Db | Tx, row: repo.InquiryRow): Promise<InquiryResponse> {
  const [names, events, cases, suggestedSites] = await Promise.all([
    organisationNames(db as Db),
    repo.inquiryEvents(db, row.id),
    repo.inquiryCases(db, row.id),
    suggestSites(db, row),
  ]);
  return {
    ...toSummary(row, names),
    description: row.description,
    lostReason: row.lostReason,
    nextStages: [...nextStages(row.stage as Stage)],
    history: events.map((e) => ({ from: e.fromStage, to: e.toStage, note: e.note, at: e.createdAt.toISOString() })),
    cases: cases.map((c) => ({ caseId: c.caseId, linkedAt: c.linkedAt.toISOString() })),
    suggestedSites,
  };
}

/** Staff outside the investment team see no inquiries at all: an unknown id and a hidden one look the same. */
async function visibleInquiry(db: Db | Tx, principal: Principal, id: string, forUpdate = false) {
  const row = await repo.findInquiry(db, id, { forUpdate });
  if (!row || !maySeeInquiry(principal, row)) throw new AppError('inquiry_not_found', 'Förfrågan finns inte');
  return row;
}

async function audit(db: Db | Tx, principal: Principal, action: string, row: repo.InquiryRow) {
  await appendAudit(db, {
    actorId: principal.userId,
    actorKind: 'staff',
    action,
    entity: 'investment-inquiry',
    entityId: row.id,
    organisationId: row.organisationId,
    details: { codeName: row.codeName, stage: row.stage },
  });
}

/** The inquiries the principal's investment team holds or shares; none for anyone else. */
export async function listInquiries(db: Db, principal: Principal, query: { stage?: string } & Partial<Page>) {
  const { limit = 20, offset = 0, ...filter } = query;
  const [{ rows, total }, names] = await Promise.all([
    repo.listInquiries(db, investmentTeams(principal), filter, { limit, offset }),
    organisationNames(db),
  ]);
  return { items: rows.map((r) => toSummary(r, names)), total };
}

/** One inquiry with its history, linked cases and suggested sites; the read is audited (OSL). */
export async function getInquiry(db: Db, principal: Principal, id: string): Promise<InquiryResponse> {
  const row = await visibleInquiry(db, principal, id);
  await audit(db, principal, 'investment-inquiry.read', row);
  return present(db, row);
}

function holdingTeam(principal: Principal, asked: string | undefined): string {
  const teams = investmentTeams(principal);
  if (teams === '*') {
    if (!asked)
      throw new AppError('validation_failed', 'Ange organisationId', [{ field: 'organisationId', message: 'krävs' }]);
    return asked;
  }
  if (teams.length === 0)
    throw new AppError('not_investment_team', 'Bara investeringsteamet kan registrera investeringsförfrågningar');
  if (asked) {
    if (!teams.includes(asked))
      throw new AppError('not_investment_team', `Du är inte med i investeringsteamet hos ${asked}`);
    return asked;
  }
  const unique = [...new Set(teams)];
  if (unique.length > 1)
    throw new AppError('validation_failed', 'Du är med i flera team; ange organisationId', [
      { field: 'organisationId', message: 'krävs' },
    ]);
  return unique[0] as string;
}

async function checkOrganisations(db: Db | Tx, ids: readonly string[]) {
  const names = await organisationNames(db as Db);
  const unknown = ids.filter((id) => !names.has(id));
  if (unknown.length > 0)
    throw new AppError(
      'organisation_not_found',
      `Organisationen finns inte: ${unknown.join(', ')}`,
      unknown.map((id) => ({ field: 'sharedWith', message: `okänd organisation ${id}` })),
    );
}

function requirementColumns(r: CreateInquiryRequest['requirements']) {
  r.municipalities.forEach((m, i) => {
    checkMunicipality(m, `requirements/municipalities/${i}`);
  });
  return {
    areaHa: r.areaHa,
    powerMw: r.powerMw,
    needsRail: r.needsRail,
    staff: r.staff,
    municipalities: [...new Set(r.municipalities)],
  };
}

export async function createInquiry(db: Db, principal: Principal, input: CreateInquiryRequest) {
  const organisationId = holdingTeam(principal, input.organisationId);
  const sharedWith = [...new Set(input.sharedWith ?? [])].filter((o) => o !== organisationId);
  await checkOrganisations(db, [organisationId, ...sharedWith]);
  const columns = requirementColumns(input.requirements);
  return db.transaction(async (tx) => {
    const row = await repo.insertInquiry(tx, {
      organisationId,
      sharedWith,
      codeName: input.codeName.trim(),
      investor: input.investor ?? null,
      investorCountry: input.investorCountry ?? null,
      sector: input.sector ?? null,
      description: input.description ?? null,
      ...columns,
      createdBy: principal.userId,
    });
    await repo.addInquiryEvent(tx, { inquiryId: row.id, fromStage: null, toStage: 'lead', actorId: principal.userId });
    await audit(tx, principal, 'investment-inquiry.create', row);
    return present(tx, row);
  });
}

function stale(): AppError {
  return new AppError('conflict', 'Förfrågan har ändrats sedan du läste den; läs in den igen');
}

export async function updateInquiry(db: Db, principal: Principal, id: string, input: UpdateInquiryRequest) {
  return db.transaction(async (tx) => {
    const row = await visibleInquiry(tx, principal, id, true);
    if (row.version !== input.version) throw stale();
    const sharedWith =
      input.sharedWith === undefined
        ? undefined
        : [...new Set(input.sharedWith)].filter((o) => o !== row.organisationId);
    if (sharedWith) await checkOrganisations(tx, sharedWith);
    const updated = await repo.updateInquiry(tx, id, row.version, {
      ...(input.codeName !== undefined ? { codeName: input.codeName.trim() } : {}),
      ...(input.investor !== undefined ? { investor: input.investor } : {}),
      ...(input.investorCountry !== undefined ? { investorCountry: input.investorCountry } : {}),
      ...(input.sector !== undefined ? { sector: input.sector } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.requirements ? requirementColumns(input.requirements) : {}),
      ...(sharedWith ? { sharedWith } : {}),
    });
    if (!updated) throw stale();
    await audit(tx, principal, 'investment-inquiry.update', updated);
    return present(tx, updated);
  });
}

/** Moves the inquiry along the pipeline; a move the pipeline does not allow is refused. */
export async function moveInquiry(db: Db, principal: Principal, id: string, input: MoveInquiryRequest) {
  return db.transaction(async (tx) => {
    const row = await visibleInquiry(tx, principal, id, true);
    if (row.version !== input.version) throw stale();
    const from = row.stage;
    if (!isStage(from) || !mayMove(from, input.to))
      throw new AppError('illegal_transition', `Förfrågan kan inte gå från ${from} till ${input.to}`, [
        { field: 'to', message: `tillåtet från ${from}: ${isStage(from) ? nextStages(from).join(', ') : '–'}` },
      ]);
    if (input.to === 'lost' && !input.lostReason)
      throw new AppError('validation_failed', 'Ange varför förfrågan förlorades', [
        { field: 'lostReason', message: 'krävs när förfrågan förloras' },
      ]);
    const updated = await repo.updateInquiry(tx, id, row.version, {
      stage: input.to,
      lostReason: input.to === 'lost' ? (input.lostReason ?? null) : null,
    });
    if (!updated) throw stale();
    await repo.addInquiryEvent(tx, {
      inquiryId: id,
      fromStage: from,
      toStage: input.to,
      note: input.note ?? null,
      actorId: principal.userId,
    });
    await audit(tx, principal, 'investment-inquiry.move', updated);
    return present(tx, updated);
  });
}

function isForeignKeyViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23503') return true;
  }
  return false;
}

/** Links a permit case (by id) once the investor goes ahead: from the decision stage on. */
export async function linkCase(db: Db, principal: Principal, id: string, caseId: string) {
  try {
    return await db.transaction(async (tx) => {
      const row = await visibleInquiry(tx, principal, id, true);
      if (!isStage(row.stage) || !mayLinkCases(row.stage))
        throw new AppError(
          'illegal_transition',
          'Ärenden kopplas när investeraren har bestämt sig (beslut eller etablerad)',
        );
      const linked = await repo.linkCase(tx, { inquiryId: id, caseId, linkedBy: principal.userId });
      if (linked) {
        await repo.addInquiryEvent(tx, { inquiryId: id, note: `case:${caseId}`, actorId: principal.userId });
        await audit(tx, principal, 'investment-inquiry.link-case', row);
      }
      return present(tx, row);
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new AppError('case_not_found', `Ärendet ${caseId} finns inte`);
    throw error;
  }
}
