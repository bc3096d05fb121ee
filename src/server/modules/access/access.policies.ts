/**
 * Who may call what. Every route declares one `Access` rule (shown in the OpenAPI document as
 * `x-lotsen-access`); one hook enforces it for all routes. The finer rules (own organisation,
 * own unit, own company) are plain functions here, called by the services.
 */
export const ROLES = ['company', 'case-worker', 'coordinator', 'org-admin', 'analyst', 'system-admin'] as const;
export type Role = (typeof ROLES)[number];

/** The roles a membership can hold; `company` comes from representing a company, not a membership. */
export const STAFF_ROLES = ['case-worker', 'coordinator', 'org-admin', 'analyst', 'system-admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type UserKind = 'company-rep' | 'staff';

/** `public`: anyone, signed in or not. Otherwise: a signed-in user holding one of the roles. */
export type Access = 'public' | readonly Role[];

export interface Membership {
  organisationId: string;
  /** Null: the whole organisation. */
  unitId: string | null;
  role: StaffRole;
}

export interface Principal {
  userId: string;
  kind: UserKind;
  /** What `decide` looks at: `company` for a representative, the membership roles for staff. */
  roles: readonly Role[];
  /** Active memberships only. */
  memberships: readonly Membership[];
  /** The organisationsnummer the representative acts for in this session; null until chosen. */
  actingCompany: string | null;
}

export type AccessDecision = 'allow' | 'unauthenticated' | 'forbidden';

export function decide(access: Access, principal: Principal | null): AccessDecision {
  if (access === 'public') return 'allow';
  if (!principal) return 'unauthenticated';
  return principal.roles.some((role) => access.includes(role)) ? 'allow' : 'forbidden';
}

export function isAccess(value: unknown): value is Access {
  return (
    value === 'public' ||
    (Array.isArray(value) && value.length > 0 && value.every((r) => (ROLES as readonly string[]).includes(r)))
  );
}

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

/** Builds the principal of a signed-in user from what the database holds. */
export function toPrincipal(
  user: { id: string; kind: UserKind },
  memberships: readonly (Membership & { active: boolean })[],
  actingCompany: string | null,
): Principal {
  const active = user.kind === 'staff' ? memberships.filter((m) => m.active) : [];
  const roles: Role[] = user.kind === 'company-rep' ? ['company'] : [...new Set(active.map((m) => m.role))];
  return {
    userId: user.id,
    kind: user.kind,
    roles,
    memberships: active.map(({ organisationId, unitId, role }) => ({ organisationId, unitId, role })),
    actingCompany: user.kind === 'company-rep' ? actingCompany : null,
  };
}

/** The organisations whose staff the principal may administer (system admins: all, shown as `*`). */
export function administeredOrganisations(principal: Principal): readonly string[] | '*' {
  if (principal.roles.includes('system-admin')) return '*';
  return principal.memberships.filter((m) => m.role === 'org-admin').map((m) => m.organisationId);
}

export function mayAdministerOrganisation(principal: Principal, organisationId: string): boolean {
  const orgs = administeredOrganisations(principal);
  return orgs === '*' || orgs.includes(organisationId);
}

/** Granting system-admin is kept to system admins, so an org admin cannot lift themselves above it. */
export function mayGrantRole(principal: Principal, role: StaffRole): boolean {
  return role !== 'system-admin' || principal.roles.includes('system-admin');
}

/**
 * A case worker sees a case part of their organisation, limited to their unit when the membership
 * names one; a coordinator sees the front door's inbox of their organisation.
 */
export function mayWorkOn(principal: Principal, target: { organisationId: string; unitId: string | null }): boolean {
  if (principal.roles.includes('system-admin')) return true;
  return principal.memberships.some(
    (m) =>
      m.organisationId === target.organisationId &&
      (m.role === 'coordinator' ||
        m.role === 'org-admin' ||
        (m.role === 'case-worker' && (m.unitId === null || m.unitId === target.unitId))),
  );
}

/** A representative acts for the company chosen in the session, and only that one. */
export function actsFor(principal: Principal, orgnr: string): boolean {
  return principal.kind === 'company-rep' && principal.actingCompany === orgnr;
}
