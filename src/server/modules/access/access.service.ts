import { createHash, createHmac, randomBytes } from 'node:crypto';
import OrganisationsnummerModule from 'organisationsnummer';
import PersonnummerModule from 'personnummer';
import type {
  AddStaffRequest,
  MeResponse,
  MyDataResponse,
  StaffMemberResponse,
  UpdateStaffRequest,
} from '../../../contracts/access.js';
import type { AuthConfig } from '../../config.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import {
  isStaffRole,
  type Membership,
  mayAdministerOrganisation,
  mayGrantRole,
  type Principal,
  type StaffRole,
  toPrincipal,
  type UserKind,
} from './access.policies.js';
import * as repo from './access.repository.js';
import { DEMO_USERS, DEV_ISSUER } from './demo-users.js';

// The package is CommonJS with `module.exports = class`; its types claim an ES default export.
const Organisationsnummer = OrganisationsnummerModule as unknown as typeof OrganisationsnummerModule.default;
const Personnummer = PersonnummerModule as unknown as typeof PersonnummerModule.default;

type SessionSettings = Pick<AuthConfig, 'sessionIdleMinutes' | 'sessionMaxHours'> &
  Partial<Pick<AuthConfig, 'sessionCacheSeconds'>>;

/** The cookie's value is a random token; the database holds only its hash. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * The personnummer as a keyed hash (HMAC-SHA256 over the 12 digits). Matching a representation
 * register needs only this; the number itself is never stored.
 */
export function hashPersonnummer(key: string, personnummer: string): string | null {
  const digits = personnummer.replace(/[-+\s]/g, '');
  if (!/^\d{12}$/.test(digits)) return null;
  return createHmac('sha256', key).update(digits).digest('base64url');
}

/** The organisationsnummer as 10 digits, or a 400 naming the field. */
export function normaliseOrgnr(input: string, field = 'orgnr'): string {
  if (!Organisationsnummer.valid(input)) {
    throw new AppError('invalid_orgnr', `${input} är inget giltigt organisationsnummer`, [
      { field, message: 'ogiltigt organisationsnummer (fel format eller kontrollsiffra)' },
    ]);
  }
  return Organisationsnummer.parse(input).format(false);
}

// ---- Sign-in and sessions ----

export interface VerifiedIdentity {
  /** The issuer Lotsen records (the IdP's `iss`, or DEV_ISSUER for the development provider). */
  issuer: string;
  subject: string;
  kind: UserKind;
  name: string | null;
  email: string | null;
  /** From the e-ID broker's personnummer claim; company representatives only. */
  personnummer: string | null;
  /** False when the IdP says the e-mail address is unverified. */
  emailVerified: boolean;
}

/**
 * Finds or creates the person behind a verified ID token. Staff invited by e-mail are linked on
 * their first sign-in, but only when the IdP vouches for the address.
 */
export async function signIn(db: Db, identity: VerifiedIdentity, personalIdKey: string): Promise<repo.UserRow> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const personalIdHash = identity.personnummer ? hashPersonnummer(personalIdKey, identity.personnummer) : null;
    let user = await repo.findUserBySubject(tx, identity.issuer, identity.subject);
    if (!user && identity.kind === 'staff' && identity.email && identity.emailVerified) {
      const invited = await repo.findInvitedByEmail(tx, identity.issuer, identity.email);
      if (invited) user = await repo.updateUser(tx, invited.id, { subject: identity.subject });
    }
    if (!user) {
      return repo.insertUser(tx, {
        issuer: identity.issuer,
        subject: identity.subject,
        kind: identity.kind,
        name: identity.name,
        email: identity.email,
        personalIdHash,
        lastLoginAt: now,
      });
    }
    if (user.kind !== identity.kind) {
      throw new AppError('login_failed', 'Kontot hör till den andra inloggningen (företag eller personal)');
    }
    return repo.updateUser(tx, user.id, {
      name: identity.name ?? user.name,
      email: identity.email ?? user.email,
      personalIdHash: personalIdHash ?? user.personalIdHash,
      lastLoginAt: now,
      erasedAt: null,
    });
  });
}

export interface NewSession {
  token: string;
  csrfToken: string;
  absoluteExpiresAt: Date;
}

