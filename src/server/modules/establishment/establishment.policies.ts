import type { Principal } from '../access/access.policies.js';

/**
 * The investment team: staff whose membership is in a unit that promotes investment — Business
 * Sweden's `investeringsframjande` and a municipality's land unit `mark` (the ones who sell land
 * to an investor). A membership for the whole organisation (unit null) does not count: inquiries
 * are business secrets (OSL), so an org admin or a case worker elsewhere in the organisation
 * does not see them. System admins see everything.
 */
export const INVESTMENT_UNITS: readonly string[] = ['investeringsframjande', 'mark'];
const TEAM_ROLES: readonly string[] = ['case-worker', 'coordinator', 'org-admin'];

/** The roles the inquiry routes admit; the team check below narrows them. */
export const INQUIRY_ROUTE_ROLES = ['case-worker', 'coordinator', 'org-admin', 'system-admin'] as const;

/** The organisations whose investment team the principal is in ('*': all, for system admins). */
export function investmentTeams(principal: Principal): readonly string[] | '*' {
  if (principal.roles.includes('system-admin')) return '*';
  return principal.memberships
    .filter((m) => TEAM_ROLES.includes(m.role) && m.unitId !== null && INVESTMENT_UNITS.includes(m.unitId))
    .map((m) => m.organisationId);
}

export function isInInvestmentTeam(principal: Principal): boolean {
  const teams = investmentTeams(principal);
  return teams === '*' || teams.length > 0;
}

/** An inquiry is seen by the team that holds it and by the teams it is shared with. */
export function maySeeInquiry(
  principal: Principal,
  inquiry: { organisationId: string; sharedWith: readonly string[] },
) {
  const teams = investmentTeams(principal);
  if (teams === '*') return true;
  return teams.includes(inquiry.organisationId) || inquiry.sharedWith.some((o) => teams.includes(o));
}

/** Staff who may edit a site's establishment details: the land or investment unit, or an org admin of the contact organisation. */
export function mayEditSite(principal: Principal, contactOrganisationId: string | null): boolean {
  const teams = investmentTeams(principal);
  if (teams === '*') return true;
  if (contactOrganisationId === null) return false;
  return (
    teams.includes(contactOrganisationId) ||
    principal.memberships.some((m) => m.role === 'org-admin' && m.organisationId === contactOrganisationId)
  );
}
