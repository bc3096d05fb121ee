import type { StaffRole, UserKind } from './access.policies.js';

/**
 * The issuer recorded for people who sign in through the built-in development provider. A fixed
 * name rather than its URL, so the demo users stay the same whatever port the server listens on.
 */
export const DEV_ISSUER = 'urn:lotsen:dev-idp';

export interface DemoUser {
  /** The subject the development provider issues; also the account id on its login page. */
  subject: string;
  kind: UserKind;
  name: string;
  email: string;
  /** Test personnummer (12 digits, valid check digit; not real people). */
  personnummer?: string;
  /** What the login page says about the person. */
  description: string;
  companies?: { orgnr: string; name: string }[];
  memberships?: { organisationId: string; unitId: string | null; role: StaffRole }[];
}

/** One person per role of the demo region; the development provider lists them on its login page. */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    subject: 'foretagare-botkyrka',
    kind: 'company-rep',
    name: 'Amira Haddad',
    email: 'amira@example.se',
    personnummer: '191212121212',
    description: 'Företagare i Botkyrka (Tumba Bageri AB)',
    companies: [{ orgnr: '5599000014', name: 'Tumba Bageri AB' }],
  },
  {
    subject: 'foretagare-vasteras',
    kind: 'company-rep',
    name: 'Erik Lindqvist',
    email: 'erik@example.se',
    personnummer: '198506142382',
    description: 'Företagare i Västerås (två bolag)',
    companies: [
      { orgnr: '5599000022', name: 'Mälardalens Elmotor AB' },
      { orgnr: '5599000030', name: 'Västerås Robotservice AB' },
    ],
  },
  {
    subject: 'lots-vastmanland',
    kind: 'staff',
    name: 'Karin Sjöberg',
    email: 'karin.sjoberg@example.se',
    description: 'Företagslots, Region Västmanland (framdörrens inkorg)',
    memberships: [{ organisationId: 'region-vastmanland', unitId: null, role: 'coordinator' }],
  },
  {
    subject: 'handlaggare-botkyrka-bygglov',
    kind: 'staff',
    name: 'Jonas Ek',
    email: 'jonas.ek@example.se',
    description: 'Handläggare, Botkyrka kommun – bygglov',
    memberships: [{ organisationId: 'botkyrka-kommun', unitId: 'bygglov', role: 'case-worker' }],
  },
  {
    subject: 'handlaggare-botkyrka-miljo',
    kind: 'staff',
    name: 'Leila Karimi',
    email: 'leila.karimi@example.se',
    description: 'Handläggare, Botkyrka kommun – miljö',
    memberships: [{ organisationId: 'botkyrka-kommun', unitId: 'miljo', role: 'case-worker' }],
  },
  {
    subject: 'handlaggare-almi',
    kind: 'staff',
    name: 'Per Holm',
    email: 'per.holm@example.se',
    description: 'Rådgivare, Almi Mälardalen – finansiering',
    memberships: [{ organisationId: 'almi-malardalen', unitId: 'finansiering', role: 'case-worker' }],
  },
  {
    subject: 'handlaggare-business-sweden',
    kind: 'staff',
    name: 'Sofia Berg',
    email: 'sofia.berg@example.se',
    description: 'Exportrådgivare, Business Sweden',
    memberships: [{ organisationId: 'business-sweden', unitId: 'regional-exportradgivning', role: 'case-worker' }],
  },
  {
    subject: 'investering-business-sweden',
    kind: 'staff',
    name: 'Oskar Wahlberg',
    email: 'oskar.wahlberg@example.se',
    description: 'Investeringsfrämjare, Business Sweden (investeringsförfrågningar)',
    memberships: [{ organisationId: 'business-sweden', unitId: 'investeringsframjande', role: 'case-worker' }],
  },
  {
    subject: 'analytiker-region',
    kind: 'staff',
    name: 'Maja Lund',
    email: 'maja.lund@example.se',
    description: 'Analytiker, Region Västmanland',
    memberships: [{ organisationId: 'region-vastmanland', unitId: 'regional-utveckling', role: 'analyst' }],
  },
  {
    subject: 'admin-botkyrka',
    kind: 'staff',
    name: 'Anders Nyström',
    email: 'anders.nystrom@example.se',
    description: 'Organisationsadministratör, Botkyrka kommun',
    memberships: [{ organisationId: 'botkyrka-kommun', unitId: null, role: 'org-admin' }],
  },
  {
    subject: 'systemadmin',
    kind: 'staff',
    name: 'Eva Strand',
    email: 'eva.strand@example.se',
    description: 'Systemadministratör, Lotsen',
    memberships: [{ organisationId: 'region-vastmanland', unitId: null, role: 'system-admin' }],
  },
];

export function findDemoUser(subject: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.subject === subject);
}
