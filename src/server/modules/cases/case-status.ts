/**
 * The status workflows of the four case types, held as data (stored per case type in the
 * database, editable by admins); `transition` is the one rule every status change goes through.
 */
export const CASE_TYPES = ['advisory', 'application', 'inquiry', 'registration'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export interface Workflow {
  caseType: string;
  /** Status codes in display order, with Swedish and English labels. */
  statuses: { code: string; sv: string; en: string; final: boolean }[];
  initial: string;
  /** from → allowed to; `byCompany` lists the moves a company may make itself. */
  transitions: Record<string, string[]>;
  byCompany: Record<string, string[]>;
  /** Handläggningstid: working days from receipt to decision. */
  handlingDays: number;
  /** Gallring: years after closing before the case is deleted or anonymised. */
  retentionYears: number;
  /** What gallring does: advice and inquiries are deleted; decisions are kept, anonymised. */
  retentionAction: 'delete' | 'anonymise';
}

const STATUSES = [
  { code: 'mottaget', sv: 'Mottaget', en: 'Received', final: false },
  { code: 'tilldelat', sv: 'Tilldelat', en: 'Assigned', final: false },
  { code: 'pagar', sv: 'Pågår', en: 'In progress', final: false },
  { code: 'vantar-komplettering', sv: 'Väntar på komplettering', en: 'Awaiting information', final: false },
  { code: 'avslutat', sv: 'Avslutat', en: 'Closed', final: true },
  { code: 'avvisat', sv: 'Avvisat', en: 'Rejected', final: true },
  { code: 'aterkallat', sv: 'Återkallat', en: 'Withdrawn', final: true },
];

const HANDLING = {
  transitions: {
    mottaget: ['tilldelat', 'pagar', 'avvisat', 'aterkallat'],
    tilldelat: ['pagar', 'avvisat', 'aterkallat'],
    pagar: ['vantar-komplettering', 'avslutat', 'avvisat', 'aterkallat'],
    'vantar-komplettering': ['pagar', 'avslutat', 'aterkallat'],
  },
  byCompany: {
    mottaget: ['aterkallat'],
    tilldelat: ['aterkallat'],
    pagar: ['aterkallat'],
    'vantar-komplettering': ['aterkallat', 'pagar'],
  },
};

export const DEFAULT_WORKFLOWS: Workflow[] = [
  {
    caseType: 'advisory',
    statuses: STATUSES,
    initial: 'mottaget',
    ...HANDLING,
    handlingDays: 10,
    retentionYears: 2,
    retentionAction: 'delete',
  },
  {
    caseType: 'inquiry',
    statuses: STATUSES,
    initial: 'mottaget',
    ...HANDLING,
    handlingDays: 5,
    retentionYears: 2,
    retentionAction: 'delete',
  },
  {
    caseType: 'application',
    statuses: STATUSES,
    initial: 'mottaget',
    ...HANDLING,
    handlingDays: 40,
    retentionYears: 10,
    retentionAction: 'anonymise',
  },
  {
    caseType: 'registration',
    statuses: STATUSES,
    initial: 'mottaget',
    ...HANDLING,
    handlingDays: 10,
    retentionYears: 10,
    retentionAction: 'anonymise',
  },
];

export type TransitionCheck = { ok: true } | { ok: false; reason: string };

/** Whether `actor` may move a case from `from` to `to` under `workflow`. */
export function checkTransition(
  workflow: Workflow,
  from: string,
  to: string,
  actor: 'staff' | 'company',
): TransitionCheck {
  const known = new Set(workflow.statuses.map((s) => s.code));
  if (!known.has(to)) return { ok: false, reason: `okänd status "${to}"` };
  const label = (code: string) => workflow.statuses.find((s) => s.code === code)?.sv ?? code;
  const allowed = (actor === 'company' ? workflow.byCompany : workflow.transitions)[from] ?? [];
  if (!allowed.includes(to)) {
    const options = allowed.map(label).join(', ') || 'inga (ärendet är avslutat)';
    return { ok: false, reason: `${label(from)} → ${label(to)} är inte tillåtet; möjliga: ${options}` };
  }
  return { ok: true };
}

export function isFinal(workflow: Workflow, status: string): boolean {
  return workflow.statuses.find((s) => s.code === status)?.final ?? false;
}
