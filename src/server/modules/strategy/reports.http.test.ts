import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { DEMO_BY_ROLE, type SignedIn, signInAs } from '../../../../test/support/sessions.js';
import { runNextJob } from '../jobs/jobs.service.js';
import { jobHandlers } from '../jobs/jobs.worker.js';

describeEachDatabase('strategy reports over HTTP', (database) => {
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let analyst: SignedIn;
  let other: SignedIn;
  const body = { root: 'vastmanland-2030', period: '2024', format: 'pdf' };

  beforeAll(async () => {
    app = await buildTestApp(database());
    analyst = await signInAs(database(), DEMO_BY_ROLE.analyst);
    other = await signInAs(database(), DEMO_BY_ROLE['system-admin']);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses a report to someone not signed in (401), to a case worker (403) and for an unknown period (400)', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/strategy/reports', payload: body })).statusCode).toBe(401);
    const worker = await signInAs(database(), DEMO_BY_ROLE['case-worker']);
    const forbidden = await app.inject({
      method: 'POST',
      url: '/api/strategy/reports',
      headers: worker.writeHeaders,
      payload: body,
    });
    expect(forbidden.statusCode).toBe(403);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/strategy/reports',
      headers: analyst.writeHeaders,
      payload: { ...body, period: '2024-T4' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('starts a report (202), shows its progress to the one who asked, and serves the PDF when done', async () => {
    const started = await app.inject({
      method: 'POST',
      url: '/api/strategy/reports',
      headers: analyst.writeHeaders,
      payload: body,
    });
    expect(started.statusCode).toBe(202);
    const job = started.json() as { id: string; status: string };
    expect(job.status).toBe('queued');
    const early = await app.inject({ url: `/api/jobs/${job.id}/result`, headers: analyst.headers });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('job_not_done');

    await runNextJob(database().db, jobHandlers(database().db));
    const polled = await app.inject({ url: `/api/jobs/${job.id}`, headers: analyst.headers });
    expect(polled.json()).toMatchObject({ status: 'done', progress: 100 });
    const file = await app.inject({ url: polled.json().result.url, headers: analyst.headers });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe('attachment; filename="uppfoljning-vastmanland-2030-2024.pdf"');
    expect(file.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Another signed-in person does not see it (a system admin would).
    const worker = await signInAs(database(), DEMO_BY_ROLE['org-admin']);
    expect((await app.inject({ url: `/api/jobs/${job.id}`, headers: worker.headers })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/jobs/${job.id}`, headers: other.headers })).statusCode).toBe(200);
  });
});
