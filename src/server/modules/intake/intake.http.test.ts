import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import type { App } from '../../http/types.js';
import { correctRouting, loadRouter } from './intake.service.js';

describeEachDatabase('the front door API', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(database());
  });
  afterAll(() => app.close());

  const route = (body: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/intake/route', payload: body as object, headers });

  it('refuses an empty text, an unknown municipality and unknown fields with problem+json', async () => {
    const empty = await route({ text: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.headers['content-type']).toMatch(/problem\+json/);
    expect(empty.json().errors[0].field).toContain('text');
    const municipality = await route({ text: 'Vi behöver bygglov', municipality: '9999' });
    expect(municipality.statusCode).toBe(400);
    expect(municipality.json().code).toBe('invalid_municipality');
    const unknown = await route({ text: 'Vi behöver bygglov', colour: 'red' });
    expect(unknown.statusCode).toBe(400);
  });

  it('refuses malformed JSON, a wrong content type and a body over 16 kB', async () => {
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/intake/route',
      payload: '{"text": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/problem\+json/);
    const wrongType = await app.inject({
      method: 'POST',
      url: '/api/intake/route',
      payload: 'text=hej',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().code).toBe('unsupported_media_type');
    const huge = await route({ text: 'a'.repeat(20_000) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('payload_too_large');
  });

  it('routes a permit need to the company’s own municipality, explains why, and stores the intake', async () => {
    const res = await route({ text: 'Vi ska bygga till vår verkstad, behövs lov?', municipality: '0127' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.result.kind).toBe('match');
    const first = body.result.offerings[0];
    expect(first.offering.id).toBe('botkyrka-kommun-bygglov');
    expect(first.offering.provider.name).toBe('Botkyrka kommun');
    expect(first.reasons.length).toBeGreaterThan(0);
    const permits = body.result.offerings.filter((o: { offering: { kind: string } }) => o.offering.kind === 'permit');
    for (const p of permits) expect(p.offering.geography.municipalities).toContain('0127');

    const stored = await app.inject({ url: `/api/intake/${body.intakeId}` });
    expect(stored.statusCode).toBe(200);
    expect(stored.json().request.text).toBe('Vi ska bygga till vår verkstad, behövs lov?');
    expect(stored.json().result.offerings[0].offering.id).toBe('botkyrka-kommun-bygglov');
  });

  it('answers no match with guidance for a need no actor serves', async () => {
    const body = (
      await route({ text: 'Jag har fått en parkeringsbot och vill överklaga den', municipality: '1980' })
    ).json();
    expect(body.result.kind).toBe('no-match');
    expect(body.result.guidance.sv.length).toBeGreaterThan(20);
  });

  it('records the choice only among the offerings shown', async () => {
    const body = (await route({ text: 'Vi vill låna pengar för att köpa en ny maskin', municipality: '1980' })).json();
    const shown = body.result.offerings[0].offering.id;
    const wrong = await app.inject({
      method: 'POST',
      url: `/api/intake/${body.intakeId}/choice`,
      payload: { offeringId: 'botkyrka-kommun-bygglov' },
    });
    expect(wrong.statusCode).toBe(400);
    const ok = await app.inject({
      method: 'POST',
      url: `/api/intake/${body.intakeId}/choice`,
      payload: { offeringId: shown },
    });
    expect(ok.statusCode).toBe(204);
    expect((await app.inject({ url: `/api/intake/${body.intakeId}` })).json().chosenOfferingId).toBe(shown);
  });

  it('answers 404 for an unknown intake and 400 for an id that is not a UUID', async () => {
    expect((await app.inject({ url: '/api/intake/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/intake/abc' })).statusCode).toBe(400);
  });

  it('refuses a correction from an anonymous caller', async () => {
    const body = (await route({ text: 'Vi behöver hjälp med export', municipality: '1980' })).json();
    const res = await app.inject({
      method: 'POST',
      url: `/api/intake/${body.intakeId}/correction`,
      payload: { offeringId: 'ekn-exportkreditgaranti' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('learns from stored corrections for a similar, not identical, request', async () => {
    const db = database().db;
    const similar = { text: 'Hur blir vi bättre på marknadsföring och sociala medier?', municipality: '1980' };
    const rank = (result: ReturnType<Awaited<ReturnType<typeof loadRouter>>['route']>) =>
      result.kind === 'match' ? result.offerings.findIndex((o) => o.offeringId === 'almi-malardalen-mentor') : -1;
    const before = rank((await loadRouter(db)).route(similar));
    expect(before).not.toBe(0);
    await correctRouting(db, {
      text: 'Vi behöver hjälp med marknadsföringen i sociala medier, vem kan coacha oss?',
      offeringId: 'almi-malardalen-mentor',
      source: 'intake',
    });
    await correctRouting(db, {
      text: 'Någon erfaren som kan bolla vår marknadsföring med oss',
      offeringId: 'almi-malardalen-mentor',
      source: 'case',
    });
    const routed = (await loadRouter(db)).route(similar);
    const after = rank(routed);
    expect(after).toBeGreaterThanOrEqual(0);
    expect(after).toBeLessThan(before === -1 ? 5 : before);
    const reasons = routed.kind === 'match' ? routed.offerings[after]?.reasons.map((r) => r.kind) : [];
    expect(reasons).toContain('learned');
  });
});
