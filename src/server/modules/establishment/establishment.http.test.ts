import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { type SignedIn, signInAs } from '../../../../test/support/sessions.js';
import { signInStaff } from '../../../../test/support/staff.js';
import type { EstablishmentSiteResponse, InquiryResponse } from '../../../contracts/establishment.js';
import type { App } from '../../http/types.js';

const battery = {
  codeName: 'Projekt Falk',
  investor: 'Nordvolt Cells GmbH',
  investorCountry: 'DE',
  sector: 'Batterier',
  requirements: { areaHa: 20, powerMw: 30, needsRail: true, staff: 400, municipalities: [] },
};

describeEachDatabase('establishment over HTTP', (database) => {
  let app: App;
  let team: SignedIn;
  let botkyrkaMark: SignedIn;
  let caseWorker: SignedIn;

  beforeAll(async () => {
    app = await buildTestApp(database());
    team = await signInStaff(database(), [
      { organisationId: 'business-sweden', unitId: 'investeringsframjande', role: 'case-worker' },
    ]);
    botkyrkaMark = await signInStaff(database(), [
      { organisationId: 'botkyrka-kommun', unitId: 'mark', role: 'case-worker' },
    ]);
    caseWorker = await signInAs(database(), 'handlaggare-botkyrka-bygglov');
  });
  afterAll(() => app.close());

  const create = (who: SignedIn, body: object) =>
    app.inject({ method: 'POST', url: '/api/investment-inquiries', headers: who.writeHeaders, payload: body });
  const move = (who: SignedIn, id: string, body: object) =>
    app.inject({
      method: 'POST',
      url: `/api/investment-inquiries/${id}/stage`,
      headers: who.writeHeaders,
      payload: body,
    });

  describe('sites', () => {
    it('answers 400 for an unknown municipality and 404 for an unknown site', async () => {
      expect((await app.inject({ url: '/api/establishment/sites?municipality=9999' })).json().code).toBe(
        'invalid_municipality',
      );
      const missing = await app.inject({ url: '/api/establishment/sites/finns-inte' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('site_not_found');
    });

    it('lists every demo site with its position, plan status, services and contact', async () => {
      const res = await app.inject({ url: '/api/establishment/sites?limit=100' });
      expect(res.statusCode).toBe(200);
      const { items, total } = res.json() as { items: EstablishmentSiteResponse[]; total: number };
      expect(total).toBe(8);
      const park = items.find((s) => s.id === 'demo-vasteras-elektrifieringsparken');
      expect(park).toMatchObject({
        municipality: { code: '1980', name: 'Västerås' },
        areaHa: 25,
        planStatus: 'adopted',
        availability: 'available',
        services: { powerMw: 40, railSiding: true, road: { name: 'E18', km: 2 } },
        contact: { organisation: { id: 'vasteras-stad' } },
        location: { lat: 59.6, lon: 16.59 },
      });
    });

    it('filters by rail, power, area and municipality', async () => {
      const ids = async (query: string) =>
        ((await app.inject({ url: `/api/establishment/sites?${query}` })).json().items as { id: string }[]).map(
          (s) => s.id,
        );
      expect(await ids('rail=true')).toEqual([
        'demo-vasteras-elektrifieringsparken',
        'demo-orebro-logistikomradet-syd',
      ]);
      expect(await ids('minPowerMw=20')).toEqual(['demo-vasteras-elektrifieringsparken']);
      expect(await ids('minAreaHa=30')).toEqual(['demo-orebro-logistikomradet-syd', 'sodra-porten']);
      expect(await ids('municipality=0126')).toEqual(['flemingsberg']);
    });

    it('shows one site, and the outlines for the offline map', async () => {
      const site = await app.inject({ url: '/api/establishment/sites/sodra-porten' });
      expect(site.json()).toMatchObject({ name: 'Södra Porten', areaHa: 37, services: { road: { name: 'E4/E20' } } });
      const map = (await app.inject({ url: '/api/establishment/map' })).json();
      expect(map.outlines.map((o: { municipality: { code: string } }) => o.municipality.code)).toEqual([
        '0126',
        '0127',
        '1880',
        '1980',
      ]);
      expect(map.attribution).toMatch(/Förenklade/);
    });
  });

  describe('investment inquiries', () => {
    it('refuses anonymous callers, companies and analysts at the door', async () => {
      expect((await app.inject({ url: '/api/investment-inquiries' })).statusCode).toBe(401);
      const company = await signInAs(database(), 'foretagare-botkyrka');
      expect((await app.inject({ url: '/api/investment-inquiries', headers: company.headers })).statusCode).toBe(403);
      const analyst = await signInAs(database(), 'analytiker-region');
      expect((await app.inject({ url: '/api/investment-inquiries', headers: analyst.headers })).statusCode).toBe(403);
    });

    it('refuses a case worker outside the investment team who tries to register one', async () => {
      const res = await create(caseWorker, { ...battery, organisationId: 'botkyrka-kommun' });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('not_investment_team');
    });

    it('registers a lead with requirements and suggests the sites that fit', async () => {
      const res = await create(team, battery);
      expect(res.statusCode).toBe(201);
      const inquiry = res.json() as InquiryResponse;
      expect(inquiry).toMatchObject({ stage: 'lead', organisation: { id: 'business-sweden' }, version: 1 });
      expect(inquiry.nextStages).toEqual(['dialogue', 'lost']);
      // 20 ha, 30 MW and rail: only the electrification park has all three.
      expect(inquiry.suggestedSites.map((s) => s.site.id)).toEqual(['demo-vasteras-elektrifieringsparken']);
    });

    it('keeps inquiries from staff outside the team: an empty list and 404, never the data', async () => {
      const { id } = (await create(team, { ...battery, codeName: 'Projekt Hemlig' })).json() as InquiryResponse;
      const list = await app.inject({ url: '/api/investment-inquiries', headers: caseWorker.headers });
      expect(list.json()).toEqual({ items: [], total: 0 });
      const one = await app.inject({ url: `/api/investment-inquiries/${id}`, headers: caseWorker.headers });
      expect(one.statusCode).toBe(404);
      expect(one.body).not.toContain('Hemlig');
      // The municipality's land unit is a team, but not this one's, until the lead is shared.
      const other = await app.inject({ url: `/api/investment-inquiries/${id}`, headers: botkyrkaMark.headers });
      expect(other.statusCode).toBe(404);
    });

    it('shares a lead with a municipality’s land unit, which then sees it', async () => {
      const created = (await create(team, { ...battery, codeName: 'Projekt Delad' })).json() as InquiryResponse;
      const shared = await app.inject({
        method: 'PATCH',
        url: `/api/investment-inquiries/${created.id}`,
        headers: team.writeHeaders,
        payload: { version: created.version, sharedWith: ['botkyrka-kommun'] },
      });
      expect(shared.statusCode).toBe(200);
      const seen = await app.inject({ url: `/api/investment-inquiries/${created.id}`, headers: botkyrkaMark.headers });
      expect(seen.statusCode).toBe(200);
      expect(seen.json().sharedWith).toEqual([{ id: 'botkyrka-kommun', name: 'Botkyrka kommun' }]);
    });

    it('refuses an illegal move and a stale version, then walks the pipeline to established', async () => {
      let inquiry = (await create(team, battery)).json() as InquiryResponse;
      const skip = await move(team, inquiry.id, { version: inquiry.version, to: 'offer' });
      expect(skip.statusCode).toBe(409);
      expect(skip.json().code).toBe('illegal_transition');
      const stale = await move(team, inquiry.id, { version: inquiry.version + 5, to: 'dialogue' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('conflict');
      for (const to of ['dialogue', 'site-visit', 'offer', 'decision', 'established']) {
        const res = await move(team, inquiry.id, { version: inquiry.version, to, note: `till ${to}` });
        expect(res.statusCode, res.body).toBe(200);
        inquiry = res.json();
      }
      expect(inquiry.stage).toBe('established');
      expect(inquiry.nextStages).toEqual([]);
      expect(inquiry.history.map((h) => h.to)).toEqual([
        'lead',
        'dialogue',
        'site-visit',
        'offer',
        'decision',
        'established',
      ]);
    });

    it('asks why when an inquiry is lost', async () => {
      const inquiry = (await create(team, battery)).json() as InquiryResponse;
      const res = await move(team, inquiry.id, { version: inquiry.version, to: 'lost' });
      expect(res.statusCode).toBe(400);
      const lost = await move(team, inquiry.id, { version: inquiry.version, to: 'lost', lostReason: 'Valde Finland' });
      expect(lost.json()).toMatchObject({ stage: 'lost', lostReason: 'Valde Finland' });
    });

    it('links permit cases only after the decision, and 404s an unknown case', async () => {
      let inquiry = (await create(team, battery)).json() as InquiryResponse;
      const early = await app.inject({
        method: 'POST',
        url: `/api/investment-inquiries/${inquiry.id}/cases`,
        headers: team.writeHeaders,
        payload: { caseId: '00000000-0000-4000-8000-000000000000' },
      });
      expect(early.statusCode).toBe(409);
      for (const to of ['dialogue', 'offer', 'decision'])
        inquiry = (await move(team, inquiry.id, { version: inquiry.version, to })).json();
      const unknown = await app.inject({
        method: 'POST',
        url: `/api/investment-inquiries/${inquiry.id}/cases`,
        headers: team.writeHeaders,
        payload: { caseId: '00000000-0000-4000-8000-000000000000' },
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe('case_not_found');

      const submitted = await app.inject({
        method: 'POST',
        url: '/api/cases',
        payload: {
          offeringId: 'botkyrka-kommun-bygglov',
          description: 'Bygglov för batterifabrik',
          companyName: 'Nordvolt Sverige AB',
          contact: { name: 'Anna Investerare', email: 'anna@example.se' },
        },
      });
      expect(submitted.statusCode, submitted.body).toBe(201);
      const caseId = submitted.json().case.id as string;
      const linked = await app.inject({
        method: 'POST',
        url: `/api/investment-inquiries/${inquiry.id}/cases`,
        headers: team.writeHeaders,
        payload: { caseId },
      });
      expect(linked.statusCode).toBe(200);
      expect(linked.json().cases.map((c: { caseId: string }) => c.caseId)).toEqual([caseId]);
    });
  });
});
