import { AppError } from '../errors.js';
import type { Principal } from '../modules/access/access.policies.js';

/**
 * The signed-in person of a route whose access rule admits only signed-in roles. The access hook
 * has already refused anonymous callers; this narrows the type (and still refuses, should a route
 * ever be misdeclared).
 */
export function principalOf(request: { principal: Principal | null }): Principal {
  if (!request.principal) throw new AppError('unauthenticated', 'Logga in för att fortsätta');
  return request.principal;
}
