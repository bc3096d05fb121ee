import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { type SignedIn, signInAs } from '../../../../test/support/sessions.js';
import type { App } from '../../http/types.js';

describeEachDatabase('auto-assignment rules over HTTP', (database) => {
  let app: App;
  let admin: SignedIn;
  let bygglov: SignedIn;
  let almi: SignedIn;

  beforeAll(async () => {
    app = await buildTestApp(database());
    admin = await signInAs(database(), 'admin-botkyrka');
    bygglov = await signInAs(database(), 'handlaggare-botkyrka-bygglov');
    almi = await signInAs(database(), 'handlaggare-almi');
  });
  afterAll(() => app.close());

  it('lets the organisation admin create, list and delete a rule, and no one else', async () => {
    const url = '/api/organisations/botkyrka-kommun/assignment-rules';
    const created = await app.inject({
      method: 'POST',
      url,
      headers: admin.writeHeaders,
      payload: { offeringId: 'botkyrka-kommun-bygglov', assigneeId: bygglov.userId },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ unitId: 'bygglov', assigneeId: bygglov.userId, active: true });

    const refused = await app.inject({
      method: 'POST',
      url,
      headers: admin.writeHeaders,
      payload: { municipality: '0127', assigneeId: almi.userId },
    });
    expect(refused.statusCode).toBe(400);
    expect((await app.inject({ url, headers: almi.headers })).statusCode).toBe(403);

    const listed = await app.inject({ url, headers: admin.headers });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toHaveLength(1);

    const id = created.json().id as string;
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/assignment-rules/${id}`,
      headers: admin.writeHeaders,
    });
    expect(removed.statusCode).toBe(204);
    expect((await app.inject({ url, headers: admin.headers })).json().items).toEqual([]);
  });
});
