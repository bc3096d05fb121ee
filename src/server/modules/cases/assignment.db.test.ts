import { beforeAll, expect, it } from 'vitest';
import { company, expectCode, links, submission } from '../../../../test/support/cases.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { signInStaff } from '../../../../test/support/staff.js';
import type { Principal, StaffRole } from '../access/access.policies.js';
import { upsertMembership } from '../access/access.repository.js';
import { demoUserId } from '../access/access.service.js';
import { searchAudit } from '../audit/audit.repository.js';
import { listByStatus } from '../outbox/outbox.repository.js';
import * as cases from './cases.service.js';

const ORG = 'botkyrka-kommun';

/** The principal of a person signed in with these memberships (as the session would make it). */
function principal(userId: string, memberships: Principal['memberships']): Principal {
  return {
    userId,
    kind: 'staff',
    roles: [...new Set(memberships.map((m) => m.role))],
    memberships,
    actingCompany: null,
  };
}

describeEachDatabase('assigning cases to a handler', (database) => {
  const owner = company('5560360793');
  const people: Record<string, { id: string; principal: Principal }> = {};

  beforeAll(async () => {
    const staff = async (name: string, organisationId: string, unitId: string | null, role: StaffRole) => {
      const membership = { organisationId, unitId, role };
      const { userId } = await signInStaff(database(), [membership]);
      people[name] = { id: userId, principal: principal(userId, [membership]) };
    };
    await staff('bygglov', ORG, 'bygglov', 'case-worker');
    await staff('bygglov2', ORG, 'bygglov', 'case-worker');
    await staff('miljo', ORG, 'miljo', 'case-worker');
    await staff('wholeOrg', ORG, null, 'case-worker');
    await staff('almi', 'almi-malardalen', null, 'case-worker');
    await staff('analyst', ORG, null, 'analyst');
    await staff('coordinator', 'region-vastmanland', null, 'coordinator');
  });

  const who = (name: string) => people[name] as { id: string; principal: Principal };

  it('assigns in bulk to a colleague who handles the cases, with a timeline event and an audit entry each', async () => {
    const { db } = database();
    const a = await cases.submitCase(db, owner, submission(), { links });
    const b = await cases.submitCase(db, owner, submission(), { links });
    expect(
      await cases.assignCases(db, who('bygglov').principal, [a.case.id, b.case.id], who('bygglov2').id, links),
    ).toBe(2);
    const theirs = await cases.listInbox(db, who('bygglov2').principal, { assignee: 'me', limit: 100 });
    expect(theirs.items.map((c) => c.id)).toEqual(expect.arrayContaining([a.case.id, b.case.id]));
    // Someone of the whole organisation may take a unit's case; and a case can be unassigned again.
    expect(await cases.assignCases(db, who('bygglov').principal, [a.case.id], who('wholeOrg').id, links)).toBe(1);
    expect(await cases.assignCases(db, who('bygglov').principal, [b.case.id], null, links)).toBe(1);
    const timeline = (await cases.getCaseForStaff(db, who('bygglov').principal, a.case.id)).timeline;
    expect(timeline.filter((e) => e.kind === 'assigned').map((e) => e.data.assigneeId)).toEqual([
      who('bygglov2').id,
      who('wholeOrg').id,
    ]);
    const audit = await searchAudit(db, { entityId: a.case.id, action: 'case.assigned' }, { limit: 10, offset: 0 });
    expect(audit.map((e) => (e.details as { to: string }).to).sort()).toEqual(
      [who('bygglov2').id, who('wholeOrg').id].sort(),
    );
  });

  it('refuses a handler who would not see the case, and changes none of the cases', async () => {
    const { db } = database();
    const a = await cases.submitCase(db, owner, submission(), { links });
    const b = await cases.submitCase(db, owner, submission(), { links });
    const assigner = who('wholeOrg').principal;
    const refusals = [
      who('almi').id, // another organisation
      who('miljo').id, // another unit of the same organisation
      who('analyst').id, // staff of the organisation who do not handle cases
      await demoUserId(db, 'foretagare-botkyrka'), // a company representative
      '01a24e50-7f2d-7000-8836-b462a7bfc356', // nobody
    ];
    for (const assignee of refusals) {
      await expectCode(cases.assignCases(db, assigner, [a.case.id, b.case.id], assignee, links), 'validation_failed');
    }
    // One case the handler may take and one they may not: neither is assigned.
    const miljo = await cases.submitCase(
      db,
      owner,
      submission({ offeringId: 'botkyrka-kommun-livsmedelsregistrering' }),
      {
        links,
      },
    );
    const error = await cases
      .assignCases(db, assigner, [a.case.id, miljo.case.id], who('bygglov').id, links)
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'validation_failed' });
    expect(String(error.message)).toContain(miljo.case.diarienummer);
    expect(String(error.message)).not.toContain(a.case.diarienummer);
    for (const id of [a.case.id, b.case.id, miljo.case.id]) {
      const found = await cases.getCaseForStaff(db, assigner, id);
      expect(found.assigneeId).toBeNull();
      expect(found.timeline.some((e) => e.kind === 'assigned')).toBe(false);
    }
    // A coordinator sees every case, so may be given any.
    expect(await cases.assignCases(db, assigner, [a.case.id, miljo.case.id], who('coordinator').id, links)).toBe(2);
  });

  it('e-mails the colleague who was given cases (numbers, offerings and links; no company data), not oneself', async () => {
    const { db } = database();
    const anders = await demoUserId(db, 'admin-botkyrka'); // Anders Nyström, anders.nystrom@example.se
    const a = await cases.submitCase(db, owner, submission({ companyName: 'Tumba Bageri AB' }), { links });
    const b = await cases.submitCase(db, owner, submission({ companyName: 'Tumba Bageri AB' }), { links });
    const toAnders = async () =>
      (await listByStatus(db, 'pending', 1000))
        .map((m) => m.payload as { to: string; subject: string; text: string })
        .filter((m) => m.to === 'anders.nystrom@example.se');
    const before = (await toAnders()).length;
    expect(await cases.assignCases(db, who('bygglov').principal, [a.case.id, b.case.id], anders, links)).toBe(2);
    const all = await toAnders(); // newest first
    expect(all).toHaveLength(before + 1);
    const mail = all[0] as { subject: string; text: string };
    expect(mail.subject).toBe('Du har fått 2 ärenden i Lotsen');
    for (const c of [a.case, b.case]) {
      expect(mail.text).toContain(c.diarienummer);
      expect(mail.text).toContain(`http://lotsen.test/handlaggning/${c.id}`);
    }
    expect(mail.text).not.toContain('Tumba Bageri');
    expect(mail.text).not.toContain('Sara Företagare');
    // Given again to the same person, to oneself, or taken away: no e-mail.
    await cases.assignCases(db, who('bygglov').principal, [a.case.id], anders, links);
    await cases.assignCases(db, who('bygglov').principal, [a.case.id], who('bygglov').id, links);
    await cases.assignCases(db, who('bygglov').principal, [a.case.id], null, links);
    expect((await toAnders()).length).toBe(before + 1);
    // One case: its number in the subject.
    await cases.assignCases(db, who('bygglov').principal, [a.case.id], anders, links);
    expect((await toAnders()).map((m) => m.subject)).toContain(`Du har fått ärendet ${a.case.diarienummer}`);
  });

  it('refuses a colleague whose membership has ended', async () => {
    const { db } = database();
    const { userId } = await signInStaff(database(), [{ organisationId: ORG, unitId: 'bygglov', role: 'case-worker' }]);
    const a = await cases.submitCase(db, owner, submission(), { links });
    expect(await cases.assignCases(db, who('bygglov').principal, [a.case.id], userId, links)).toBe(1);
    await upsertMembership(db, { userId, organisationId: ORG, unitId: 'bygglov', role: 'case-worker', active: false });
    await expectCode(cases.assignCases(db, who('bygglov').principal, [a.case.id], userId, links), 'validation_failed');
  });

  it("lists the colleagues whom the inbox's cases may be assigned to, each once", async () => {
    const { db } = database();
    const ids = async (name: string) => (await cases.listAssignees(db, who(name).principal)).items.map((p) => p.id);
    const forBygglov = await ids('bygglov');
    expect(forBygglov).toEqual(expect.arrayContaining([who('bygglov').id, who('bygglov2').id, who('wholeOrg').id]));
    for (const other of ['miljo', 'almi', 'analyst', 'coordinator']) expect(forBygglov).not.toContain(who(other).id);
    expect(new Set(forBygglov).size).toBe(forBygglov.length);
    const forWholeOrg = await ids('wholeOrg');
    expect(forWholeOrg).toEqual(expect.arrayContaining([who('miljo').id, who('bygglov').id]));
    expect(forWholeOrg).not.toContain(who('almi').id);
    const forCoordinator = await ids('coordinator');
    expect(forCoordinator).toEqual(expect.arrayContaining([who('almi').id, who('miljo').id, who('coordinator').id]));
    // For one case: the people who would see it, and nobody for a case I may not see.
    const bygglovCase = await cases.submitCase(db, owner, submission(), { links });
    const forCase = (await cases.listAssignees(db, who('wholeOrg').principal, bygglovCase.case.id)).items.map(
      (p) => p.id,
    );
    expect(forCase).toEqual(expect.arrayContaining([who('bygglov').id, who('bygglov2').id, who('wholeOrg').id]));
    expect(forCase).not.toContain(who('miljo').id);
    await expectCode(cases.listAssignees(db, who('almi').principal, bygglovCase.case.id), 'case_not_found');
    const named = (await cases.listAssignees(db, who('bygglov').principal)).items;
    expect(named.find((p) => p.id === who('bygglov2').id)?.name).toBe('Testperson');
  });
});
