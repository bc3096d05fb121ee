import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/server/db/client.js';
import type { StaffRole } from '../../src/server/modules/access/access.policies.js';
import { insertUser, upsertMembership } from '../../src/server/modules/access/access.repository.js';
import { DEV_ISSUER } from '../../src/server/modules/access/demo-users.js';
import { type SignedIn, sessionFor } from './sessions.js';

/**
 * A new staff member with the given memberships, signed in: for roles the demo users don't cover
 * (the investment team, an organiser at another organisation).
 */
export async function signInStaff(
  database: Database,
  memberships: { organisationId: string; unitId: string | null; role: StaffRole }[],
): Promise<SignedIn> {
  const user = await insertUser(database.db, {
    issuer: DEV_ISSUER,
    subject: `test-${randomUUID()}`,
    kind: 'staff',
    name: 'Testperson',
    email: null,
  });
  for (const m of memberships) await upsertMembership(database.db, { userId: user.id, ...m });
  return sessionFor(database, user.id);
}
