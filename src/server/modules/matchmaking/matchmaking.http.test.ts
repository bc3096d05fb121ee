import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { type SignedIn, signInAs } from '../../../../test/support/sessions.js';
import { signInStaff } from '../../../../test/support/staff.js';
import type { MatchSuggestion, OwnProfile } from '../../../contracts/matchmaking.js';
import type { App } from '../../http/types.js';

const smeProfile = {
  displayName: 'Mälardalens Elmotor AB',
  actor: 'sme',
  summary: 'Vi tillverkar elmotorer och vill ut på den tyska marknaden tillsammans med en större exportör.',
  seeks: ['export-partnership', 'research-collaboration'],
  offers: ['supplier'],
  topics: ['elmotorer', 'batterier'],
  markets: ['DE'],
  municipality: '1980',
  contact: { name: 'Erik Lindqvist', email: 'erik@example.se' },
};

const researchProfile = {
  organisationId: 'mdu',
  displayName: 'Forskargrupp för batterisystem, MDU',
  actor: 'researcher',
  summary: 'Vi söker företag att göra tillämpad forskning med inom batterier och elektrifiering.',
  seeks: ['test-bed'],
  offers: ['research-collaboration'],
  topics: ['batterier'],
  markets: [],
  municipality: '1980',
  contact: { name: 'Forskare Fredrika', email: 'fredrika@example.se' },
};

describeEachDatabase('matchmaking over HTTP', (database) => {
  let app: App;
  let company: SignedIn;
  let university: SignedIn;
  let sme: OwnProfile;
  let research: OwnProfile;

  beforeAll(async () => {
    app = await buildTestApp(database());
    company = await signInAs(database(), 'foretagare-vasteras');
    await app.inject({
      method: 'POST',
      url: '/api/me/company',
      headers: company.writeHeaders,
      payload: { orgnr: '5599000022' },
    });
    university = await signInStaff(database(), [{ organisationId: 'mdu', unitId: 'samverkan', role: 'case-worker' }]);
    sme = (
      await app.inject({
        method: 'POST',
        url: '/api/matchmaking/profiles',
        headers: company.writeHeaders,
        payload: smeProfile,
      })
    ).json();
    research = (
      await app.inject({
        method: 'POST',
        url: '/api/matchmaking/profiles',
        headers: university.writeHeaders,
        payload: researchProfile,
      })
    ).json();
  });
  afterAll(() => app.close());

  const matches = async (who: SignedIn, id: string) =>
    (await app.inject({ url: `/api/matchmaking/profiles/${id}/matches`, headers: who.headers })).json()
      .items as MatchSuggestion[];
  const interest = (who: SignedIn, from: string, to: string, method: 'PUT' | 'DELETE' = 'PUT') =>
    app.inject({ method, url: `/api/matchmaking/profiles/${from}/interest/${to}`, headers: who.writeHeaders });

  it('refuses anonymous callers and analysts, and someone else’s profile', async () => {
    expect((await app.inject({ url: '/api/matchmaking/profiles' })).statusCode).toBe(401);
    const analyst = await signInAs(database(), 'analytiker-region');
    expect((await app.inject({ url: '/api/matchmaking/profiles', headers: analyst.headers })).statusCode).toBe(403);
    const other = await app.inject({ url: `/api/matchmaking/profiles/${sme.id}/matches`, headers: university.headers });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('not_profile_owner');
  });

  it('publishes profiles for the company acted for and for a university’s research group', () => {
    expect(sme.owner).toEqual({ companyOrgnr: '5599000022', organisationId: null });
    expect(research.owner).toEqual({ companyOrgnr: null, organisationId: 'mdu' });
  });

  it('shows the board without anyone’s contact details', async () => {
    const board = await app.inject({ url: '/api/matchmaking/profiles', headers: company.headers });
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain('Forskargrupp för batterisystem');
    expect(board.body).not.toContain('fredrika@example.se');
    expect(board.body).not.toContain('erik@example.se');
  });

  it('suggests the research group to the company, with the reasons, and no contact yet', async () => {
    const [first] = await matches(company, sme.id);
    expect(first).toMatchObject({
      profile: { id: research.id },
      interest: { mine: false, theirs: false },
      contact: null,
    });
    expect(first?.reasons.map((r) => r.kind)).toEqual(['they-offer', 'topics', 'nearby']);
  });

  it('shares contacts only when both sides have said yes, and hides them again when one takes it back', async () => {
    await interest(company, sme.id, research.id);
    const oneSided = (await matches(company, sme.id)).find((m) => m.profile.id === research.id);
    expect(oneSided).toMatchObject({ interest: { mine: true, theirs: false }, contact: null });
    const seenByThem = (await matches(university, research.id)).find((m) => m.profile.id === sme.id);
    expect(seenByThem).toMatchObject({ interest: { mine: false, theirs: true }, contact: null });

    await interest(university, research.id, sme.id);
    const mutual = (await matches(company, sme.id)).find((m) => m.profile.id === research.id);
    expect(mutual?.contact).toEqual({ name: 'Forskare Fredrika', email: 'fredrika@example.se' });
    const mutualForThem = (await matches(university, research.id)).find((m) => m.profile.id === sme.id);
    expect(mutualForThem?.contact).toEqual({ name: 'Erik Lindqvist', email: 'erik@example.se' });

    await interest(university, research.id, sme.id, 'DELETE');
    const withdrawn = (await matches(company, sme.id)).find((m) => m.profile.id === research.id);
    expect(withdrawn).toMatchObject({ interest: { mine: true, theirs: false }, contact: null });
  });

  it('does not let one side say yes on the other’s behalf', async () => {
    const res = await interest(company, research.id, sme.id);
    expect(res.statusCode).toBe(403);
  });
});
