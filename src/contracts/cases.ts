import { type Static, Type } from 'typebox';
import { MunicipalityCode } from './common.js';

const Email = Type.String({ format: 'email', maxLength: 254 });

export const SubmitCaseRequest = Type.Object(
  {
    offeringId: Type.String({ minLength: 1, maxLength: 120 }),
    intakeId: Type.Optional(Type.String({ format: 'uuid' })),
    description: Type.String({ minLength: 3, maxLength: 10_000 }),
    municipality: Type.Optional(MunicipalityCode),
    companyName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    companyOrgnr: Type.Optional(Type.String({ pattern: '^\\d{6}-?\\d{4}$' })),
    contact: Type.Object(
      { name: Type.String({ minLength: 1, maxLength: 200 }), email: Email },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Str = Type.String();

export const CaseEventResponse = Type.Object(
  {
    id: Type.Integer(),
    kind: Str,
    visibility: Type.Union([Type.Literal('company'), Type.Literal('internal')]),
    authorName: Nullable(Str),
    body: Nullable(Str),
    data: Type.Record(Type.String(), Type.Unknown()),
    readByCompanyAt: Nullable(Str),
    createdAt: Str,
  },
  { additionalProperties: false },
);

export const CaseSummaryResponse = Type.Object(
  {
    id: Str,
    diarienummer: Str,
    organisation: Type.Object({ id: Str, name: Str }, { additionalProperties: false }),
    unitId: Nullable(Str),
    offering: Type.Object({ id: Str, title: Str }, { additionalProperties: false }),
    caseType: Str,
    status: Type.Object({ code: Str, sv: Str, en: Str, final: Type.Boolean() }, { additionalProperties: false }),
    companyName: Nullable(Str),
    municipality: Nullable(Str),
    subject: Str,
    assigneeId: Nullable(Str),
    receivedOn: Str,
    dueOn: Str,
    overdue: Type.Boolean(),
    awaitingVerification: Type.Boolean(),
    version: Type.Integer(),
    updatedAt: Str,
  },
  { additionalProperties: false },
);

/**
 * A page of cases. The count stops 200 cases past the page's start (an organisation may hold
 * hundreds of thousands): `totalIsLowerBound` says there are at least `total`.
 */
export const CaseListResponse = Type.Object(
  {
    items: Type.Array(CaseSummaryResponse),
    total: Type.Integer({ minimum: 0 }),
    totalIsLowerBound: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type CaseListResponse = Static<typeof CaseListResponse>;

export const CasePartResponse = Type.Object(
  {
    id: Str,
    organisation: Type.Object({ id: Str, name: Str }, { additionalProperties: false }),
    unitId: Nullable(Str),
    offeringId: Nullable(Str),
    title: Str,
    status: Type.Object({ code: Str, sv: Str, en: Str, final: Type.Boolean() }, { additionalProperties: false }),
    assigneeId: Nullable(Str),
    dueOn: Str,
    overdue: Type.Boolean(),
    version: Type.Integer(),
  },
  { additionalProperties: false },
);

export const ConsentResponse = Type.Object(
  {
    id: Str,
    organisation: Type.Object({ id: Str, name: Str }, { additionalProperties: false }),
    purpose: Str,
    givenAt: Str,
    revokedAt: Nullable(Str),
  },
  { additionalProperties: false },
);

export const ReferralResponse = Type.Object(
  {
    id: Str,
    toOrganisation: Type.Object({ id: Str, name: Str }, { additionalProperties: false }),
    toOfferingId: Nullable(Str),
    mode: Type.Union([Type.Literal('full'), Type.Literal('anonymous')]),
    createdAt: Str,
  },
  { additionalProperties: false },
);

export const DocumentResponse = Type.Object(
  {
    id: Str,
    fileName: Str,
    contentType: Str,
    size: Type.Integer(),
    visibility: Type.Union([Type.Literal('company'), Type.Literal('internal')]),
    uploadedByKind: Str,
    createdAt: Str,
  },
  { additionalProperties: false },
);

export const CaseResponse = Type.Object(
  {
    ...CaseSummaryResponse.properties,
    parts: Type.Array(CasePartResponse),
    consents: Type.Array(ConsentResponse),
    referrals: Type.Array(ReferralResponse),
    documents: Type.Array(DocumentResponse),
    companyOrgnr: Nullable(Str),
    contact: Type.Object({ name: Nullable(Str), email: Nullable(Str) }, { additionalProperties: false }),
    description: Str,
    allowedTransitions: Type.Array(Str),
    timeline: Type.Array(CaseEventResponse),
  },
  { additionalProperties: false },
);

export const SubmitCaseResponse = Type.Object(
  {
    case: CaseResponse,
    /** Only when submitted without signing in: the secret follow link, shown once. */
    followUrl: Type.Optional(Str),
  },
  { additionalProperties: false },
);

export const InboxQuery = Type.Object(
  {
    status: Type.Optional(Type.String({ pattern: '^[a-z-]{1,40}$' })),
    state: Type.Optional(
      Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('all')], {
        description: 'Open cases (the default, unless `status` is given), closed ones, or all',
      }),
    ),
    overdue: Type.Optional(Type.Boolean()),
    assignee: Type.Optional(Type.Union([Type.Literal('me'), Type.Literal('none'), Type.String({ format: 'uuid' })])),
    offering: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,120}$' })),
    municipality: Type.Optional(MunicipalityCode),
    sort: Type.Optional(
      Type.Union([Type.Literal('due'), Type.Literal('received'), Type.Literal('-received'), Type.Literal('status')]),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const StatusChangeRequest = Type.Object(
  { status: Type.String({ pattern: '^[a-z-]{1,40}$' }), comment: Type.Optional(Type.String({ maxLength: 4000 })) },
  { additionalProperties: false },
);

export const MessageRequest = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 10_000 }) },
  { additionalProperties: false },
);

export const AssignRequest = Type.Object(
  {
    caseIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 100 }),
    assigneeId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  },
  { additionalProperties: false },
);

