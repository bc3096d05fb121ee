import { describe, expect, it } from 'vitest';
import { checkTransition, DEFAULT_WORKFLOWS, isFinal } from './case-status.js';

const application = DEFAULT_WORKFLOWS.find((w) => w.caseType === 'application');
if (!application) throw new Error('no application workflow');

describe('case status workflow', () => {
  it('refuses closing a case that was only received, naming the allowed moves', () => {
    const check = checkTransition(application, 'mottaget', 'avslutat', 'staff');
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(/Mottaget → Avslutat.*Tilldelat/);
  });

  it('refuses any move out of a final status', () => {
    for (const final of ['avslutat', 'avvisat', 'aterkallat']) {
      expect(isFinal(application, final)).toBe(true);
      expect(checkTransition(application, final, 'pagar', 'staff').ok).toBe(false);
    }
  });

  it('refuses an unknown status', () => {
    expect(checkTransition(application, 'pagar', 'arkiverat', 'staff').ok).toBe(false);
  });

  it('lets a company withdraw but not close or reject its own case', () => {
    expect(checkTransition(application, 'pagar', 'aterkallat', 'company').ok).toBe(true);
    expect(checkTransition(application, 'pagar', 'avslutat', 'company').ok).toBe(false);
    expect(checkTransition(application, 'mottaget', 'avvisat', 'company').ok).toBe(false);
  });

  it('lets staff go back and forth between in progress and awaiting information, then close', () => {
    expect(checkTransition(application, 'mottaget', 'tilldelat', 'staff').ok).toBe(true);
    expect(checkTransition(application, 'tilldelat', 'pagar', 'staff').ok).toBe(true);
    expect(checkTransition(application, 'pagar', 'vantar-komplettering', 'staff').ok).toBe(true);
    expect(checkTransition(application, 'vantar-komplettering', 'pagar', 'staff').ok).toBe(true);
    expect(checkTransition(application, 'pagar', 'avslutat', 'staff').ok).toBe(true);
  });

  it('has a workflow with a handling-time promise for every case type', () => {
    expect(DEFAULT_WORKFLOWS.map((w) => w.caseType).sort()).toEqual([
      'advisory',
      'application',
      'inquiry',
      'registration',
    ]);
    for (const w of DEFAULT_WORKFLOWS) expect(w.handlingDays).toBeGreaterThan(0);
  });
});
