import { type Static, Type } from 'typebox';
import { OfferingResponse } from './catalogue.js';
import { MunicipalityCode } from './common.js';

export const STAGES = ['start', 'tillvaxt', 'etablerad'] as const;
export const SIZES = ['0-9', '10-49', '50-249', '250+'] as const;
export const MAX_INTAKE_TEXT = 2000;

export const IntakeRequest = Type.Object(
  {
    text: Type.String({
      minLength: 3,
      maxLength: MAX_INTAKE_TEXT,
      description: 'The need, in the company’s own words',
    }),
    municipality: Type.Optional(MunicipalityCode),
    county: Type.Optional(Type.String({ pattern: '^\\d{2}$' })),
    stage: Type.Optional(Type.Union([Type.Literal('start'), Type.Literal('tillvaxt'), Type.Literal('etablerad')])),
    size: Type.Optional(
      Type.Union([Type.Literal('0-9'), Type.Literal('10-49'), Type.Literal('50-249'), Type.Literal('250+')]),
    ),
    sni: Type.Optional(Type.String({ pattern: '^\\d{2}(\\.?\\d{1,3})?$', description: 'SNI 2007 code' })),
    language: Type.Optional(Type.Union([Type.Literal('sv'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);

const Text = Type.Object({ sv: Type.String(), en: Type.String() }, { additionalProperties: false });

export const RouteReason = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('words'),
      Type.Literal('topic'),
      Type.Literal('geography'),
      Type.Literal('audience'),
      Type.Literal('learned'),
    ]),
    text: Text,
  },
  { additionalProperties: false },
);

export const RankedOfferingResponse = Type.Object(
  { offering: OfferingResponse, score: Type.Number(), reasons: Type.Array(RouteReason) },
  { additionalProperties: false },
);

export const RouteResultResponse = Type.Union([
  Type.Object(
    { kind: Type.Literal('match'), offerings: Type.Array(RankedOfferingResponse, { maxItems: 5 }) },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('no-match'), guidance: Text }, { additionalProperties: false }),
]);

export const IntakeResponse = Type.Object(
  {
    intakeId: Type.String({ format: 'uuid' }),
    createdAt: Type.String({ format: 'date-time' }),
    request: Type.Object(
      {
        text: Type.String(),
        municipality: Type.Union([Type.String(), Type.Null()]),
        stage: Type.Union([Type.String(), Type.Null()]),
        size: Type.Union([Type.String(), Type.Null()]),
      },
      { additionalProperties: false },
    ),
    result: RouteResultResponse,
    chosenOfferingId: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

export const IntakeChoice = Type.Object(
  { offeringId: Type.String({ minLength: 1, maxLength: 120 }) },
  { additionalProperties: false },
);

export const RoutingCorrectionRequest = Type.Object(
  { offeringId: Type.String({ minLength: 1, maxLength: 120 }) },
  { additionalProperties: false },
);

export type IntakeRequest = Static<typeof IntakeRequest>;
export type IntakeResponse = Static<typeof IntakeResponse>;
export type RouteResultResponse = Static<typeof RouteResultResponse>;
