import type { Principal } from '../access/access.policies.js';

/** Staff who run events: anyone working in the organisation (analysts only read). */
const ORGANISER_ROLES: readonly string[] = ['case-worker', 'coordinator', 'org-admin'];
export const ORGANISER_ROUTE_ROLES = ['case-worker', 'coordinator', 'org-admin', 'system-admin'] as const;

/** The organisations whose events the principal runs ('*': all, for system admins). */
export function organisedBy(principal: Principal): readonly string[] | '*' {
  if (principal.roles.includes('system-admin')) return '*';
  return [
    ...new Set(principal.memberships.filter((m) => ORGANISER_ROLES.includes(m.role)).map((m) => m.organisationId)),
  ];
}

export function mayOrganise(principal: Principal | null, organisationId: string): boolean {
  if (!principal) return false;
  const orgs = organisedBy(principal);
  return orgs === '*' || orgs.includes(organisationId);
}