/** The colleagues whom the cases of my inbox may be assigned to. */
export const AssigneeListResponse = Type.Object(
  {
    items: Type.Array(Type.Object({ id: Str, name: Nullable(Str) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type AssigneeListResponse = Static<typeof AssigneeListResponse>;

export const SplitRequest = Type.Object(
  {
    parts: Type.Array(
      Type.Object({ offeringId: Type.String({ minLength: 1, maxLength: 120 }) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 10 },
    ),
  },
  { additionalProperties: false },
);

export const ConsentRequest = Type.Object(
  {
    organisationId: Type.String({ pattern: '^[a-z0-9-]{1,120}$' }),
    purpose: Type.String({ minLength: 3, maxLength: 1000 }),
  },
  { additionalProperties: false },
);

export const ReferralRequest = Type.Object(
  {
    toOfferingId: Type.String({ minLength: 1, maxLength: 120 }),
    mode: Type.Union([Type.Literal('full'), Type.Literal('anonymous')]),
    /** For an anonymous inquiry: the question, written without company or personal data. */
    inquiry: Type.Optional(Type.String({ minLength: 3, maxLength: 4000 })),
  },
  { additionalProperties: false },
);

/** An auto-assignment rule: null criteria match any case of the organisation. */
export const AssignmentRuleRequest = Type.Object(
  {
    unitId: Type.Optional(Type.Union([Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,119}$' }), Type.Null()])),
    municipality: Type.Optional(Type.Union([MunicipalityCode, Type.Null()])),
    offeringId: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 120 }), Type.Null()])),
    assigneeId: Type.String({ format: 'uuid' }),
    /** Among equally specific rules the lowest number wins. */
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, default: 100 })),
    active: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);

export const AssignmentRuleResponse = Type.Object(
  {
    id: Str,
    organisationId: Str,
    unitId: Nullable(Str),
    municipality: Nullable(Str),
    offeringId: Nullable(Str),
    assigneeId: Str,
    priority: Type.Integer(),
    active: Type.Boolean(),
    createdAt: Str,
  },
  { additionalProperties: false },
);

export const AssignmentRuleList = Type.Object(
  { items: Type.Array(AssignmentRuleResponse) },
  { additionalProperties: false },
);

export type SubmitCaseRequest = Static<typeof SubmitCaseRequest>;
export type AssignmentRuleRequest = Static<typeof AssignmentRuleRequest>;
export type AssignmentRuleResponse = Static<typeof AssignmentRuleResponse>;
export type CaseResponse = Static<typeof CaseResponse>;
export type CaseSummaryResponse = Static<typeof CaseSummaryResponse>;
export type CaseEventResponse = Static<typeof CaseEventResponse>;
export type InboxQuery = Static<typeof InboxQuery>;
