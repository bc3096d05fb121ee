import { expect, it } from 'vitest';
import { caseWorker, company, expectCode, links, submission } from '../../../../test/support/cases.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import * as cases from './cases.service.js';

describeEachDatabase('a referral with consent', (database) => {
  const owner = company('5560360793');
  const bygglov = caseWorker('botkyrka-kommun', 'bygglov');
  const almi = caseWorker('almi-malardalen', null);

  it('lets the receiving organisation see the case while the consent stands, and not once it is revoked', async () => {
    const { db } = database();
    const { case: submitted } = await cases.submitCase(db, owner, submission(), { links });
    const consented = await cases.giveConsentAsCompany(db, owner, submitted.id, {
      organisationId: 'almi-malardalen',
      purpose: 'Att Almi får se ärendet och kontakta oss om finansiering.',
    });
    const consentId = consented.consents[0]?.id as string;
    await cases.referCase(db, bygglov, submitted.id, { toOfferingId: 'almi-malardalen-foretagslan', mode: 'full' });

    expect((await cases.getCaseForStaff(db, almi, submitted.id)).id).toBe(submitted.id);
    const before = await cases.listInbox(db, almi, { limit: 100 });
    expect(before.items.map((c) => c.id)).toContain(submitted.id);

    const revoked = await cases.revokeConsentAsCompany(db, owner, submitted.id, consentId);
    expect(revoked.consents.find((c) => c.id === consentId)?.revokedAt).not.toBeNull();
    await expectCode(cases.getCaseForStaff(db, almi, submitted.id), 'case_not_found');
    const after = await cases.listInbox(db, almi, { limit: 100 });
    expect(after.items.map((c) => c.id)).not.toContain(submitted.id);
    // The owner still sees it, with the revocation on its timeline; and a new referral needs new consent.
    const owned = await cases.getCaseForStaff(db, bygglov, submitted.id);
    expect(owned.timeline.some((e) => e.kind === 'consent' && e.data.revoked === true)).toBe(true);
    await expectCode(
      cases.referCase(db, bygglov, submitted.id, { toOfferingId: 'almi-malardalen-foretagslan', mode: 'full' }),
      'consent_missing',
    );

    // Consent given again: the referral's organisation sees the case again only through a new referral.
    await cases.giveConsentAsCompany(db, owner, submitted.id, { organisationId: 'almi-malardalen', purpose: 'Igen.' });
    await expectCode(cases.getCaseForStaff(db, almi, submitted.id), 'case_not_found');
    await cases.referCase(db, bygglov, submitted.id, { toOfferingId: 'almi-malardalen-foretagslan', mode: 'full' });
    expect((await cases.getCaseForStaff(db, almi, submitted.id)).id).toBe(submitted.id);
  });
});
