import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import type { App } from '../../http/types.js';

describeEachDatabase('catalogue API', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(database());
  });
  afterAll(() => app.close());

  it('refuses an unknown municipality code with problem+json naming the field', async () => {
    const res = await app.inject({ url: '/api/offerings?municipality=9999' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'invalid_municipality', errors: [{ field: 'municipality' }] });
  });

  it('refuses a malformed county code and an unknown query field', async () => {
    const county = await app.inject({ url: '/api/offerings?county=1' });
    expect(county.statusCode).toBe(400);
    expect(county.json().code).toBe('validation_failed');
    const unknown = await app.inject({ url: '/api/offerings?colour=red' });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json().errors)).toContain('colour');
  });

  it('refuses a page larger than 100', async () => {
    const res = await app.inject({ url: '/api/offerings?limit=101' });
    expect(res.statusCode).toBe(400);
  });

  it('answers 404 as problem+json for an unknown offering', async () => {
    const res = await app.inject({ url: '/api/offerings/finns-inte' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('offering_not_found');
  });

  it('lists the demo offerings with paging and a total', async () => {
    const first = await app.inject({ url: '/api/offerings?limit=10' });
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.total).toBe(90);
    expect(body.items).toHaveLength(10);
    const next = (await app.inject({ url: '/api/offerings?limit=10&offset=10' })).json();
    expect(next.items[0].id).not.toBe(body.items[0].id);
  });

  it('filters offerings by municipality: Botkyrka sees its own permits and nationwide offerings, never Västerås permits', async () => {
    const body = (await app.inject({ url: '/api/offerings?municipality=0127&limit=100' })).json();
    const ids: string[] = body.items.map((o: { id: string }) => o.id);
    expect(ids).toContain('botkyrka-kommun-bygglov');
    expect(ids).toContain('business-sweden-exportradgivning');
    expect(ids).toContain('almi-stockholm-sormland-foretagslan');
    expect(ids).not.toContain('vasteras-stad-bygglov');
    expect(ids).not.toContain('almi-malardalen-foretagslan');
  });

  it('filters offerings by county, topic, kind and text', async () => {
    const county = (await app.inject({ url: '/api/offerings?county=19&kind=permit&limit=100' })).json();
    expect(county.items.map((o: { id: string }) => o.id)).toContain('vasteras-stad-bygglov');
    expect(county.items.every((o: { kind: string }) => o.kind === 'permit')).toBe(true);
    const topic = (await app.inject({ url: '/api/offerings?topic=export&limit=100' })).json();
    expect(topic.items.every((o: { topics: string[] }) => o.topics.includes('export'))).toBe(true);
    const text = (await app.inject({ url: `/api/offerings?q=${encodeURIComponent('mikrolån')}` })).json();
    expect(text.items.map((o: { id: string }) => o.id).sort()).toEqual([
      'almi-malardalen-mikrolan',
      'almi-stockholm-sormland-mikrolan',
    ]);
  });

  it('returns one offering with its provider and unit names', async () => {
    const offering = (await app.inject({ url: '/api/offerings/botkyrka-kommun-bygglov' })).json();
    expect(offering.provider).toEqual({ id: 'botkyrka-kommun', name: 'Botkyrka kommun' });
    expect(offering.unit.id).toBe('bygglov');
    expect(offering.geography.municipalities).toEqual(['0127']);
  });

  it('lists organisations with their units', async () => {
    const body = (await app.inject({ url: '/api/organisations?limit=100' })).json();
    expect(body.total).toBe(40);
    const botkyrka = body.items.find((o: { id: string }) => o.id === 'botkyrka-kommun');
    expect(botkyrka.units.map((u: { id: string }) => u.id)).toEqual(
      expect.arrayContaining(['bygglov', 'miljo', 'plan']),
    );
  });

  it('returns the strategies as trees', async () => {
    const body = (await app.inject({ url: '/api/strategies' })).json();
    expect(body.total).toBe(5);
    const smart = body.items.find((s: { id: string }) => s.id === 'smart-industri');
    expect(smart.children.map((c: { kind: string }) => c.kind)).toContain('focus-area');
    const count = (n: { children: unknown[] }): number =>
      1 + (n.children as { children: unknown[] }[]).reduce((sum, c) => sum + count(c), 0);
    expect(body.items.reduce((sum: number, s: { children: unknown[] }) => sum + count(s), 0)).toBe(60);
  });

  it('lists the sites with municipality names', async () => {
    const body = (await app.inject({ url: '/api/sites?municipality=0127' })).json();
    expect(body.items.map((s: { id: string }) => s.id)).toContain('sodra-porten');
    expect(body.items[0].municipality.name).toBe('Botkyrka');
  });

  it('reports ready with the database kind, and healthy', async () => {
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = (await app.inject({ url: '/readyz' })).json();
    expect(ready.status).toBe('ready');
  });

  it('echoes a sane x-request-id and replaces an unsafe one', async () => {
    const given = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const unsafe = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\u0000' } });
    expect(unsafe.headers['x-request-id']).not.toContain(' ');
  });

  it('answers an unknown API path with problem+json', async () => {
    const res = await app.inject({ url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});
