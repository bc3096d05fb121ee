import { type Static, type TSchema, Type } from 'typebox';
import { ListOf, MunicipalityCode, PageQuery } from './common.js';

const Str = Type.String();
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** What can be sought and offered: the same words on both sides, so matching can pair them. */
export const NEEDS = [
  'export-partnership',
  'research-collaboration',
  'supplier',
  'customer',
  'test-bed',
  'competence',
] as const;
const Need = Type.Union([
  Type.Literal('export-partnership'),
  Type.Literal('research-collaboration'),
  Type.Literal('supplier'),
  Type.Literal('customer'),
  Type.Literal('test-bed'),
  Type.Literal('competence'),
]);
const Actor = Type.Union([
  Type.Literal('sme'),
  Type.Literal('large-company'),
  Type.Literal('researcher'),
  Type.Literal('other'),
]);
const Tag = Type.String({ pattern: '^[\\p{Ll}\\p{Nd}][\\p{Ll}\\p{Nd} -]{0,59}$' });
const Country = Type.String({ pattern: '^[A-Z]{2}$' });
const Contact = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), email: Type.String({ format: 'email', maxLength: 254 }) },
  { additionalProperties: false },
);

const ProfileFields = {
  displayName: Type.String({ minLength: 2, maxLength: 200 }),
  actor: Actor,
  summary: Type.String({ minLength: 10, maxLength: 2000 }),
  seeks: Type.Array(Need, { maxItems: NEEDS.length, uniqueItems: true }),
  offers: Type.Array(Need, { maxItems: NEEDS.length, uniqueItems: true }),
  topics: Type.Array(Tag, { maxItems: 20 }),
  markets: Type.Array(Country, { maxItems: 30 }),
  municipality: Nullable(MunicipalityCode),
  contact: Contact,
};

export const CreateProfileRequest = Type.Object(
  {
    /** Staff publishing for their organisation (a research group); companies leave it out. */
    organisationId: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,119}$' })),
    ...ProfileFields,
    municipality: Type.Optional(ProfileFields.municipality),
  },
  { additionalProperties: false },
);

export const UpdateProfileRequest = Type.Partial(
  Type.Object({ ...ProfileFields, active: Type.Boolean() }, { additionalProperties: false }),
);

/** What every participant sees: no contact details. */
export const PublicProfile = Type.Object(
  {
    id: Str,
    displayName: Str,
    actor: Actor,
    summary: Str,
    seeks: Type.Array(Need),
    offers: Type.Array(Need),
    topics: Type.Array(Str),
    markets: Type.Array(Str),
    municipality: Nullable(Type.Object({ code: Str, name: Str }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export const OwnProfile = Type.Object(
  {
    ...PublicProfile.properties,
    owner: Type.Object({ companyOrgnr: Nullable(Str), organisationId: Nullable(Str) }, { additionalProperties: false }),
    contact: Contact,
    active: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const MatchSuggestion = Type.Object(
  {
    profile: PublicProfile,
    score: Type.Number(),
    reasons: Type.Array(
      Type.Object(
        {
          kind: Type.Union([
            Type.Literal('they-offer'),
            Type.Literal('you-offer'),
            Type.Literal('topics'),
            Type.Literal('markets'),
            Type.Literal('nearby'),
          ]),
          values: Type.Array(Str),
        },
        { additionalProperties: false },
      ),
    ),
    interest: Type.Object({ mine: Type.Boolean(), theirs: Type.Boolean() }, { additionalProperties: false }),
    /** Only when both sides want to be put in touch (double opt-in). */
    contact: Nullable(Contact),
  },
  { additionalProperties: false },
);

export const ProfileListQuery = Type.Object(
  {
    seeks: Type.Optional(Need),
    offers: Type.Optional(Need),
    actor: Type.Optional(Actor),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const PublicProfileList = ListOf(PublicProfile);
export const OwnProfileList = ListOf(OwnProfile);
export const MatchList = ListOf(MatchSuggestion);

export type CreateProfileRequest = Static<typeof CreateProfileRequest>;
export type UpdateProfileRequest = Static<typeof UpdateProfileRequest>;
export type PublicProfile = Static<typeof PublicProfile>;
export type OwnProfile = Static<typeof OwnProfile>;
export type MatchSuggestion = Static<typeof MatchSuggestion>;
export type ProfileListQuery = Static<typeof ProfileListQuery>;
