import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { type SignedIn, signInAs } from '../../../../test/support/sessions.js';
import type { App } from '../../http/types.js';

describeEachDatabase('providers’ knowledge and the thesaurus, kept by organisation admins', (database) => {
  let app: App;
  let admin: SignedIn;
  let caseWorker: SignedIn;
  beforeAll(async () => {
    app = await buildTestApp(database());
    admin = await signInAs(database(), 'admin-botkyrka');
    caseWorker = await signInAs(database(), 'handlaggare-botkyrka-bygglov');
  });
  afterAll(() => app.close());

  const route = async (text: string) =>
    (await app.inject({ method: 'POST', url: '/api/intake/route', payload: { text, municipality: '0127' } })).json()
      .result;

  it('refuses a case worker, and an admin of another organisation', async () => {
    const asWorker = await app.inject({
      method: 'PUT',
      url: '/api/offerings/botkyrka-kommun-bygglov/knowledge',
      headers: caseWorker.writeHeaders,
      payload: { keywords: ['x'], situations: [] },
    });
    expect(asWorker.statusCode).toBe(403);
    const otherOrg = await app.inject({
      method: 'PUT',
      url: '/api/offerings/almi-malardalen-foretagslan/knowledge',
      headers: admin.writeHeaders,
      payload: { keywords: ['x'], situations: [] },
    });
    expect(otherOrg.statusCode).toBe(403);
    const offering = (await app.inject({ url: '/api/offerings/almi-malardalen-foretagslan' })).json();
    expect(offering.keywords).not.toContain('x');
  });

  it('uses a typical situation the provider adds at once when routing', async () => {
    const text = 'Vi vill ställa upp en pergola utanför butiken';
    expect((await route(text)).kind).toBe('no-match');
    const current = (await app.inject({ url: '/api/offerings/botkyrka-kommun-bygglov' })).json();
    const res = await app.inject({
      method: 'PUT',
      url: '/api/offerings/botkyrka-kommun-bygglov/knowledge',
      headers: admin.writeHeaders,
      payload: {
        keywords: [...current.keywords, 'pergola', 'reklamskylt'],
        situations: [...current.situations, 'vi vill bygga en pergola eller ett skärmtak vid entrén'],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().keywords).toContain('reklamskylt');
    const after = await route(text);
    expect(after.kind).toBe('match');
    expect(after.offerings[0].offering.id).toBe('botkyrka-kommun-bygglov');
  });

  it('adds a thesaurus entry that the router understands right away, and removes it again', async () => {
    const text = 'Hur gör vi med vår nya fikavagn?';
    expect((await route(text)).kind).toBe('no-match');
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/thesaurus/fikavagn',
      headers: admin.writeHeaders,
      payload: { phrases: ['fikavagn'], terms: ['livsmedel', 'livsmedelsverksamhet'] },
    });
    expect(saved.statusCode).toBe(200);
    const listed = (await app.inject({ url: '/api/thesaurus', headers: admin.headers })).json();
    expect(listed.map((e: { id: string }) => e.id)).toContain('fikavagn');
    const routed = await route(text);
    expect(routed.offerings.map((o: { offering: { id: string } }) => o.offering.id)).toContain(
      'botkyrka-kommun-livsmedelsregistrering',
    );
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/thesaurus/Fel%20Id',
      headers: admin.writeHeaders,
      payload: { phrases: ['a'], terms: ['b'] },
    });
    expect(bad.statusCode).toBe(400);
    const removed = await app.inject({ method: 'DELETE', url: '/api/thesaurus/fikavagn', headers: admin.writeHeaders });
    expect(removed.statusCode).toBe(204);
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/thesaurus/fikavagn', headers: admin.writeHeaders })).statusCode,
    ).toBe(404);
  });
});
