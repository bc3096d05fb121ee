import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { AppError, type ErrorDetail } from '../../errors.js';
import { isCountyCode, isMunicipalityCode } from './geography.js';

/**
 * The catalogue's exchange format: what `lotsen catalog import` reads and `lotsen catalog export`
 * writes. The demo region's files are this shape split in parts.
 */
const Id = Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 120 });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Localised = (max: number) =>
  Type.Object({ sv: Text(max), en: Type.Optional(Text(max)) }, { additionalProperties: false });
const Area = Type.Object(
  {
    counties: Type.Array(Type.String({ pattern: '^\\d{2}$' })),
    municipalities: Type.Array(Type.String({ pattern: '^\\d{4}$' })),
  },
  { additionalProperties: false },
);

export const OFFERING_KINDS = [
  'advice',
  'service',
  'grant',
  'financing',
  'permit',
  'matchmaking',
  'establishment',
  'education',
  'network',
  'event',
] as const;
export const CASE_TYPES = ['advisory', 'application', 'inquiry', 'registration'] as const;
export const STRATEGY_NODE_KINDS = ['strategy', 'focus-area', 'goal', 'priority', 'action', 'commitment'] as const;

const OrganisationRecord = Type.Object(
  {
    id: Id,
    name: Text(200),
    kind: Text(60),
    serves: Area,
    units: Type.Array(Type.Object({ id: Id, name: Text(200) }, { additionalProperties: false })),
    website: Type.Optional(Type.Union([Text(200), Type.Null()])),
  },
  { additionalProperties: false },
);

const OfferingRecord = Type.Object(
  {
    id: Id,
    provider: Id,
    unit: Type.Union([Id, Type.Null()]),
    title: Localised(200),
    summary: Localised(4000),
    topics: Type.Array(Id),
    kind: Type.Union(OFFERING_KINDS.map((k) => Type.Literal(k))),
    audience: Type.Object(
      { stages: Type.Array(Text(40)), sizes: Type.Array(Text(40)) },
      { additionalProperties: false },
    ),
    geography: Area,
    caseType: Type.Union(CASE_TYPES.map((k) => Type.Literal(k))),
    strategyLinks: Type.Array(Type.String({ minLength: 1, maxLength: 300 })),
    keywords: Type.Optional(Type.Array(Text(200))),
    situations: Type.Optional(Type.Array(Text(500))),
  },
  { additionalProperties: false },
);

export interface StrategyNodeRecord {
  id: string;
  kind: (typeof STRATEGY_NODE_KINDS)[number];
  title: { sv: string; en?: string };
  text?: { sv: string; en?: string };
  owner?: string | null;
  period?: { from: string | null; to: string | null };
  status?: string | null;
  children: StrategyNodeRecord[];
  [detail: string]: unknown;
}

const StrategyNode = Type.Cyclic(
  {
    Node: Type.Object({
      id: Type.String({ pattern: '^[a-z0-9][a-z0-9/-]*$', maxLength: 300 }),
      kind: Type.Union(STRATEGY_NODE_KINDS.map((k) => Type.Literal(k))),
      title: Localised(400),
      text: Type.Optional(Localised(8000)),
      owner: Type.Optional(Type.Union([Id, Type.Null()])),
      period: Type.Optional(
        Type.Object({
          from: Type.Union([Type.String({ pattern: '^\\d{4}' }), Type.Null()]),
          to: Type.Union([Type.String({ pattern: '^\\d{4}' }), Type.Null()]),
        }),
      ),
      status: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      children: Type.Array(Type.Ref('Node')),
    }),
  },
  'Node',
);

