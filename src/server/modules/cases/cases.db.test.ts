import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseWorker, company, expectCode, links, submission } from '../../../../test/support/cases.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { signInStaff } from '../../../../test/support/staff.js';
import { AppError } from '../../errors.js';
import type { Principal } from '../access/access.policies.js';
import { type ReceivedMail, smtpMailer, startLocalMailbox } from '../outbox/mailer.js';
import { listByStatus } from '../outbox/outbox.repository.js';
import { drainOutbox } from '../outbox/outbox.worker.js';
import * as repo from './cases.repository.js';
import * as cases from './cases.service.js';

describeEachDatabase('cases', (database) => {
  const owner = company('5560360793');
  const bygglov = caseWorker('botkyrka-kommun', 'bygglov');
  const almi = caseWorker('almi-malardalen', null);

  it('refuses an illegal transition with a clear error and changes nothing', async () => {
    const { db } = database();
    const submitted = await cases.submitCase(db, owner, submission(), { links });
    await expectCode(
      cases.changeStatus(
        db,
        bygglov,
        submitted.case.id,
        { status: 'avslutat', expectedVersion: submitted.case.version },
        links,
      ),
      'illegal_transition',
    );
    const after = await cases.getCaseForStaff(db, bygglov, submitted.case.id);
    expect(after.status.code).toBe('mottaget');
    expect(after.version).toBe(submitted.case.version);
  });

  it('lists the open cases by default; the closed ones when asked, or by their status', async () => {
    const { db } = database();
    const open = await cases.submitCase(db, owner, submission({ description: 'Fortfarande öppet' }), { links });
    const closing = await cases.submitCase(db, owner, submission({ description: 'Snart avslutat' }), { links });
    let version = closing.case.version;
    for (const status of ['tilldelat', 'pagar', 'avslutat']) {
      version = (await cases.changeStatus(db, bygglov, closing.case.id, { status, expectedVersion: version }, links))
        .version;
    }
    const ids = async (query: Parameters<typeof cases.listInbox>[2]) =>
      (await cases.listInbox(db, bygglov, { ...query, limit: 100 })).items.map((c) => c.id);
    expect(await ids({})).toContain(open.case.id);
    expect(await ids({})).not.toContain(closing.case.id);
    expect(await ids({ state: 'closed' })).toContain(closing.case.id);
    expect(await ids({ state: 'closed' })).not.toContain(open.case.id);
    expect(await ids({ state: 'all' })).toEqual(expect.arrayContaining([open.case.id, closing.case.id]));
    expect(await ids({ status: 'avslutat' })).toContain(closing.case.id);
    expect(await ids({ status: 'avslutat', state: 'open' })).toEqual([]);
  });

  it('refuses a stale write (412) and a write without If-Match (428)', async () => {
    const { db } = database();
    const submitted = await cases.submitCase(db, owner, submission(), { links });
    const id = submitted.case.id;
    await cases.changeStatus(db, bygglov, id, { status: 'tilldelat', expectedVersion: submitted.case.version }, links);
    await expectCode(
      cases.changeStatus(db, bygglov, id, { status: 'pagar', expectedVersion: submitted.case.version }, links),
      'precondition_failed',
    );
    await expectCode(
      cases.changeStatus(db, bygglov, id, { status: 'pagar', expectedVersion: undefined }, links),
      'precondition_required',
    );
  });

  it('hides a case from staff of another organisation and from another company', async () => {
    const { db } = database();
    const submitted = await cases.submitCase(db, owner, submission(), { links });
    await expectCode(cases.getCaseForStaff(db, almi, submitted.case.id), 'case_not_found');
    await expectCode(cases.getMyCase(db, company('5567037485'), submitted.case.id), 'case_not_found');
    const inbox = await cases.listInbox(db, almi, {});
    expect(inbox.items.map((c) => c.id)).not.toContain(submitted.case.id);
  });

  it('the audit log refuses UPDATE and DELETE', async () => {
    const database_ = database();
    await cases.submitCase(database_.db, owner, submission(), { links });
    await expect(database_.query("update audit_log set action = 'forged'")).rejects.toThrow(/append-only/);
    await expect(database_.query('delete from audit_log')).rejects.toThrow(/append-only/);
    const rows = await database_.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'forged'",
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('opens a case at the provider and unit with diarienummer, timeline, audit entry and e-mail, in one go', async () => {
    const database_ = database();
    const { db } = database_;
    const submitted = await cases.submitCase(db, owner, submission(), { links, now: new Date('2026-11-20T10:00:00Z') });
    const c = submitted.case;
    expect(c.diarienummer).toMatch(/^BOT 2026\/\d{5}$/);
    expect(c.organisation).toEqual({ id: 'botkyrka-kommun', name: 'Botkyrka kommun' });
    expect(c.unitId).toBe('bygglov');
    expect(c.status.code).toBe('mottaget');
    expect(c.receivedOn).toBe('2026-11-20');
    // An application: 40 working days after Friday 20 November 2026; julafton, juldagen, nyårsafton,
    // nyårsdagen and trettondedag jul do not count.
    expect(c.dueOn).toBe('2027-01-22');
    expect(c.timeline.map((e) => e.kind)).toEqual(['submitted']);
    const audit = await database_.query<{ action: string }>('select action from audit_log where entity_id = $1', [
      c.id,
    ]);
    expect(audit.map((a) => a.action)).toEqual(['case.submitted']);
    const pending = await listByStatus(db, 'pending');
    expect(pending.some((m) => JSON.stringify(m.payload).includes(c.diarienummer))).toBe(true);
  });

  it('gives 50 parallel submissions to one organisation unique diarienummer with none missing', async () => {
    const database_ = database();
    const { db } = database_;
    const submitted = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        cases.submitCase(
          db,
          owner,
          submission({
            offeringId: 'almi-malardalen-foretagslan',
            municipality: '1980',
            description: `Lån nummer ${i}`,
          }),
          { links, now: new Date('2026-11-20T10:00:00Z') },
        ),
      ),
    );
    const numbers = submitted.map((s) => Number(s.case.diarienummer.split('/')[1]));
    expect(new Set(numbers).size).toBe(50);
    const sorted = [...numbers].sort((a, b) => a - b);
    expect((sorted[49] as number) - (sorted[0] as number)).toBe(49);
    expect(submitted.every((s) => s.case.diarienummer.startsWith('ALM 2026/'))).toBe(true);

    // Each case has its own text, first event, audit entry and acknowledgement under its number.
    const stored = await database_.query<{ diarienummer: string; description: string; events: number; audits: number }>(
      `select c.diarienummer, c.description,
         (select count(*)::int from case_events e where e.case_id = c.id and e.kind = 'submitted') as events,
         (select count(*)::int from audit_log a where a.entity_id = c.id::text and a.action = 'case.submitted') as audits
       from cases c where c.description like 'Lån nummer %'`,
    );
    const byNumber = new Map(stored.map((row) => [row.diarienummer, row]));
    for (const [i, s] of submitted.entries()) {
      const row = byNumber.get(s.case.diarienummer);
      expect(row?.description).toBe(`Lån nummer ${i}`);
      expect([row?.events, row?.audits]).toEqual([1, 1]);
    }
    const mails = (await listByStatus(db, 'pending')).map((m) => JSON.stringify(m.payload));
    for (const s of submitted) {
      expect(mails.filter((m) => m.includes(s.case.diarienummer))).toHaveLength(1);
    }
    // The submissions that arrived while one was being opened were opened together: fewer
    // transactions than cases (rows one statement wrote share its transaction id).
    const transactions = await database_.query<{ n: number }>(
      `select count(distinct xmin::text)::int as n from cases where description like 'Lån nummer %'`,
    );
    expect(transactions[0]?.n).toBeLessThan(50);
  });

  it('opens a burst to several organisations together, each in its own series of numbers', async () => {
    const database_ = database();
    const now = new Date('2026-11-20T10:00:00Z');
    const offerings = ['almi-malardalen-foretagslan', 'botkyrka-kommun-bygglov', 'nerikes-brandkar-brandfarlig-vara'];
    const submitted = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        cases.submitCase(
          database_.db,
          owner,
          submission({ offeringId: offerings[i % 3], municipality: '0127', description: `Blandat ${i}` }),
          { links, now },
        ),
      ),
    );
    for (const [o, offeringId] of offerings.entries()) {
      const mine = submitted.filter((_, i) => i % 3 === o).map((s) => s.case);
      expect(new Set(mine.map((c) => c.organisation.id)).size).toBe(1);
      const numbers = mine.map((c) => Number(c.diarienummer.split('/')[1])).sort((a, b) => a - b);
      expect(numbers, offeringId).toEqual(Array.from({ length: 10 }, (_, i) => (numbers[0] as number) + i));
    }
    // Some statement opened cases of more than one organisation.
    const mixed = await database_.query<{ n: number }>(
      `select count(*)::int as n from (select xmin::text from cases where description like 'Blandat %'
         group by xmin::text having count(distinct organisation_id) > 1) t`,
    );
    expect(mixed[0]?.n).toBeGreaterThan(0);
  });

  it('opens a burst together, and a reused Idempotency-Key in it fails only itself and takes no number', async () => {
    const database_ = database();
    const { db } = database_;
    const now = new Date('2026-11-20T10:00:00Z');
    const loan = (description: string) =>
      submission({ offeringId: 'almi-malardalen-foretagslan', municipality: '1980', description });
    const used = `used-${randomUUID()}`;
    const first = await cases.submitCase(db, owner, loan('Första'), { links, now, idempotencyKey: used });
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        cases.submitCase(db, owner, loan(`Nummer ${i}`), {
          links,
          now,
          idempotencyKey: i === 6 ? used : `fresh-${randomUUID()}`,
        }),
      ),
    );
    expect(burst[6]?.replayed).toBe(true);
    expect(burst[6]?.case.id).toBe(first.case.id);
    const fresh = burst.filter((b) => !b.replayed);
    expect(fresh).toHaveLength(11);
    const numbers = [first, ...fresh].map((s) => Number(s.case.diarienummer.split('/')[1])).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => (numbers[0] as number) + i));
    const stored = await database_.query<{ n: number }>(
      `select count(*)::int as n from cases
       where organisation_id = 'almi-malardalen' and (description = 'Första' or description like 'Nummer %')`,
    );
    expect(stored[0]?.n).toBe(12);
  });

  it('keeps every digit past the 99,999th case of a year (at least five digits, never cut)', async () => {
    const database_ = database();
    const now = new Date('2026-11-20T10:00:00Z');
    await database_.query(
      `insert into diarium_counters (organisation_id, year, last) values ('nerikes-brandkar', 2026, 99998)
       on conflict (organisation_id, year) do update set last = 99998`,
    );
    const next = async () =>
      (
        await cases.submitCase(database_.db, owner, submission({ offeringId: 'nerikes-brandkar-brandfarlig-vara' }), {
          links,
          now,
        })
      ).case.diarienummer;
    expect(await next()).toMatch(/^[A-ZÅÄÖ]+ 2026\/99999$/);
    expect(await next()).toMatch(/^[A-ZÅÄÖ]+ 2026\/100000$/);
    expect(await next()).toMatch(/^[A-ZÅÄÖ]+ 2026\/100001$/);
  });

  it('never creates a second case for a retried Idempotency-Key, also when the retries race', async () => {
    const { db } = database();
    const key = `retry-${randomUUID()}`;
    const first = await cases.submitCase(db, owner, submission(), { links, idempotencyKey: key });
    const again = await cases.submitCase(db, owner, submission(), { links, idempotencyKey: key });
    expect(again.replayed).toBe(true);
    expect(again.case.id).toBe(first.case.id);
    const raceKey = `race-${randomUUID()}`;
    const raced = await Promise.all(
      Array.from({ length: 5 }, () => cases.submitCase(db, owner, submission(), { links, idempotencyKey: raceKey })),
    );
    expect(new Set(raced.map((r) => r.case.id)).size).toBe(1);
  });

  it('keeps internal notes from the company, shows messages with read receipts, and lets it reply and withdraw', async () => {
    const { db } = database();
    const submitted = await cases.submitCase(db, owner, submission(), { links });
    const id = submitted.case.id;
    await cases.addStaffEntry(db, bygglov, id, 'note', 'Intern: kolla detaljplanen först', links);
    await cases.addStaffEntry(db, bygglov, id, 'message', 'Kan ni skicka en situationsplan?', links);
    const seen = await cases.getMyCase(db, owner, id);
    expect(seen.timeline.map((e) => e.kind)).toEqual(['submitted', 'message']);
    expect(JSON.stringify(seen)).not.toContain('Intern: kolla');
    const staffView = await cases.getCaseForStaff(db, bygglov, id);
    const message = staffView.timeline.find((e) => e.kind === 'message');
    expect(message?.readByCompanyAt).not.toBeNull();
    expect(staffView.timeline.map((e) => e.kind)).toContain('note');

    await cases.replyAsCompany(db, owner, id, 'Situationsplanen kommer i morgon.');
    const current = await cases.getMyCase(db, owner, id);
    const withdrawn = await cases.withdrawAsCompany(db, owner, id, current.version);
    expect(withdrawn.status.code).toBe('aterkallat');
    await expectCode(cases.withdrawAsCompany(db, owner, id, withdrawn.version), 'illegal_transition');
  });

  it('shows a case submitted without signing in only after the e-mail link is opened', async () => {
    const { db } = database();
    const submitted = await cases.submitCase(db, null, submission({ companyName: 'Tumba Bygg AB' }), { links });
    expect(submitted.followUrl).toMatch(/^http:\/\/lotsen\.test\/folj\/[A-Za-z0-9_-]{43}$/);
    const before = await cases.listInbox(db, bygglov, { limit: 100 });
    expect(before.items.map((c) => c.id)).not.toContain(submitted.case.id);
    const token = (submitted.followUrl as string).split('/').pop() as string;
    const followed = await cases.followCase(db, token);
    expect(followed.timeline.map((e) => e.kind)).toContain('verified');
    const after = await cases.listInbox(db, bygglov, { limit: 100 });
    expect(after.items.map((c) => c.id)).toContain(submitted.case.id);
    await expectCode(cases.followCase(db, 'x'.repeat(43)), 'case_not_found');
  });

  it('filters the inbox by status, assignee and overdue, and assigns in bulk', async () => {
    const { db } = database();
    const a = await cases.submitCase(db, owner, submission(), { links });
    const b = await cases.submitCase(db, owner, submission(), { links });
    // The handler must exist as staff of the unit (see assignment.db.test.ts).
    const me = {
      ...bygglov,
      userId: (
        await signInStaff(
          database(),
          bygglov.memberships.map((m) => ({ ...m })),
        )
      ).userId,
    };
    expect(await cases.assignCases(db, me, [a.case.id, b.case.id], me.userId, links)).toBe(2);
    const mine = await cases.listInbox(db, me, { assignee: 'me', limit: 100 });
    expect(mine.items.map((c) => c.id)).toEqual(expect.arrayContaining([a.case.id, b.case.id]));
    const overdue = await cases.listInbox(db, bygglov, { overdue: true, limit: 100 });
    expect(overdue.items.every((c) => c.overdue)).toBe(true);
    await expectCode(cases.assignCases(db, almi, [a.case.id], almi.userId, links), 'case_not_found');
  });

  it('pages the inbox in a stable order and stops counting past the page, saying so', async () => {
    const { db } = database();
    const worker = caseWorker('almi-malardalen', null);
    for (let i = 0; i < 5; i++) {
      await cases.submitCase(db, owner, submission({ offeringId: 'almi-malardalen-foretagslan' }), { links });
    }
    const scope = { scopes: [{ organisationId: 'almi-malardalen', unitId: null }] };
    const all = await repo.listCases(db, scope, { limit: 100, offset: 0 });
    expect(all.total).toBe(all.rows.length);
    expect(all.totalIsLowerBound).toBe(false);
    // Counting stops three past the page's start: 5 cases or more, a page of 2 → "at least 3".
    const first = await repo.listCases(db, scope, { limit: 2, offset: 0 }, 3);
    expect(first).toMatchObject({ total: 3, totalIsLowerBound: true });
    const second = await repo.listCases(db, scope, { limit: 2, offset: 2 }, 3);
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(all.rows.slice(0, 4).map((r) => r.id));
    // The last page counts exactly; a page past the end still knows the total.
    expect(await repo.listCases(db, scope, { limit: 2, offset: all.total - 1 }, 3)).toMatchObject({
      total: all.total,
      totalIsLowerBound: false,
    });
    const past = await repo.listCases(db, scope, { limit: 2, offset: all.total + 10 }, 3);
    expect(past).toMatchObject({ rows: [], total: all.total, totalIsLowerBound: false });
    // Through the service, as the inbox API answers.
    const inbox = await cases.listInbox(db, worker, { limit: 2 });
    expect(inbox.items).toHaveLength(2);
    expect(inbox.totalIsLowerBound).toBe(false);
    expect(inbox.total).toBe(all.total);
  });

  describe_outbox(database);
});

