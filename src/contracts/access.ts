import { type Static, Type } from 'typebox';

/** Requests and responses of sign-in, the signed-in person and organisation admin. */
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const Orgnr = Type.String({
  minLength: 10,
  maxLength: 13,
  pattern: '^[0-9]{6,8}[-+]?[0-9]{4}$',
  description: 'Organisationsnummer, with or without hyphen (checked with the Luhn digit)',
});

export const StaffRole = Type.Union([
  Type.Literal('case-worker'),
  Type.Literal('coordinator'),
  Type.Literal('org-admin'),
  Type.Literal('analyst'),
  Type.Literal('system-admin'),
]);

export const MembershipResponse = Type.Object(
  {
    organisationId: Type.String(),
    unitId: Nullable(Type.String()),
    role: Type.String(),
  },
  { additionalProperties: false },
);

export const CompanyResponse = Type.Object(
  { orgnr: Type.String(), name: Nullable(Type.String()) },
  { additionalProperties: false },
);

export const MeResponse = Type.Object(
  {
    user: Type.Object(
      {
        id: Type.String(),
        kind: Type.Union([Type.Literal('company-rep'), Type.Literal('staff')]),
        name: Nullable(Type.String()),
        email: Nullable(Type.String()),
      },
      { additionalProperties: false },
    ),
    roles: Type.Array(Type.String()),
    memberships: Type.Array(MembershipResponse),
    companies: Type.Array(CompanyResponse),
    actingCompany: Type.Union([CompanyResponse, Type.Null()]),
    /** Send it back as `x-csrf-token` on every POST, PUT, PATCH and DELETE. */
    csrfToken: Type.String(),
    sessionExpiresAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type MeResponse = Static<typeof MeResponse>;

export const ChooseCompanyRequest = Type.Object({ orgnr: Orgnr }, { additionalProperties: false });

export const LogoutResponse = Type.Object(
  { logoutUrl: Type.String({ description: 'Where to send the browser to end the session at the IdP too' }) },
  { additionalProperties: false },
);

export const StaffMemberResponse = Type.Object(
  {
    membershipId: Type.String(),
    userId: Type.String(),
    name: Nullable(Type.String()),
    email: Nullable(Type.String()),
    /** False while an invited person has not signed in yet. */
    signedIn: Type.Boolean(),
    unitId: Nullable(Type.String()),
    role: Type.String(),
    active: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type StaffMemberResponse = Static<typeof StaffMemberResponse>;

export const StaffList = Type.Object(
  { items: Type.Array(StaffMemberResponse), total: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);

export const AddStaffRequest = Type.Object(
  {
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    subject: Type.Optional(
      Type.String({ minLength: 1, maxLength: 255, description: "The person's subject at the staff IdP" }),
    ),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: StaffRole,
    unitId: Type.Optional(Nullable(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,119}$' }))),
  },
  { additionalProperties: false, description: 'Give email or subject (or both)' },
);
export type AddStaffRequest = Static<typeof AddStaffRequest>;

export const UpdateStaffRequest = Type.Object(
  {
    role: Type.Optional(StaffRole),
    unitId: Type.Optional(Nullable(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,119}$' }))),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateStaffRequest = Static<typeof UpdateStaffRequest>;

export const MyDataResponse = Type.Object(
  {
    exportedAt: Type.String({ format: 'date-time' }),
    user: Type.Object(
      {
        id: Type.String(),
        kind: Type.String(),
        issuer: Type.String(),
        subject: Nullable(Type.String()),
        name: Nullable(Type.String()),
        email: Nullable(Type.String()),
        personnummerHeld: Type.Boolean({ description: 'Only a keyed hash is held, never the number itself' }),
        createdAt: Type.String({ format: 'date-time' }),
        lastLoginAt: Nullable(Type.String({ format: 'date-time' })),
      },
      { additionalProperties: false },
    ),
    memberships: Type.Array(
      Type.Object(
        {
          organisationId: Type.String(),
          unitId: Nullable(Type.String()),
          role: Type.String(),
          active: Type.Boolean(),
          createdAt: Type.String({ format: 'date-time' }),
        },
        { additionalProperties: false },
      ),
    ),
    companies: Type.Array(CompanyResponse),
    sessions: Type.Array(
      Type.Object(
        {
          createdAt: Type.String({ format: 'date-time' }),
          lastSeenAt: Type.String({ format: 'date-time' }),
          actingCompany: Nullable(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type MyDataResponse = Static<typeof MyDataResponse>;

export const ErasureResponse = Type.Object(
  {
    erased: Type.Literal(true),
    kept: Type.Array(Type.String(), { description: 'What is kept after erasure, and why' }),
  },
  { additionalProperties: false },
);