/** Opens a session for the user; the caller sets `token` as the cookie. */
export async function createSession(
  db: Db,
  userId: string,
  settings: SessionSettings,
  extra: { issuer: string; now?: Date } = { issuer: DEV_ISSUER },
): Promise<NewSession> {
  const now = extra.now ?? new Date();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const absoluteExpiresAt = new Date(now.getTime() + settings.sessionMaxHours * 3_600_000);
  const user = await repo.findUser(db, userId);
  // A representative with one company acts for it from the start.
  const companies = user?.kind === 'company-rep' ? await repo.representationsOf(db, userId) : [];
  await repo.insertSession(db, {
    idHash: hashSessionToken(token),
    userId,
    csrfToken,
    issuer: extra.issuer,
    actingOrgnr: companies.length === 1 ? (companies[0]?.orgnr ?? null) : null,
    createdAt: now,
    lastSeenAt: now,
    idleExpiresAt: idleExpiry(now, settings, absoluteExpiresAt),
    absoluteExpiresAt,
  });
  return { token, csrfToken, absoluteExpiresAt };
}

function idleExpiry(now: Date, settings: SessionSettings, absolute: Date): Date {
  const idle = new Date(now.getTime() + settings.sessionIdleMinutes * 60_000);
  return idle < absolute ? idle : absolute;
}

export interface ResolvedSession {
  idHash: string;
  csrfToken: string;
  principal: Principal;
  issuer: string;
  expiresAt: Date;
}

// Writing last-seen on every request would turn each read into a write; once a minute is enough.
const TOUCH_AFTER_MS = 60_000;

/** Sessions this process resolved a moment ago, by database and token hash (see sessionCacheSeconds). */
let recentlyResolved = new WeakMap<Db, Map<string, { session: ResolvedSession; until: number }>>();
const MAX_RECENT_SESSIONS = 10_000;

/**
 * Forgets every session this process resolved recently: called on each write that changes what a
 * session means (sign-out, acting company, memberships, the user), so that it takes effect here at
 * once. Another process sees it within its sessionCacheSeconds.
 */
export function forgetResolvedSessions(): void {
  recentlyResolved = new WeakMap();
}

/**
 * The live session behind a cookie token, with the principal as the database has it now (a
 * deactivated membership takes effect on the next request; in another process, within
 * `settings.sessionCacheSeconds`). Null when unknown or expired.
 */
export async function resolveSession(
  db: Db,
  token: string,
  settings: SessionSettings,
  now: Date = new Date(),
): Promise<ResolvedSession | null> {
  const idHash = hashSessionToken(token);
  const keepMs = (settings.sessionCacheSeconds ?? 0) * 1000;
  let recent = recentlyResolved.get(db);
  const hit = recent?.get(idHash);
  if (hit && now.getTime() < hit.until && now < hit.session.expiresAt) return hit.session;
  const resolved = await resolveFromDatabase(db, idHash, settings, now);
  if (keepMs > 0) {
    if (!recent) recentlyResolved.set(db, (recent = new Map()));
    if (!resolved) recent.delete(idHash);
    else {
      if (recent.size >= MAX_RECENT_SESSIONS) recent.clear();
      recent.set(idHash, { session: resolved, until: now.getTime() + keepMs });
    }
  }
  return resolved;
}

async function resolveFromDatabase(
  db: Db,
  idHash: string,
  settings: SessionSettings,
  now: Date,
): Promise<ResolvedSession | null> {
  const found = await repo.findLiveSessionWithUser(db, idHash, now);
  if (!found || found.user.erasedAt) return null;
  const { session, user, memberships } = found;
  let idleExpiresAt = session.idleExpiresAt;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    idleExpiresAt = idleExpiry(now, settings, session.absoluteExpiresAt);
    await repo.touchSession(db, idHash, now, idleExpiresAt);
  }
  return {
    idHash,
    csrfToken: session.csrfToken,
    principal: toPrincipal(
      { id: user.id, kind: user.kind as UserKind },
      memberships.filter((m) => isStaffRole(m.role)) as (Membership & { active: boolean })[],
      session.actingOrgnr,
    ),
    issuer: session.issuer,
    expiresAt: idleExpiresAt,
  };
}