function describe_outbox(database: () => ReturnType<Parameters<Parameters<typeof describeEachDatabase>[1]>[0]>) {
  let mailbox: Awaited<ReturnType<typeof startLocalMailbox>>;
  beforeAll(async () => {
    mailbox = await startLocalMailbox();
  });
  afterAll(() => mailbox.close());

  it('sends the queued e-mails through a real SMTP server, once each', async () => {
    const { db } = database();
    const owner = company('5560360793');
    const submitted = await cases.submitCase(
      db,
      owner,
      submission({ contact: { name: 'Per', email: 'per@smtp.example' } }),
      { links },
    );
    const mailer = smtpMailer(mailbox.url, 'Lotsen <noreply@lotsen.test>');
    while ((await drainOutbox(db, mailer)) > 0) {}
    const mine = mailbox.messages.filter((m: ReceivedMail) => m.to.includes('per@smtp.example'));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.subject).toContain(submitted.case.diarienummer);
    expect(mine[0]?.text).toContain('Mina ärenden');
    expect(await drainOutbox(db, mailer)).toBe(0);
  });

  it('sends e-mails in batches at the same time; one that fails stays pending while the others are sent', async () => {
    const { db } = database();
    while ((await drainOutbox(db, { send: async () => {} })) > 0) {}
    for (const name of ['ett', 'två', 'tre', 'fyra', 'fem']) {
      await cases.submitCase(
        db,
        company('5560360793'),
        submission({ contact: { name, email: `${name === 'två' ? 'tva' : name}@batch.example` } }),
        { links },
      );
    }
    const sent: string[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const mailer = {
      async send(message: { to: string }) {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 20));
        inFlight--;
        if (message.to === 'tre@batch.example') throw new Error('550 mailbox unavailable');
        sent.push(message.to);
      },
    };
    // Five e-mails (and any statistics refresh the submissions queued).
    expect(await drainOutbox(db, mailer)).toBeGreaterThanOrEqual(5);
    expect(mostInFlight).toBe(5);
    expect(sent.sort()).toEqual(['ett', 'fem', 'fyra', 'tva'].map((n) => `${n}@batch.example`));
    const failed = (await listByStatus(db, 'pending')).filter((m) =>
      JSON.stringify(m.payload).includes('@batch.example'),
    );
    expect(failed.map((m) => [(m.payload as { to: string }).to, m.attempts, m.lastError])).toEqual([
      ['tre@batch.example', 1, '550 mailbox unavailable'],
    ]);
    expect(await drainOutbox(db, mailer)).toBe(0); // the failed one waits for its retry time
  });

  it('retries a failing send with backoff and keeps it pending, not lost', async () => {
    const { db } = database();
    await cases.submitCase(
      db,
      company('5560360793'),
      submission({ contact: { name: 'Eva', email: 'eva@down.example' } }),
      { links },
    );
    const broken = smtpMailer('smtp://127.0.0.1:9', 'Lotsen <noreply@lotsen.test>');
    await drainOutbox(db, broken);
    const pending = await listByStatus(db, 'pending');
    const eva = pending.find((m) => JSON.stringify(m.payload).includes('eva@down.example'));
    expect(eva?.attempts).toBe(1);
    expect(eva?.lastError).toBeTruthy();
    expect(eva && eva.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
  });
}
