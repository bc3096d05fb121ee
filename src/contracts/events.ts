import { type Static, type TSchema, Type } from 'typebox';
import { ListOf, MunicipalityCode, PageQuery } from './common.js';

const Str = Type.String();
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.String({ pattern: '^[a-z0-9][a-z0-9/-]{0,199}$' });

export const EVENT_KINDS = ['breakfast-meeting', 'workshop', 'network-meeting', 'seminar'] as const;
const EventKind = Type.Union([
  Type.Literal('breakfast-meeting'),
  Type.Literal('workshop'),
  Type.Literal('network-meeting'),
  Type.Literal('seminar'),
]);
const EventStatus = Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('cancelled')]);
const RegistrationStatus = Type.Union([
  Type.Literal('confirmed'),
  Type.Literal('waitlisted'),
  Type.Literal('cancelled'),
]);

const EventFields = {
  kind: EventKind,
  title: Type.String({ minLength: 3, maxLength: 200 }),
  description: Type.String({ minLength: 1, maxLength: 10_000 }),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  location: Type.String({ minLength: 1, maxLength: 300 }),
  municipality: Nullable(MunicipalityCode),
  capacity: Nullable(Type.Integer({ minimum: 1, maximum: 100_000 })),
  offeringIds: Type.Array(Id, { maxItems: 50 }),
  strategyNodeIds: Type.Array(Id, { maxItems: 50 }),
};

export const CreateEventRequest = Type.Object(
  {
    organisationId: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,119}$' }),
    ...EventFields,
    municipality: Type.Optional(EventFields.municipality),
    capacity: Type.Optional(EventFields.capacity),
    offeringIds: Type.Optional(EventFields.offeringIds),
    strategyNodeIds: Type.Optional(EventFields.strategyNodeIds),
  },
  { additionalProperties: false },
);

export const UpdateEventRequest = Type.Partial(Type.Object(EventFields, { additionalProperties: false }));

export const EventResponse = Type.Object(
  {
    id: Str,
    organisation: Type.Object({ id: Str, name: Str }, { additionalProperties: false }),
    kind: EventKind,
    title: Str,
    description: Str,
    startsAt: Str,
    endsAt: Str,
    location: Str,
    municipality: Nullable(Type.Object({ code: Str, name: Str }, { additionalProperties: false })),
    capacity: Nullable(Type.Integer()),
    seats: Type.Object(
      { confirmed: Type.Integer(), waitlisted: Type.Integer(), left: Nullable(Type.Integer()) },
      { additionalProperties: false },
    ),
    status: EventStatus,
    /** Registration is open: published, not started, not cancelled. */
    open: Type.Boolean(),
    offeringIds: Type.Array(Str),
    strategyNodeIds: Type.Array(Str),
    calendarUrl: Str,
  },
  { additionalProperties: false },
);

export const EventListQuery = Type.Object(
  {
    kind: Type.Optional(EventKind),
    municipality: Type.Optional(MunicipalityCode),
    organisation: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,119}$' })),
    past: Type.Optional(Type.Boolean({ description: 'true: events that have ended, newest first' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const RegisterRequest = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.String({ format: 'email', maxLength: 254 }),
    /** Free text, optional. The orgnr is taken only from a signed-in company session. */
    companyName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** Signed in as a company: register on its behalf (default true). */
    asCompany: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const RegistrationResult = Type.Object(
  {
    id: Str,
    status: RegistrationStatus,
    /** Place in the waitlist (1 = next in line); null when confirmed. */
    waitlistPosition: Nullable(Type.Integer()),
    /** The secret link that cancels this registration (also sent by e-mail). */
    cancelUrl: Str,
  },
  { additionalProperties: false },
);

export const RegistrationByTokenResponse = Type.Object(
  {
    status: RegistrationStatus,
    waitlistPosition: Nullable(Type.Integer()),
    event: Type.Object(
      { id: Str, title: Str, startsAt: Str, endsAt: Str, location: Str, status: EventStatus },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const RegistrationForStaff = Type.Object(
  {
    id: Str,
    name: Nullable(Str),
    email: Nullable(Str),
    companyOrgnr: Nullable(Str),
    companyName: Nullable(Str),
    status: RegistrationStatus,
    waitlistPosition: Nullable(Type.Integer()),
    attended: Type.Boolean(),
    registeredAt: Str,
  },
  { additionalProperties: false },
);

export const AttendanceRequest = Type.Object({ attended: Type.Boolean() }, { additionalProperties: false });

export const EventList = ListOf(EventResponse);
export const RegistrationList = ListOf(RegistrationForStaff);

export type CreateEventRequest = Static<typeof CreateEventRequest>;
export type UpdateEventRequest = Static<typeof UpdateEventRequest>;
export type EventResponse = Static<typeof EventResponse>;
export type EventListQuery = Static<typeof EventListQuery>;
export type RegisterRequest = Static<typeof RegisterRequest>;
export type RegistrationResult = Static<typeof RegistrationResult>;
export type RegistrationByTokenResponse = Static<typeof RegistrationByTokenResponse>;
export type RegistrationForStaff = Static<typeof RegistrationForStaff>;
