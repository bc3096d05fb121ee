import type { Principal } from '../access/access.policies.js';

export interface CaseScope {
  organisationId: string;
  unitId: string | null;
  companyOrgnr: string | null;
}

/** Coordinators hold the front door's inbox and system admins run the system: they see every case. */
export function seesAllCases(principal: Principal): boolean {
  return principal.roles.includes('coordinator') || principal.roles.includes('system-admin');
}

/** A case worker or organisation admin sees the cases of their organisation, or of their unit only. */
export function staffMaySee(principal: Principal, scope: CaseScope): boolean {
  if (seesAllCases(principal)) return true;
  return principal.memberships.some(
    (m) =>
      (m.role === 'case-worker' || m.role === 'org-admin') &&
      m.organisationId === scope.organisationId &&
      // A unit member sees the unit's cases and the organisation's cases that belong to no unit.
      (m.unitId === null || scope.unitId === null || m.unitId === scope.unitId),
  );
}

/** A company representative sees the cases of the company they act for in this session. */
export function companyMaySee(principal: Principal, scope: CaseScope): boolean {
  return (
    principal.roles.includes('company') &&
    principal.actingCompany !== null &&
    principal.actingCompany === scope.companyOrgnr
  );
}

/** The organisation/unit pairs whose cases the principal's inbox shows; `all` for coordinators. */
export function inboxScopes(principal: Principal): 'all' | { organisationId: string; unitId: string | null }[] {
  if (seesAllCases(principal)) return 'all';
  return principal.memberships
    .filter((m) => m.role === 'case-worker' || m.role === 'org-admin')
    .map((m) => ({ organisationId: m.organisationId, unitId: m.unitId }));
}