/**
 * Ends the session; returns the issuer to log out at. The ID token is not kept as a logout hint:
 * it carries the person's name and personnummer, and the IdPs accept logout by client id.
 */
export async function endSession(db: Db, idHash: string): Promise<{ issuer: string } | null> {
  const row = await repo.deleteSession(db, idHash);
  forgetResolvedSessions();
  return row ? { issuer: row.issuer } : null;
}

export async function purgeExpiredSessions(db: Db, now: Date = new Date()): Promise<number> {
  return repo.deleteExpiredSessions(db, now);
}

// ---- The signed-in person ----

export async function me(db: Db, session: ResolvedSession): Promise<MeResponse> {
  const { principal } = session;
  const user = await repo.findUser(db, principal.userId);
  if (!user) throw new AppError('unauthenticated', 'Sessionen gäller inte längre');
  const companies = principal.kind === 'company-rep' ? await repo.representationsOf(db, user.id) : [];
  const acting = companies.find((c) => c.orgnr === principal.actingCompany) ?? null;
  return {
    user: { id: user.id, kind: principal.kind, name: user.name, email: user.email },
    roles: [...principal.roles],
    memberships: principal.memberships.map((m) => ({ ...m })),
    companies,
    actingCompany: acting,
    csrfToken: session.csrfToken,
    sessionExpiresAt: session.expiresAt.toISOString(),
  };
}

/**
 * A sole trader's (enskild firma) organisationsnummer is the owner's personnummer: the 12-digit
 * form (century from the separator, `+` for 100 years or older), or null for other companies.
 */
export function soleTraderPersonnummer(input: string): string | null {
  if (!Organisationsnummer.valid(input) || !Organisationsnummer.parse(input).isPersonnummer()) return null;
  try {
    return Personnummer.parse(input.trim()).format(true);
  } catch {
    return null;
  }
}

/**
 * Chooses the company the representative acts for in this session. Only companies the person is
 * recorded as representing can be chosen: the e-ID proves who the person is, not whom they represent.
 * One exception needs no record: a sole trader's firm, whose number is the person's own personnummer.
 */
export async function chooseCompany(
  db: Db,
  session: ResolvedSession,
  input: string,
  personalIdKey: string,
): Promise<void> {
  if (session.principal.kind !== 'company-rep') {
    throw new AppError('forbidden', 'Bara företagsföreträdare väljer företag');
  }
  const orgnr = normaliseOrgnr(input);
  const companies = await repo.representationsOf(db, session.principal.userId);
  const personnummer = soleTraderPersonnummer(input);
  if (!companies.some((c) => c.orgnr === orgnr) && personnummer) {
    const user = await repo.findUser(db, session.principal.userId);
    if (user?.personalIdHash && user.personalIdHash === hashPersonnummer(personalIdKey, personnummer)) {
      await repo.ensureCompany(db, orgnr, null);
      await repo.addRepresentation(db, user.id, orgnr);
      companies.push({ orgnr, name: null });
    }
  }
  if (!companies.some((c) => c.orgnr === orgnr)) {
    throw new AppError('not_representative', `Du är inte registrerad som företrädare för ${orgnr}`, [
      { field: 'orgnr', message: 'inte ett av dina företag' },
    ]);
  }
  await repo.setActingCompany(db, session.idHash, orgnr);
  forgetResolvedSessions();
}

// ---- Organisation admin ----

function assertAdministers(principal: Principal, organisationId: string) {
  if (!mayAdministerOrganisation(principal, organisationId)) {
    throw new AppError('forbidden', `Du administrerar inte ${organisationId}`);
  }
}

async function assertUnit(db: Db, organisationId: string, unitId: string | null | undefined) {
  if (unitId && !(await repo.unitExists(db, organisationId, unitId))) {
    throw new AppError('validation_failed', `Enheten ${unitId} finns inte i ${organisationId}`, [
      { field: 'unitId', message: 'okänd enhet' },
    ]);
  }
}

function toStaffMember(row: repo.StaffRow): StaffMemberResponse {
  return {
    membershipId: row.membership.id,
    userId: row.user.id,
    name: row.user.name,
    email: row.user.email,
    signedIn: row.user.subject !== null,
    unitId: row.membership.unitId,
    role: row.membership.role,
    active: row.membership.active,
  };
}

