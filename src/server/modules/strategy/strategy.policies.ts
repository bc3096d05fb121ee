/** Who may change which part of a strategy, as plain functions (the services call them). */
import type { Principal } from '../access/access.policies.js';

const hasRoleIn = (principal: Principal, organisationId: string | null, roles: readonly string[]) =>
  organisationId !== null &&
  principal.memberships.some((m) => m.organisationId === organisationId && roles.includes(m.role));

/** Create, edit and move nodes: the owner organisation's admins, and system admins. */
export function mayEditPlan(principal: Principal, ownerId: string | null): boolean {
  return principal.roles.includes('system-admin') || hasRoleIn(principal, ownerId, ['org-admin']);
}

/**
 * Follow up a node (status and comment, indicator values and imports): the owner organisation's
 * admins and analysts, and system admins.
 */
export function mayFollowUp(principal: Principal, ownerId: string | null): boolean {
  return principal.roles.includes('system-admin') || hasRoleIn(principal, ownerId, ['org-admin', 'analyst']);
}
