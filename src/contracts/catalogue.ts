import { type Static, Type } from 'typebox';
import { Area, CountyCode, ListOf, Localised, MunicipalityCode, PageQuery } from './common.js';

export const UnitResponse = Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false });

export const OrganisationResponse = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    kind: Type.String(),
    website: Type.Union([Type.String(), Type.Null()]),
    serves: Area,
    units: Type.Array(UnitResponse),
  },
  { additionalProperties: false },
);

export const OfferingResponse = Type.Object(
  {
    id: Type.String(),
    provider: Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false }),
    unit: Type.Union([UnitResponse, Type.Null()]),
    title: Localised,
    summary: Localised,
    topics: Type.Array(Type.String()),
    kind: Type.String(),
    caseType: Type.String(),
    audience: Type.Object(
      { stages: Type.Array(Type.String()), sizes: Type.Array(Type.String()) },
      { additionalProperties: false },
    ),
    geography: Area,
    keywords: Type.Array(Type.String()),
    situations: Type.Array(Type.String()),
    strategyLinks: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);

export const OfferingListQuery = Type.Object(
  {
    topic: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,60}$' })),
    kind: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,60}$' })),
    provider: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,120}$' })),
    municipality: Type.Optional(MunicipalityCode),
    county: Type.Optional(CountyCode),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export interface StrategyNodeResponse {
  id: string;
  kind: string;
  title: { sv: string; en: string | null };
  text: string | null;
  owner: string | null;
  period: { from: string | null; to: string | null };
  status: string | null;
  children: StrategyNodeResponse[];
}

export const StrategyNodeResponse = Type.Cyclic(
  {
    StrategyNode: Type.Object(
      {
        id: Type.String(),
        kind: Type.String(),
        title: Localised,
        text: Type.Union([Type.String(), Type.Null()]),
        owner: Type.Union([Type.String(), Type.Null()]),
        period: Type.Object({
          from: Type.Union([Type.String(), Type.Null()]),
          to: Type.Union([Type.String(), Type.Null()]),
        }),
        status: Type.Union([Type.String(), Type.Null()]),
        children: Type.Array(Type.Ref('StrategyNode')),
      },
      { additionalProperties: false },
    ),
  },
  'StrategyNode',
);

export const SiteResponse = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    municipality: Type.Object({ code: Type.String(), name: Type.String() }),
    kind: Type.String(),
    areaHa: Type.Union([Type.Number(), Type.Null()]),
    status: Type.String(),
    notes: Type.Union([Type.String(), Type.Null()]),
    fictional: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const RegionsResponse = Type.Object({
  counties: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  municipalities: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), county: Type.String() })),
});

export const OrganisationList = ListOf(OrganisationResponse);
export const OfferingList = ListOf(OfferingResponse);
export const StrategyList = ListOf(StrategyNodeResponse);
export const SiteList = ListOf(SiteResponse);

export type OrganisationResponse = Static<typeof OrganisationResponse>;
export type OfferingResponse = Static<typeof OfferingResponse>;
export type SiteResponse = Static<typeof SiteResponse>;
export type OfferingListQuery = Static<typeof OfferingListQuery>;
