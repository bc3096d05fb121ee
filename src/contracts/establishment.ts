import { type Static, type TSchema, Type } from 'typebox';
import { ListOf, MunicipalityCode, PageQuery } from './common.js';

const Str = Type.String();
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Named = Type.Object({ id: Str, name: Str }, { additionalProperties: false });
const Municipality = Type.Object({ code: Str, name: Str }, { additionalProperties: false });

export const PLAN_STATUSES = ['none', 'in-progress', 'adopted'] as const;
export const AVAILABILITIES = ['available', 'partly-available', 'reserved', 'not-available'] as const;
const PlanStatus = Type.Union([Type.Literal('none'), Type.Literal('in-progress'), Type.Literal('adopted')]);
const Availability = Type.Union([
  Type.Literal('available'),
  Type.Literal('partly-available'),
  Type.Literal('reserved'),
  Type.Literal('not-available'),
]);

/** A site for establishment with everything the public may know about it. */
export const EstablishmentSiteResponse = Type.Object(
  {
    id: Str,
    name: Str,
    municipality: Municipality,
    kind: Str,
    areaHa: Nullable(Type.Number()),
    /** The development status from the catalogue (planning, under-development, existing, available). */
    status: Str,
    notes: Nullable(Str),
    fictional: Type.Boolean(),
    location: Nullable(Type.Object({ lat: Type.Number(), lon: Type.Number() }, { additionalProperties: false })),
    planStatus: PlanStatus,
    availability: Availability,
    services: Type.Object(
      {
        powerMw: Nullable(Type.Number()),
        railSiding: Nullable(Type.Boolean()),
        road: Nullable(Type.Object({ name: Str, km: Nullable(Type.Number()) }, { additionalProperties: false })),
      },
      { additionalProperties: false },
    ),
    contact: Type.Object(
      { organisation: Nullable(Named), name: Nullable(Str), email: Nullable(Str), phone: Nullable(Str) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const EstablishmentSiteQuery = Type.Object(
  {
    municipality: Type.Optional(MunicipalityCode),
    kind: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,60}$' })),
    availability: Type.Optional(Availability),
    minAreaHa: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })),
    minPowerMw: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })),
    rail: Type.Optional(Type.Boolean({ description: 'true: only sites with their own rail siding' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

/** Simplified municipality outlines for the offline map: rings of [lon, lat] in WGS 84. */
export const MapResponse = Type.Object(
  {
    attribution: Str,
    outlines: Type.Array(
      Type.Object(
        {
          municipality: Municipality,
          rings: Type.Array(Type.Array(Type.Tuple([Type.Number(), Type.Number()]))),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

// ---- Investment inquiries (confidential) ----

export const STAGES = ['lead', 'dialogue', 'site-visit', 'offer', 'decision', 'established', 'lost'] as const;
const Stage = Type.Union([
  Type.Literal('lead'),
  Type.Literal('dialogue'),
  Type.Literal('site-visit'),
  Type.Literal('offer'),
  Type.Literal('decision'),
  Type.Literal('established'),
  Type.Literal('lost'),
]);
const OrgId = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,119}$' });

const RequirementsFields = {
  areaHa: Nullable(Type.Number({ minimum: 0, maximum: 100_000 })),
  powerMw: Nullable(Type.Number({ minimum: 0, maximum: 100_000 })),
  needsRail: Type.Boolean(),
  staff: Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  municipalities: Type.Array(MunicipalityCode, { maxItems: 50 }),
};
export const Requirements = Type.Object(RequirementsFields, { additionalProperties: false });

export const CreateInquiryRequest = Type.Object(
  {
    /** The team that holds it; may be left out when the person is in one team only. */
    organisationId: Type.Optional(OrgId),
    codeName: Type.String({ minLength: 1, maxLength: 120 }),
    investor: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    investorCountry: Type.Optional(Nullable(Type.String({ pattern: '^[A-Z]{2}$' }))),
    sector: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    description: Type.Optional(Nullable(Type.String({ maxLength: 10_000 }))),
    requirements: Requirements,
    sharedWith: Type.Optional(Type.Array(OrgId, { maxItems: 20 })),
  },
  { additionalProperties: false },
);

export const UpdateInquiryRequest = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'The version you read; a newer one answers 412' }),
    codeName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    investor: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    investorCountry: Type.Optional(Nullable(Type.String({ pattern: '^[A-Z]{2}$' }))),
    sector: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    description: Type.Optional(Nullable(Type.String({ maxLength: 10_000 }))),
    requirements: Type.Optional(Requirements),
    sharedWith: Type.Optional(Type.Array(OrgId, { maxItems: 20 })),
  },
  { additionalProperties: false },
);

export const MoveInquiryRequest = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    to: Stage,
    note: Type.Optional(Type.String({ maxLength: 4000 })),
    /** Required when moving to `lost`. */
    lostReason: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const LinkCaseRequest = Type.Object(
  { caseId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export const SiteSuggestion = Type.Object(
  {
    site: Type.Object({ id: Str, name: Str, municipality: Municipality }, { additionalProperties: false }),
    score: Type.Number(),
    checks: Type.Array(
      Type.Object(
        {
          criterion: Type.Union([
            Type.Literal('area'),
            Type.Literal('power'),
            Type.Literal('rail'),
            Type.Literal('availability'),
            Type.Literal('municipality'),
            Type.Literal('plan'),
          ]),
          outcome: Type.Union([Type.Literal('met'), Type.Literal('unknown'), Type.Literal('unmet')]),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const InquirySummaryResponse = Type.Object(
  {
    id: Str,
    organisation: Named,
    sharedWith: Type.Array(Named),
    codeName: Str,
    investor: Nullable(Str),
    investorCountry: Nullable(Str),
    sector: Nullable(Str),
    stage: Stage,
    requirements: Requirements,
    version: Type.Integer(),
    createdAt: Str,
    updatedAt: Str,
  },
  { additionalProperties: false },
);

export const InquiryResponse = Type.Object(
  {
    ...InquirySummaryResponse.properties,
    description: Nullable(Str),
    lostReason: Nullable(Str),
    nextStages: Type.Array(Stage),
    history: Type.Array(
      Type.Object(
        { from: Nullable(Str), to: Nullable(Str), note: Nullable(Str), at: Str },
        { additionalProperties: false },
      ),
    ),
    cases: Type.Array(Type.Object({ caseId: Str, linkedAt: Str }, { additionalProperties: false })),
    suggestedSites: Type.Array(SiteSuggestion),
  },
  { additionalProperties: false },
);

export const InquiryListQuery = Type.Object(
  { stage: Type.Optional(Stage), ...PageQuery },
  { additionalProperties: false },
);

export const EstablishmentSiteList = ListOf(EstablishmentSiteResponse);
export const InquiryList = ListOf(InquirySummaryResponse);

export type EstablishmentSiteResponse = Static<typeof EstablishmentSiteResponse>;
export type EstablishmentSiteQuery = Static<typeof EstablishmentSiteQuery>;
export type MapResponse = Static<typeof MapResponse>;
export type CreateInquiryRequest = Static<typeof CreateInquiryRequest>;
export type UpdateInquiryRequest = Static<typeof UpdateInquiryRequest>;
export type MoveInquiryRequest = Static<typeof MoveInquiryRequest>;
export type InquiryResponse = Static<typeof InquiryResponse>;
export type InquirySummaryResponse = Static<typeof InquirySummaryResponse>;
export type SiteSuggestion = Static<typeof SiteSuggestion>;
