/**
 * Who may call what. Every route declares one `Access` rule (shown in the OpenAPI document as
 * `x-lotsen-access`); one hook enforces it for all routes.
 */
export const ROLES = ['company', 'case-worker', 'coordinator', 'org-admin', 'analyst', 'system-admin'] as const;
export type Role = (typeof ROLES)[number];

/** `public`: anyone, signed in or not. Otherwise: a signed-in user holding one of the roles. */
export type Access = 'public' | readonly Role[];

export interface Principal {
  userId: string;
  roles: readonly Role[];
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
