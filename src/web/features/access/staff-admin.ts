import type { AddStaffRequest, MeResponse } from '../../../contracts/access.js';

export const STAFF_ROLES = ['case-worker', 'coordinator', 'org-admin', 'analyst', 'system-admin'] as const;
export type StaffRoleName = (typeof STAFF_ROLES)[number];

/** Which organisations' staff the person may administer: `all` for system admins. */
export function administered(me: MeResponse): { all: boolean; organisationIds: string[] } {
  const all = me.roles.includes('system-admin');
  const organisationIds = [
    ...new Set(me.memberships.filter((m) => m.role === 'org-admin').map((m) => m.organisationId)),
  ];
  return { all, organisationIds };
}

/** The roles the person may hand out: only system admins make system admins. */
export function grantableRoles(me: MeResponse): StaffRoleName[] {
  return STAFF_ROLES.filter((r) => r !== 'system-admin' || me.roles.includes('system-admin'));
}

export interface NewStaffForm {
  email: string;
  subject: string;
  name: string;
  role: StaffRoleName;
  unitId: string;
}

export type NewStaffError = 'identityRequired' | 'emailInvalid';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What is wrong with the form before it is sent, per field. */
export function newStaffErrors(form: NewStaffForm): Partial<Record<'email', NewStaffError>> {
  const email = form.email.trim();
  if (!email && !form.subject.trim()) return { email: 'identityRequired' };
  if (email && !EMAIL.test(email)) return { email: 'emailInvalid' };
  return {};
}

/** The request body: empty fields left out, no unit means the whole organisation. */
export function toAddStaffRequest(form: NewStaffForm): AddStaffRequest {
  const email = form.email.trim();
  const subject = form.subject.trim();
  const name = form.name.trim();
  return {
    ...(email ? { email } : {}),
    ...(subject ? { subject } : {}),
    ...(name ? { name } : {}),
    role: form.role,
    unitId: form.unitId || null,
  };
}
