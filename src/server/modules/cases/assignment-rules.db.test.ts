import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { company, expectCode, links, submission } from '../../../../test/support/cases.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { signInStaff } from '../../../../test/support/staff.js';
import { AppError } from '../../errors.js';
import type { Principal } from '../access/access.policies.js';
import { searchAudit } from '../audit/audit.repository.js';
import * as cases from './cases.service.js';

const ORG = 'botkyrka-kommun';

const representative = company('5560360793');
const orgAdmin: Principal = {
  userId: randomUUID(),
  kind: 'staff',
  roles: ['org-admin'],
  memberships: [{ organisationId: ORG, unitId: null, role: 'org-admin' }],
  actingCompany: null,
};
const coordinator: Principal = {
  userId: randomUUID(),
  kind: 'staff',
  roles: ['coordinator'],
  memberships: [{ organisationId: 'region-vastmanland', unitId: null, role: 'coordinator' }],
  actingCompany: null,
};

describeEachDatabase('auto-assignment rules', (database) => {
  let bygglovWorker = '';
  let orgWorker = '';
  let otherWorker = '';
  let almiWorker = '';

  beforeAll(async () => {
    const staff = async (organisationId: string, unitId: string | null) =>
      (await signInStaff(database(), [{ organisationId, unitId, role: 'case-worker' }])).userId;
    bygglovWorker = await staff(ORG, 'bygglov');
    orgWorker = await staff(ORG, null);
    otherWorker = await staff(ORG, null);
    almiWorker = await staff('almi-malardalen', 'finansiering');
  });

  // Each test starts with no rules.
  afterEach(async () => {
    const { db } = database();
    for (const rule of (await cases.listAssignmentRules(db, orgAdmin, ORG)).items) {
      await cases.deleteAssignmentRule(db, orgAdmin, rule.id);
    }
  });

  it('assigns a new case by municipality, with an internal timeline event and an audit entry', async () => {
    const { db } = database();
    const rule = await cases.createAssignmentRule(db, orgAdmin, ORG, { municipality: '0127', assigneeId: orgWorker });
    const submitted = await cases.submitCase(db, representative, submission(), { links });
    expect(submitted.case.assigneeId).toBe(orgWorker);
    // The company does not see the internal assignment.
    expect(submitted.case.timeline.some((e) => e.kind === 'assigned')).toBe(false);

    const staffView = await cases.getCaseForStaff(db, orgAdmin, submitted.case.id);
    const assigned = staffView.timeline.find((e) => e.kind === 'assigned');
    expect(assigned).toMatchObject({ visibility: 'internal', data: { assigneeId: orgWorker, ruleId: rule.id } });
    const audit = await searchAudit(
      db,
      { entityId: submitted.case.id, action: 'case.auto_assigned' },
      { limit: 10, offset: 0 },
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorKind: 'system', details: { to: orgWorker, ruleId: rule.id } });

    // A case from another municipality does not match.
    const elsewhere = await cases.submitCase(db, representative, submission({ municipality: '0180' }), { links });
    expect(elsewhere.case.assigneeId).toBeNull();
  });

  it('lets a rule for the offering win over a unit-wide rule, whatever their priority', async () => {
    const { db } = database();
    await cases.createAssignmentRule(db, orgAdmin, ORG, { unitId: 'bygglov', assigneeId: bygglovWorker, priority: 1 });
    await cases.createAssignmentRule(db, orgAdmin, ORG, {
      offeringId: 'botkyrka-kommun-bygglov',
      assigneeId: otherWorker,
      priority: 500,
    });
    const submitted = await cases.submitCase(db, representative, submission(), { links });
    expect(submitted.case.assigneeId).toBe(otherWorker);
  });

  it('among equally specific rules, the lowest priority number wins', async () => {
    const { db } = database();
    await cases.createAssignmentRule(db, orgAdmin, ORG, { unitId: 'bygglov', assigneeId: orgWorker, priority: 20 });
    await cases.createAssignmentRule(db, orgAdmin, ORG, { unitId: 'bygglov', assigneeId: bygglovWorker, priority: 10 });
    const submitted = await cases.submitCase(db, representative, submission(), { links });
    expect(submitted.case.assigneeId).toBe(bygglovWorker);
  });

  it("refuses a rule for another organisation's staff, an unknown person or a unit member outside the unit", async () => {
    const { db } = database();
    await expectCode(
      cases.createAssignmentRule(db, orgAdmin, ORG, { municipality: '0127', assigneeId: almiWorker }),
      'validation_failed',
    );
    await expectCode(
      cases.createAssignmentRule(db, orgAdmin, ORG, { municipality: '0127', assigneeId: randomUUID() }),
      'validation_failed',
    );
    await expectCode(
      cases.createAssignmentRule(db, orgAdmin, ORG, { unitId: 'miljo', assigneeId: bygglovWorker }),
      'validation_failed',
    );
    await expectCode(
      cases.createAssignmentRule(db, orgAdmin, ORG, {
        offeringId: 'almi-malardalen-foretagslan',
        assigneeId: orgWorker,
      }),
      'validation_failed',
    );
    // Only the organisation's admins (and system admins) manage its rules.
    const almiAdmin: Principal = {
      ...orgAdmin,
      memberships: [{ organisationId: 'almi-malardalen', unitId: null, role: 'org-admin' }],
    };
    await expectCode(
      cases.createAssignmentRule(db, almiAdmin, ORG, { municipality: '0127', assigneeId: orgWorker }),
      'forbidden',
    );
    await expectCode(cases.listAssignmentRules(db, almiAdmin, ORG), 'forbidden');
    expect((await cases.listAssignmentRules(db, orgAdmin, ORG)).items).toEqual([]);
  });

  it('ignores an inactive rule', async () => {
    const { db } = database();
    await cases.createAssignmentRule(db, orgAdmin, ORG, {
      offeringId: 'botkyrka-kommun-bygglov',
      assigneeId: otherWorker,
      active: false,
    });
    const unassigned = await cases.submitCase(db, representative, submission(), { links });
    expect(unassigned.case.assigneeId).toBeNull();

    await cases.createAssignmentRule(db, orgAdmin, ORG, { assigneeId: orgWorker });
    const fallback = await cases.submitCase(db, representative, submission(), { links });
    expect(fallback.case.assigneeId).toBe(orgWorker);
  });

  it('assigns the parts of a split case by the rules of their organisation', async () => {
    const { db } = database();
    await cases.createAssignmentRule(db, orgAdmin, ORG, {
      offeringId: 'botkyrka-kommun-bygglov',
      assigneeId: bygglovWorker,
    });
    const submitted = await cases.submitCase(
      db,
      representative,
      submission({ offeringId: 'botkyrka-kommun-planbesked' }),
      {
        links,
      },
    );
    expect(submitted.case.assigneeId).toBeNull();
    const split = await cases.splitCase(db, coordinator, submitted.case.id, ['botkyrka-kommun-bygglov']);
    expect(split.parts[0]?.assigneeId).toBe(bygglovWorker);
    expect(split.timeline.find((e) => e.kind === 'assigned')?.data).toMatchObject({
      assigneeId: bygglovWorker,
      partId: split.parts[0]?.id,
    });
  });
});
