import { randomUUID } from 'node:crypto';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import type { Principal } from '../access/access.policies.js';
import { submitCase } from '../cases/cases.service.js';
import { getJob, jobResult, runNextJob } from '../jobs/jobs.service.js';
import { jobHandlers } from '../jobs/jobs.worker.js';
import { type ReceivedMail, smtpMailer, startLocalMailbox } from '../outbox/mailer.js';
import { drainOutbox } from '../outbox/outbox.worker.js';
import * as strategy from './strategy.service.js';

const ROOT = 'orebro-2018-2022';
const OFFERING = 'almi-malardalen-foretagslan'; // linked under Örebro's inriktning 3
const noMail = { send: async () => {} };
const links = { publicBaseUrl: 'http://lotsen.test' };

const companyRep = (orgnr: string): Principal => ({
  userId: randomUUID(),
  kind: 'company-rep',
  roles: ['company'],
  memberships: [],
  actingCompany: orgnr,
});
const analyst = (organisationId: string): Principal => ({
  userId: randomUUID(),
  kind: 'staff',
  roles: ['analyst'],
  memberships: [{ organisationId, unitId: null, role: 'analyst' }],
  actingCompany: null,
});

describeEachDatabase('strategy: statistics refresh, reports as jobs, reminders', (database, engine) => {
  const db = () => database().db;
  const thisYear = String(new Date().getFullYear());
  let mailbox: Awaited<ReturnType<typeof startLocalMailbox>>;
  beforeAll(async () => {
    mailbox = await startLocalMailbox();
  });
  afterAll(async () => {
    await mailbox?.close();
  });

  it('serves missing statistics by computing them at once, and says when', async () => {
    const view = await strategy.dashboard(db(), { root: ROOT, period: thisYear });
    expect(view.statistics.refreshing).toBe(false);
    expect(Date.now() - Date.parse(view.statistics.computedAt)).toBeLessThan(60_000);
  });

  it('shows a submitted case in the dashboard after the queued refresh, one refresh per strategy however many cases', async () => {
    const before = await strategy.dashboard(db(), { root: ROOT, period: thisYear, node: `${ROOT}/inriktning-3` });
    const casesOf = (view: typeof before) => view.series.find((s) => s.period === thisYear)?.cases ?? 0;
    const offeringCases = (view: typeof before) => view.offerings.find((o) => o.id === OFFERING)?.cases ?? 0;

    const [last] = await database().query<{ id: number }>('select coalesce(max(id), 0)::int as id from outbox');
    for (const orgnr of ['5560360793', '5566778899']) {
      await submitCase(
        db(),
        companyRep(orgnr),
        {
          offeringId: OFFERING,
          description: 'Vi behöver ett lån för att köpa en ny maskin.',
          municipality: '1880',
          contact: { name: 'Sara Företagare', email: 'sara@foretaget.example' },
        },
        { links },
      );
    }
    const waiting = await database().query<{ n: number }>(
      `select count(*)::int as n from outbox where kind = 'indicator-refresh' and status = 'pending' and payload->>'root' = $1`,
      [ROOT],
    );
    expect(waiting[0]?.n).toBe(1); // debounced
    // Submissions at the same moment each queue one (the waiting one is locked by the other);
    // one refresh run then serves both.
    await database().query(
      `insert into outbox (kind, payload) values ('indicator-refresh', jsonb_build_object('root', $1::text))`,
      [ROOT],
    );

    // Until the worker has run, the dashboard serves the figures it has and says a refresh is coming.
    const stale = await strategy.dashboard(db(), { root: ROOT, period: thisYear, node: `${ROOT}/inriktning-3` });
    expect(casesOf(stale)).toBe(casesOf(before));
    expect(stale.statistics).toEqual({ computedAt: before.statistics.computedAt, refreshing: true });

    while ((await drainOutbox(db(), noMail)) > 0) {}
    const refreshes = await database().query<{ status: string; attempts: number }>(
      `select status, attempts from outbox where kind = 'indicator-refresh' and payload->>'root' = $1 and id > $2 order by attempts`,
      [ROOT, last?.id ?? 0],
    );
    expect(refreshes).toEqual([
      { status: 'sent', attempts: 0 },
      { status: 'sent', attempts: 1 },
    ]);
    const after = await strategy.dashboard(db(), { root: ROOT, period: thisYear, node: `${ROOT}/inriktning-3` });
    expect(casesOf(after)).toBe(casesOf(before) + 2);
    expect(offeringCases(after)).toBe(offeringCases(before) + 2);
    expect(after.statistics.refreshing).toBe(false);
    expect(Date.parse(after.statistics.computedAt)).toBeGreaterThan(Date.parse(before.statistics.computedAt));
  });

  it('queues a full refresh when the statistics are older than an hour, and still serves them meanwhile', async () => {
    await database().query(
      `update strategy_stats_state set computed_at = now() - interval '2 hours' where root_id = $1`,
      [ROOT],
    );
    const view = await strategy.dashboard(db(), { root: ROOT, period: thisYear });
    expect(view.statistics.refreshing).toBe(true);
    const queued = await database().query<{ payload: { root: string; scope?: string } }>(
      `select payload from outbox where kind = 'indicator-refresh' and status = 'pending'`,
    );
    expect(queued.map((q) => q.payload)).toContainEqual({ root: ROOT, scope: 'all' });
    while ((await drainOutbox(db(), noMail)) > 0) {}
    expect((await strategy.dashboard(db(), { root: ROOT, period: thisYear })).statistics.refreshing).toBe(false);
  });

  it('makes an XLSX report as a job whose progress can be polled, and refuses someone else the result', async () => {
    const me = analyst('region-orebro-lan');
    const job = await strategy.requestReport(db(), me, { root: ROOT, period: thisYear, format: 'xlsx' });
    expect(job).toMatchObject({ status: 'queued', progress: 0, result: null });
    await expect(getJob(db(), analyst('region-orebro-lan'), job.id)).rejects.toMatchObject({ code: 'job_not_found' });
    await expect(jobResult(db(), me, job.id)).rejects.toMatchObject({ code: 'job_not_done' });

    // Progress is written while the job runs, visible to a poll from outside the job.
    const seen: number[] = [];
    const handlers = jobHandlers(db());
    const report = handlers['strategy-report'];
    if (!report) throw new Error('no report handler');
    expect(
      await runNextJob(db(), {
        'strategy-report': (params, progress) =>
          report(params, async (percent) => {
            await progress(percent);
            seen.push((await getJob(db(), me, job.id)).progress);
          }),
      }),
    ).toBe(true);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.some((p) => p > 0 && p < 100)).toBe(true);

    const done = await getJob(db(), me, job.id);
    expect(done).toMatchObject({ status: 'done', progress: 100, error: null });
    expect(done.result?.fileName).toBe(`uppfoljning-${ROOT}-${thisYear}.xlsx`);
    const file = await jobResult(db(), me, job.id);
    const zip = unzipSync(file.bytes);
    expect(Object.keys(zip)).toContain('xl/worksheets/sheet1.xml');
    const workbook = new TextDecoder().decode(zip['xl/workbook.xml']);
    expect(workbook).toContain('name="Uppföljning"');
    const sheet = new TextDecoder().decode(zip['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('Handlingsplan för näringsliv och entreprenörskap 2018–2022');
  });

  it('makes a PDF report with the strategy title in Helvetica/WinAnsi (å, ä, ö as single bytes)', async () => {
    const me = analyst('region-orebro-lan');
    const job = await strategy.requestReport(db(), me, { root: 'vastmanland-2030', period: '2024', format: 'pdf' });
    await runNextJob(db(), jobHandlers(db()));
    const done = await getJob(db(), me, job.id);
    expect(done.status).toBe('done');
    const pdf = Buffer.from((await jobResult(db(), me, job.id)).bytes);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.toString('latin1');
    // What the pages show, line by line (a long heading wraps); – is WinAnsi 0x96.
    const shown = [...text.matchAll(/\((.*?)(?<!\\)\) Tj/g)]
      .map((m) => (m[1] as string).replace(/\\([()\\])/g, '$1'))
      .join(' ');
    const view = await strategy.dashboard(db(), { root: 'vastmanland-2030', period: '2024' });
    expect(shown).toContain(`Uppföljning: ${view.root.title.sv}`.replace(/–/g, '\x96'));
    expect(shown).toContain('Nådda företag per kommun');
    expect(text).toContain('/BaseFont /Helvetica /Encoding /WinAnsiEncoding');
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('marks a job failed with its reason when it cannot be made', async () => {
    const me = analyst('region-orebro-lan');
    const job = await strategy.requestReport(db(), me, { root: ROOT, period: thisYear, format: 'pdf' });
    await runNextJob(db(), {
      'strategy-report': async () => {
        throw new Error('disken är full');
      },
    });
    expect(await getJob(db(), me, job.id)).toMatchObject({
      status: 'failed',
      error: 'Jobbet misslyckades: disken är full',
    });
  });

  it('e-mails the owner organisation’s org-admins and analysts once per stage about follow-ups still missing', async () => {
    const period = '2025';
    const addUser = async (email: string, role: string) => {
      const [user] = await database().query<{ id: string }>(
        `insert into users (issuer, subject, kind, name, email) values ('test', $1, 'staff', $1, $1) returning id`,
        [email],
      );
      await database().query(
        `insert into memberships (user_id, organisation_id, role) values ($1, 'region-orebro-lan', $2)`,
        [user?.id, role],
      );
    };
    await addUser(`admin-${engine}@orebro.example`, 'org-admin');
    await addUser(`analytiker-${engine}@orebro.example`, 'analyst');
    await addUser(`handlaggare-${engine}@orebro.example`, 'case-worker');
    await strategy.setDeadline(db(), analyst('region-orebro-lan'), ROOT, period, '2026-02-10');
    await strategy.writeFollowUp(
      db(),
      analyst('region-orebro-lan'),
      `${ROOT}/inriktning-1/regionalt-naringslivsrad`,
      period,
      { status: 'done', comment: 'Klart.' },
    );

    const first = await strategy.sendFollowUpReminders(db(), { ...links, now: new Date('2026-02-05T08:00:00Z') });
    expect(first.sent).toContainEqual(
      expect.objectContaining({ root: ROOT, period, stage: 'soon', organisation: 'region-orebro-lan' }),
    );
    const again = await strategy.sendFollowUpReminders(db(), { ...links, now: new Date('2026-02-06T08:00:00Z') });
    expect(again.sent.filter((s) => s.root === ROOT)).toEqual([]);

    // A real SMTP conversation with the local mailbox, closed after it so the mailbox closes at once.
    const mailer = smtpMailer(mailbox.url, 'lotsen@lotsen.test');
    while ((await drainOutbox(db(), mailer)) > 0) {}
    await mailer.close();
    const mine = (m: ReceivedMail) => m.to.some((to) => to.endsWith('@orebro.example') && to.includes(engine));
    const received = mailbox.messages.filter(mine);
    expect(received.flatMap((m) => m.to).sort()).toEqual([
      `admin-${engine}@orebro.example`,
      `analytiker-${engine}@orebro.example`,
    ]);
    const mail = received[0] as ReceivedMail;
    expect(mail.subject).toContain('Påminnelse: uppföljningen av');
    expect(mail.subject).toContain('ska vara klar 2026-02-10');
    expect(mail.text).toContain('– Digitala mötesplatser för entreprenörer');
    expect(mail.text).not.toContain('Tillsätta ett regionalt näringslivsråd'); // already followed up
    expect(mail.text).toContain('http://lotsen.test/strategier/uppfoljning?strategi=orebro-2018-2022&period=2025');

    // On the day itself the next stage goes out.
    const onTheDay = await strategy.sendFollowUpReminders(db(), { ...links, now: new Date('2026-02-10T08:00:00Z') });
    expect(onTheDay.sent).toContainEqual(expect.objectContaining({ root: ROOT, stage: 'due' }));
  });
});