export async function listStaff(db: Db, principal: Principal, organisationId: string) {
  assertAdministers(principal, organisationId);
  if (!(await repo.organisationExists(db, organisationId))) {
    throw new AppError('organisation_not_found', `Organisationen ${organisationId} finns inte`);
  }
  const rows = await repo.staffOf(db, organisationId);
  return { items: rows.map(toStaffMember), total: rows.length };
}

/**
 * Adds a staff member to the organisation, by the subject at the staff IdP or by e-mail (linked
 * on first sign-in). Someone already known gets the membership added or updated.
 */
export async function addStaff(
  db: Db,
  principal: Principal,
  organisationId: string,
  input: AddStaffRequest,
  staffIssuer: string,
): Promise<StaffMemberResponse> {
  assertAdministers(principal, organisationId);
  if (!input.email && !input.subject) {
    throw new AppError('validation_failed', 'Ange e-postadress eller IdP-identitet (subject)', [
      { field: 'email', message: 'e-post eller subject krävs' },
    ]);
  }
  const role = input.role as StaffRole;
  if (!mayGrantRole(principal, role))
    throw new AppError('forbidden', 'Bara systemadministratörer utser systemadministratörer');
  if (!(await repo.organisationExists(db, organisationId))) {
    throw new AppError('organisation_not_found', `Organisationen ${organisationId} finns inte`);
  }
  await assertUnit(db, organisationId, input.unitId);
  const added = await db.transaction(async (tx) => {
    let user = input.subject ? await repo.findUserBySubject(tx, staffIssuer, input.subject) : undefined;
    if (!user && input.email) {
      const known = await repo.findStaffByEmail(tx, input.email);
      if (known.length > 1) throw new AppError('conflict', 'Flera konton har den e-postadressen; ange subject');
      user = known[0];
    }
    if (user && user.kind !== 'staff')
      throw new AppError('conflict', 'Personen är registrerad som företagsföreträdare');
    user ??= await repo.insertUser(tx, {
      issuer: staffIssuer,
      subject: input.subject ?? null,
      kind: 'staff',
      name: input.name ?? null,
      email: input.email ?? null,
    });
    const membership = await repo.upsertMembership(tx, {
      userId: user.id,
      organisationId,
      unitId: input.unitId ?? null,
      role,
    });
    return toStaffMember({ membership, user });
  });
  forgetResolvedSessions();
  return added;
}

/** Sets role and unit, or deactivates (access ends with the person's next request). */
export async function updateStaff(
  db: Db,
  principal: Principal,
  organisationId: string,
  membershipId: string,
  patch: UpdateStaffRequest,
): Promise<StaffMemberResponse> {
  assertAdministers(principal, organisationId);
  const membership = await repo.findMembership(db, membershipId);
  if (!membership || membership.organisationId !== organisationId) {
    throw new AppError('membership_not_found', `Ingen sådan medarbetare i ${organisationId}`);
  }
  if (patch.role && !mayGrantRole(principal, patch.role as StaffRole)) {
    throw new AppError('forbidden', 'Bara systemadministratörer utser systemadministratörer');
  }
  if (membership.role === 'system-admin' && !principal.roles.includes('system-admin')) {
    throw new AppError('forbidden', 'Bara systemadministratörer ändrar systemadministratörer');
  }
  if (
    membership.userId === principal.userId &&
    (patch.active === false || (patch.role && patch.role !== membership.role))
  ) {
    throw new AppError('conflict', 'Du kan inte ändra eller avaktivera din egen behörighet');
  }
  await assertUnit(db, organisationId, patch.unitId);
  const saved = await repo.updateMembership(db, membershipId, {
    ...(patch.role ? { role: patch.role } : {}),
    ...(patch.unitId !== undefined ? { unitId: patch.unitId } : {}),
    ...(patch.active !== undefined ? { active: patch.active } : {}),
  });
  forgetResolvedSessions();
  const user = await repo.findUser(db, saved.userId);
  return toStaffMember({ membership: saved, user: user as repo.UserRow });
}

// ---- Personal data ----

const iso = (d: Date) => d.toISOString();

