import type { Database } from '../../src/server/db/client.js';
import { createSession, demoUserId } from '../../src/server/modules/access/access.service.js';
import { DEV_ISSUER } from '../../src/server/modules/access/demo-users.js';

/** Session settings as the test configuration has them (30 min idle, 12 h absolute). */
export const TEST_SESSION_SETTINGS = { sessionIdleMinutes: 30, sessionMaxHours: 12 };

/** Headers that make `app.inject()` requests as a signed-in person (the test cookie is `lotsen`). */
export interface SignedIn {
  userId: string;
  token: string;
  csrfToken: string;
  /** For GET. */
  headers: { cookie: string };
  /** For POST, PUT, PATCH, DELETE: the cookie and the CSRF token. */
  writeHeaders: { cookie: string; 'x-csrf-token': string };
}

export async function sessionFor(database: Database, userId: string, now?: Date): Promise<SignedIn> {
  const { token, csrfToken } = await createSession(database.db, userId, TEST_SESSION_SETTINGS, {
    issuer: DEV_ISSUER,
    ...(now ? { now } : {}),
  });
  const cookie = `lotsen=${token}`;
  return { userId, token, csrfToken, headers: { cookie }, writeHeaders: { cookie, 'x-csrf-token': csrfToken } };
}

/**
 * Signs a demo user in through the service, skipping the browser round trip (the login flow has
 * its own test): `await signInAs(db, 'handlaggare-botkyrka-bygglov')`.
 */
export async function signInAs(database: Database, subject: string, now?: Date): Promise<SignedIn> {
  return sessionFor(database, await demoUserId(database.db, subject), now);
}

/** One demo user per role, for tests that go through every role. */
export const DEMO_BY_ROLE = {
  company: 'foretagare-botkyrka',
  'case-worker': 'handlaggare-botkyrka-bygglov',
  coordinator: 'lots-vastmanland',
  'org-admin': 'admin-botkyrka',
  analyst: 'analytiker-region',
  'system-admin': 'systemadmin',
} as const;
