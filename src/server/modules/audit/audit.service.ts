import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Principal } from '../access/access.policies.js';
import { administeredOrganisations } from '../access/access.policies.js';
import { type AuditFilter, searchAudit } from './audit.repository.js';

/**
 * Admins search the audit log: a system admin all of it, an organisation admin the entries of
 * their own organisation(s).
 */
export async function searchAuditLog(
  db: Db,
  principal: Principal,
  filter: AuditFilter,
  page: { limit: number; offset: number },
) {
  const orgs = administeredOrganisations(principal);
  if (orgs !== '*') {
    if (filter.organisationId && !orgs.includes(filter.organisationId)) {
      throw new AppError('forbidden', 'Du kan bara söka i din egen organisations logg');
    }
    if (!filter.organisationId) {
      if (orgs.length !== 1)
        throw new AppError('validation_failed', 'Ange organisation', [{ field: 'organisationId', message: 'krävs' }]);
      filter = { ...filter, organisationId: orgs[0] as string };
    }
  }
  const rows = await searchAudit(db, filter, page);
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorKind: r.actorKind,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    organisationId: r.organisationId,
    details: r.details as Record<string, unknown>,
  }));
}