/** Everything Lotsen's access module holds about the person (a register extract, GDPR art. 15). */
export async function myData(db: Db, principal: Principal): Promise<MyDataResponse> {
  const user = await repo.findUser(db, principal.userId);
  if (!user) throw new AppError('unauthenticated', 'Sessionen gäller inte längre');
  const [memberships, companies, sessions] = await Promise.all([
    repo.membershipsOf(db, user.id),
    repo.representationsOf(db, user.id),
    repo.sessionsOf(db, user.id),
  ]);
  return {
    exportedAt: iso(new Date()),
    user: {
      id: user.id,
      kind: user.kind,
      issuer: user.issuer,
      subject: user.subject,
      name: user.name,
      email: user.email,
      personnummerHeld: user.personalIdHash !== null,
      createdAt: iso(user.createdAt),
      lastLoginAt: user.lastLoginAt ? iso(user.lastLoginAt) : null,
    },
    memberships: memberships.map((m) => ({
      organisationId: m.organisationId,
      unitId: m.unitId,
      role: m.role,
      active: m.active,
      createdAt: iso(m.createdAt),
    })),
    companies,
    sessions: sessions.map((s) => ({
      createdAt: iso(s.createdAt),
      lastSeenAt: iso(s.lastSeenAt),
      actingCompany: s.actingOrgnr,
    })),
  };
}

/** What erasure keeps, and why (also shown in the README). */
export const KEPT_ON_ERASURE = [
  'användar-id (slumpat, utan koppling till person) – så att diarieförda ärenden och loggar fortsatt hänger ihop',
  'roller och medlemskap som inaktiva – vem som fattade beslut i ett ärende måste gå att följa (arkivlagen, förvaltningslagen)',
  'företagskopplingar – ärenden tillhör företaget, inte personen; företagets ärenden bevaras enligt gallringsbeslut',
];

/**
 * Anonymises the person: name, e-mail, personnummer hash and IdP subject are removed, all sessions
 * end and memberships are deactivated. The user id stays so case records keep their integrity.
 */
export async function eraseMe(db: Db, principal: Principal): Promise<string[]> {
  await db.transaction(async (tx) => {
    const now = new Date();
    await repo.updateUser(tx, principal.userId, {
      name: null,
      email: null,
      personalIdHash: null,
      subject: null,
      erasedAt: now,
    });
    for (const m of await repo.membershipsOf(tx, principal.userId)) {
      if (m.active) await repo.updateMembership(tx, m.id, { active: false });
    }
    await repo.deleteSessionsOf(tx, principal.userId);
  });
  forgetResolvedSessions();
  return KEPT_ON_ERASURE;
}

// ---- Demo ----

/** The demo users with their memberships and companies; idempotent. */
export async function seedDemoUsers(db: Db, personalIdKey?: string): Promise<number> {
  const key = personalIdKey ?? 'lotsen-development-personal-id-key-not-secret';
  await db.transaction(async (tx) => {
    for (const demo of DEMO_USERS) {
      const existing = await repo.findUserBySubject(tx, DEV_ISSUER, demo.subject);
      const fields = {
        kind: demo.kind,
        name: demo.name,
        email: demo.email,
        personalIdHash: demo.personnummer ? hashPersonnummer(key, demo.personnummer) : null,
      };
      const user = existing
        ? await repo.updateUser(tx, existing.id, fields)
        : await repo.insertUser(tx, { issuer: DEV_ISSUER, subject: demo.subject, ...fields });
      for (const m of demo.memberships ?? []) await repo.upsertMembership(tx, { userId: user.id, ...m });
      for (const c of demo.companies ?? []) {
        await repo.ensureCompany(tx, c.orgnr, c.name);
        await repo.addRepresentation(tx, user.id, c.orgnr);
      }
    }
  });
  forgetResolvedSessions();
  return DEMO_USERS.length;
}

/** The user id of a demo user (tests sign in through the service, not the browser). */
export async function demoUserId(db: Db, subject: string): Promise<string> {
  const user = await repo.findUserBySubject(db, DEV_ISSUER, subject);
  if (!user) throw new AppError('not_found', `Demoanvändaren ${subject} finns inte (seedDemoUsers)`);
  return user.id;
}