const SiteRecord = Type.Object(
  {
    id: Id,
    name: Text(200),
    municipality: Type.String({ pattern: '^\\d{4}$' }),
    kind: Text(60),
    area_ha: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
    status: Text(60),
    notes: Type.Optional(Type.Union([Text(4000), Type.Null()])),
    fictional: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const ThesaurusRecord = Type.Object(
  {
    id: Id,
    phrases: Type.Array(Text(200), { minItems: 1 }),
    terms: Type.Array(Text(100), { minItems: 1 }),
  },
  { additionalProperties: false },
);

export const CatalogueFileSchema = Type.Object(
  {
    format: Type.Optional(Type.Literal('lotsen-catalogue/1')),
    organisations: Type.Optional(Type.Array(OrganisationRecord)),
    offerings: Type.Optional(Type.Array(OfferingRecord)),
    strategies: Type.Optional(Type.Array(StrategyNode)),
    sites: Type.Optional(Type.Array(SiteRecord)),
    thesaurus: Type.Optional(Type.Array(ThesaurusRecord)),
  },
  { additionalProperties: false },
);

export type OrganisationRecord = Static<typeof OrganisationRecord>;
export type OfferingRecord = Static<typeof OfferingRecord>;
export type SiteRecord = Static<typeof SiteRecord>;
export type ThesaurusRecord = Static<typeof ThesaurusRecord>;
export interface CatalogueFile {
  format?: 'lotsen-catalogue/1';
  organisations?: OrganisationRecord[];
  offerings?: OfferingRecord[];
  strategies?: StrategyNodeRecord[];
  sites?: SiteRecord[];
  thesaurus?: ThesaurusRecord[];
}

/** What already exists in the database, for references the file does not itself define. */
export interface KnownIds {
  organisationUnits: Map<string, Set<string>>;
  strategyNodes: Set<string>;
}

/** Names a record by its position and id, e.g. `offerings[3] (almi-mikrolan)`. */
function recordName(path: string, data: unknown): string {
  const match = /^\/(\w+)\/(\d+)/.exec(path);
  if (!match) return path || '(filen)';
  const [, list, index] = match;
  const record = (data as Record<string, unknown[]>)[list as string]?.[Number(index)] as { id?: unknown } | undefined;
  const id = typeof record?.id === 'string' ? ` (${record.id})` : '';
  return `${list}[${index}]${id}`;
}

/**
 * Checks the whole file, shape first and then references and SCB codes, and throws one
 * `invalid_catalogue` error that names the file, each bad record and field.
 */
export function validateCatalogueFile(data: unknown, fileName: string, known: KnownIds): CatalogueFile {
  const details: ErrorDetail[] = [];
  if (!Value.Check(CatalogueFileSchema, data)) {
    for (const error of Value.Errors(CatalogueFileSchema, data)) {
      if (error.keyword === 'boolean') continue; // repeated by the additionalProperties error
      const field = error.instancePath.replace(/^\/\w+\/\d+/, '') || '/';
      details.push({
        field: `${recordName(error.instancePath, data)} ${field}`,
        message:
          error.keyword === 'additionalProperties'
            ? `okänt fält ${JSON.stringify((error.params as { additionalProperties?: string[] }).additionalProperties ?? [])}`
            : error.message,
      });
      if (details.length >= 50) break;
    }
    throw invalid(fileName, details);
  }
  const file = data as CatalogueFile;

  const units = new Map(known.organisationUnits);
  for (const org of file.organisations ?? []) units.set(org.id, new Set(org.units.map((u) => u.id)));
  const nodes = new Set(known.strategyNodes);
  const walk = (node: StrategyNodeRecord) => {
    nodes.add(node.id);
    node.children.forEach(walk);
  };
  (file.strategies ?? []).forEach(walk);

  const duplicates = (list: string, items: { id: string }[] | undefined) => {
    const seen = new Set<string>();
    (items ?? []).forEach((item, i) => {
      if (seen.has(item.id))
        details.push({ field: `${list}[${i}] (${item.id}) /id`, message: 'id förekommer två gånger' });
      seen.add(item.id);
    });
  };
  duplicates('organisations', file.organisations);
  duplicates('offerings', file.offerings);
  duplicates('sites', file.sites);
  duplicates('thesaurus', file.thesaurus);

  const area = (where: string, a: { counties: string[]; municipalities: string[] }) => {
    a.counties.forEach((code, i) => {
      if (!isCountyCode(code))
        details.push({ field: `${where}/counties/${i}`, message: `okänd länskod "${code}" (SCB)` });
    });
    a.municipalities.forEach((code, i) => {
      if (!isMunicipalityCode(code))
        details.push({ field: `${where}/municipalities/${i}`, message: `okänd kommunkod "${code}" (SCB)` });
    });
  };
  for (const [i, org] of (file.organisations ?? []).entries())
    area(`organisations[${i}] (${org.id}) /serves`, org.serves);
  (file.offerings ?? []).forEach((o, i) => {
    const name = `offerings[${i}] (${o.id})`;
    area(`${name} /geography`, o.geography);
    const providerUnits = units.get(o.provider);
    if (!providerUnits) details.push({ field: `${name} /provider`, message: `okänd organisation "${o.provider}"` });
    else if (o.unit !== null && !providerUnits.has(o.unit))
      details.push({ field: `${name} /unit`, message: `enheten "${o.unit}" finns inte hos ${o.provider}` });
    o.strategyLinks.forEach((link, j) => {
      if (!nodes.has(link))
        details.push({ field: `${name} /strategyLinks/${j}`, message: `okänd strateginod "${link}"` });
    });
  });
  (file.sites ?? []).forEach((s, i) => {
    if (!isMunicipalityCode(s.municipality))
      details.push({
        field: `sites[${i}] (${s.id}) /municipality`,
        message: `okänd kommunkod "${s.municipality}" (SCB)`,
      });
  });
  if (details.length > 0) throw invalid(fileName, details);
  return file;
}

function invalid(fileName: string, details: ErrorDetail[]): AppError {
  const lines = details.map((d) => `  ${d.field}: ${d.message}`).join('\n');
  return new AppError(
    'invalid_catalogue',
    `${fileName}: katalogfilen avvisades, inget importerades (${details.length} fel)\n${lines}`,
    details,
  );
}
