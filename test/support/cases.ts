import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { AppError } from '../../src/server/errors.js';
import type { Principal } from '../../src/server/modules/access/access.policies.js';
import type { submitCase } from '../../src/server/modules/cases/cases.service.js';

/** A signed-in representative acting for the company `orgnr`. */
export function company(orgnr: string): Principal {
  return { userId: randomUUID(), kind: 'company-rep', roles: ['company'], memberships: [], actingCompany: orgnr };
}

/** A case worker of the organisation (or one unit of it), as the session would make the principal. */
export function caseWorker(organisationId: string, unitId: string | null): Principal {
  return {
    userId: randomUUID(),
    kind: 'staff',
    roles: ['case-worker'],
    memberships: [{ organisationId, unitId, role: 'case-worker' }],
    actingCompany: null,
  };
}

/** Where links in the cases' e-mails point, in tests. */
export const links = { publicBaseUrl: 'http://lotsen.test' };

/** A bygglov case from a company in Botkyrka; `overrides` change any field. */
export const submission = (overrides: Partial<Parameters<typeof submitCase>[2]> = {}) => ({
  offeringId: 'botkyrka-kommun-bygglov',
  description: 'Vi vill bygga ett skärmtak över lastkajen vid vårt lager i Tumba.',
  municipality: '0127',
  contact: { name: 'Sara Företagare', email: 'sara@foretaget.example' },
  ...overrides,
});

/** The promise fails with an AppError of this code. */
export async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}
