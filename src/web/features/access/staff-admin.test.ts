import { describe, expect, it } from 'vitest';
import type { MeResponse } from './access-api.js';
import { administered, grantableRoles, newStaffErrors, toAddStaffRequest } from './staff-admin.js';

function me(memberships: MeResponse['memberships']): MeResponse {
  return {
    user: { id: 'u', kind: 'staff', name: 'A', email: null },
    roles: [...new Set(memberships.map((m) => m.role))],
    memberships,
    companies: [],
    actingCompany: null,
    csrfToken: 't',
    sessionExpiresAt: '2026-01-01T00:00:00Z',
  };
}

describe('organisation admin of staff in the web client', () => {
  it('lets an org admin administer only their own organisations, and not hand out system-admin', () => {
    const anders = me([
      { organisationId: 'botkyrka-kommun', unitId: null, role: 'org-admin' },
      { organisationId: 'almi-malardalen', unitId: 'finansiering', role: 'case-worker' },
    ]);
    expect(administered(anders)).toEqual({ all: false, organisationIds: ['botkyrka-kommun'] });
    expect(grantableRoles(anders)).not.toContain('system-admin');
  });

  it('lets a system admin administer every organisation and grant every role', () => {
    const eva = me([{ organisationId: 'region-vastmanland', unitId: null, role: 'system-admin' }]);
    expect(administered(eva).all).toBe(true);
    expect(grantableRoles(eva)).toContain('system-admin');
  });

  it('needs an e-mail address or an IdP subject, and a plausible address', () => {
    const form = { email: '', subject: '', name: '', role: 'case-worker' as const, unitId: '' };
    expect(newStaffErrors(form)).toEqual({ email: 'identityRequired' });
    expect(newStaffErrors({ ...form, email: 'nina@' })).toEqual({ email: 'emailInvalid' });
    expect(newStaffErrors({ ...form, subject: 'abc-123' })).toEqual({});
  });

  it('sends only the fields filled in, and no unit as the whole organisation', () => {
    expect(
      toAddStaffRequest({ email: ' nina@example.se ', subject: '', name: '', role: 'analyst', unitId: '' }),
    ).toEqual({ email: 'nina@example.se', role: 'analyst', unitId: null });
  });
});
