import type { Principal } from '../access/access.policies.js';

/** Staff who may publish for their organisation (a university's research group, say). */
const PUBLISHING_ROLES: readonly string[] = ['case-worker', 'coordinator', 'org-admin'];
export const PARTICIPANT_ROLES = ['company', 'case-worker', 'coordinator', 'org-admin'] as const;
export const BOARD_ROLES = ['company', 'case-worker', 'coordinator', 'org-admin', 'system-admin'] as const;

export function publishingOrganisations(principal: Principal): string[] {
  return [
    ...new Set(principal.memberships.filter((m) => PUBLISHING_ROLES.includes(m.role)).map((m) => m.organisationId)),
  ];
}

/**
 * A profile is acted on by the company it belongs to (the representative acting for it now) or
 * by staff of its organisation. Nobody else, system admins included, may speak for it.
 */
export function ownsProfile(
  principal: Principal,
  profile: { companyOrgnr: string | null; organisationId: string | null },
): boolean {
  if (profile.companyOrgnr) return principal.kind === 'company-rep' && principal.actingCompany === profile.companyOrgnr;
  if (profile.organisationId) return publishingOrganisations(principal).includes(profile.organisationId);
  return false;
}
