import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { sessionFor, signInAs, TEST_SESSION_SETTINGS } from '../../../../test/support/sessions.js';
import type { App } from '../../http/types.js';
import {
  chooseCompany,
  createSession,
  endSession,
  type ResolvedSession,
  resolveSession,
  signIn,
} from './access.service.js';
import { DEV_ISSUER } from './demo-users.js';

const MINUTE = 60_000;

describeEachDatabase('sessions, CSRF and sign-out', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(database());
  });
  afterAll(() => app.close());

  it('answers 401 problem+json to an anonymous /api/me, and to an unknown session cookie (clearing it)', async () => {
    const anonymous = await app.inject({ url: '/api/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    const forged = await app.inject({ url: '/api/me', headers: { cookie: 'lotsen=not-a-session' } });
    expect(forged.statusCode).toBe(401);
    expect(String(forged.headers['set-cookie'])).toMatch(/lotsen=;.*Max-Age=0/);
  });

  it('refuses a signed-in state-changing request without the CSRF token, or with a wrong one', async () => {
    const amira = await signInAs(database(), 'foretagare-botkyrka');
    const body = { orgnr: '559900-0014' };
    const missing = await app.inject({ method: 'POST', url: '/api/me/company', headers: amira.headers, payload: body });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe('csrf_failed');
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/me/company',
      headers: { ...amira.headers, 'x-csrf-token': 'x'.repeat(amira.csrfToken.length) },
      payload: body,
    });
    expect(wrong.statusCode).toBe(403);
    const right = await app.inject({
      method: 'POST',
      url: '/api/me/company',
      headers: amira.writeHeaders,
      payload: body,
    });
    expect(right.statusCode).toBe(204);
  });

  it("lets a sole trader act for the firm whose number is their own personnummer, and nobody else's", async () => {
    const amira = await signInAs(database(), 'foretagare-botkyrka');
    const choose = (who: typeof amira) =>
      app.inject({
        method: 'POST',
        url: '/api/me/company',
        headers: who.writeHeaders,
        payload: { orgnr: '850614-2382' },
      });
    const notHers = await choose(amira);
    expect(notHers.statusCode).toBe(403);
    expect(notHers.json().code).toBe('not_representative');
    const erik = await signInAs(database(), 'foretagare-vasteras');
    expect((await choose(erik)).statusCode).toBe(204);
    const me = (await app.inject({ url: '/api/me', headers: erik.headers })).json();
    expect(me.actingCompany).toEqual({ orgnr: '8506142382', name: null });
    expect(me.companies).toHaveLength(3);
  });

  it("does not accept another session's CSRF token", async () => {
    const a = await signInAs(database(), 'foretagare-botkyrka');
    const b = await signInAs(database(), 'foretagare-botkyrka');
    const res = await app.inject({
      method: 'POST',
      url: '/api/me/company',
      headers: { cookie: a.headers.cookie, 'x-csrf-token': b.csrfToken },
      payload: { orgnr: '5599000014' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('refuses anonymous state-changing requests from another origin, and lets same-origin and non-browser ones through', async () => {
    const evil = await app.inject({ method: 'POST', url: '/auth/logout', headers: { origin: 'https://evil.example' } });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().code).toBe('csrf_failed');
    const crossSite = await app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.statusCode).toBe(403);
    const own = await app.inject({ method: 'POST', url: '/auth/logout', headers: { origin: 'http://localhost:3000' } });
    expect(own.statusCode).toBe(200);
    const cli = await app.inject({ method: 'POST', url: '/auth/logout' });
    expect(cli.statusCode).toBe(200);
  });

  it('gives the CSRF token and session expiry in /api/me, and never caches it', async () => {
    const jonas = await signInAs(database(), 'handlaggare-botkyrka-bygglov');
    const res = await app.inject({ url: '/api/me', headers: jonas.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toMatchObject({
      csrfToken: jonas.csrfToken,
      roles: ['case-worker'],
      memberships: [{ organisationId: 'botkyrka-kommun', unitId: 'bygglov', role: 'case-worker' }],
      companies: [],
      actingCompany: null,
    });
  });

  it('ends a session idle for longer than the idle timeout', async () => {
    const idle = await signInAs(database(), 'handlaggare-almi', new Date(Date.now() - 31 * MINUTE));
    const res = await app.inject({ url: '/api/me', headers: idle.headers });
    expect(res.statusCode).toBe(401);
  });

  it('keeps an active session alive, but never past the absolute expiry', async () => {
    const db = database().db;
    const userId = (await signInAs(database(), 'handlaggare-almi')).userId;
    const start = new Date('2026-03-02T08:00:00Z');
    const { token } = await createSession(db, userId, TEST_SESSION_SETTINGS, { issuer: DEV_ISSUER, now: start });
    const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE);
    // Active every 25 minutes for a working day: the idle timeout never strikes.
    for (let minutes = 25; minutes < 12 * 60; minutes += 25) {
      expect(await resolveSession(db, token, TEST_SESSION_SETTINGS, at(minutes)), `at ${minutes} min`).not.toBeNull();
    }
    expect(await resolveSession(db, token, TEST_SESSION_SETTINGS, at(12 * 60 + 1))).toBeNull();
    // Idle: 31 minutes after the last request.
    const second = await createSession(db, userId, TEST_SESSION_SETTINGS, { issuer: DEV_ISSUER, now: start });
    expect(await resolveSession(db, second.token, TEST_SESSION_SETTINGS, at(20))).not.toBeNull();
    expect(await resolveSession(db, second.token, TEST_SESSION_SETTINGS, at(49))).not.toBeNull();
    expect(await resolveSession(db, second.token, TEST_SESSION_SETTINGS, at(49 + 31))).toBeNull();
  });

  it('answers from a session resolved a moment ago for sessionCacheSeconds, but a change made here takes effect at once', async () => {
    const db = database().db;
    const cached = { ...TEST_SESSION_SETTINGS, sessionCacheSeconds: 2 };
    const amira = await signInAs(database(), 'foretagare-botkyrka');
    const start = new Date();
    const at = (ms: number) => new Date(start.getTime() + ms);
    const first = await resolveSession(db, amira.token, cached, at(0));
    expect(first?.principal.actingCompany).toBe('5599000014');
    // Another process changes the session (as SQL here): this one answers from what it resolved…
    await database().query('update sessions set acting_orgnr = null where user_id = $1', [amira.userId]);
    expect(await resolveSession(db, amira.token, cached, at(1_500))).toBe(first);
    // …until the seconds have passed, and never without the cache.
    expect((await resolveSession(db, amira.token, cached, at(2_100)))?.principal.actingCompany).toBeNull();
    expect((await resolveSession(db, amira.token, TEST_SESSION_SETTINGS, at(0)))?.principal.actingCompany).toBeNull();
    // A change made through this process (choosing the company, signing out) is seen at once.
    await resolveSession(db, amira.token, cached, at(2_200));
    await chooseCompany(db, first as ResolvedSession, '559900-0014', 'lotsen-development-personal-id-key-not-secret');
    expect((await resolveSession(db, amira.token, cached, at(2_300)))?.principal.actingCompany).toBe('5599000014');
    await endSession(db, (first as ResolvedSession).idHash);
    expect(await resolveSession(db, amira.token, cached, at(2_400))).toBeNull();
  });

  it('logs out: the session is gone, the cookie cleared, and the IdP logout URL given', async () => {
    const per = await signInAs(database(), 'handlaggare-almi');
    const out = await app.inject({ method: 'POST', url: '/auth/logout', headers: per.writeHeaders });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/lotsen=;.*Max-Age=0/);
    expect(new URL(out.json().logoutUrl).pathname).toBe('/dev-idp/session/end');
    expect((await app.inject({ url: '/api/me', headers: per.headers })).statusCode).toBe(401);
  });

  it('refuses to log out a signed-in browser without the CSRF token (no forced logout from another site)', async () => {
    const per = await signInAs(database(), 'handlaggare-almi');
    const out = await app.inject({ method: 'POST', url: '/auth/logout', headers: per.headers });
    expect(out.statusCode).toBe(403);
    expect((await app.inject({ url: '/api/me', headers: per.headers })).statusCode).toBe(200);
  });

  it('sets the security headers, without HSTS over plain http', async () => {
    const res = await app.inject({ url: '/healthz' });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});

describeEachDatabase('organisation admin of staff', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(database());
  });
  afterAll(() => app.close());

  const staffUrl = (org: string) => `/api/organisations/${org}/staff`;

  it("refuses a case worker, and an org admin for another organisation's staff", async () => {
    const jonas = await signInAs(database(), 'handlaggare-botkyrka-bygglov');
    expect((await app.inject({ url: staffUrl('botkyrka-kommun'), headers: jonas.headers })).statusCode).toBe(403);
    const anders = await signInAs(database(), 'admin-botkyrka');
    const other = await app.inject({ url: staffUrl('almi-malardalen'), headers: anders.headers });
    expect(other.statusCode).toBe(403);
  });

  it('refuses an unknown unit, no e-mail or subject, and granting system-admin', async () => {
    const anders = await signInAs(database(), 'admin-botkyrka');
    const post = (payload: object) =>
      app.inject({ method: 'POST', url: staffUrl('botkyrka-kommun'), headers: anders.writeHeaders, payload });
    const unit = await post({ email: 'ny@example.se', role: 'case-worker', unitId: 'finns-inte' });
    expect(unit.statusCode).toBe(400);
    expect(unit.json().errors[0].field).toBe('unitId');
    expect((await post({ role: 'case-worker' })).statusCode).toBe(400);
    expect((await post({ email: 'x@example.se', role: 'system-admin' })).statusCode).toBe(403);
    expect((await post({ email: 'x@example.se', role: 'boss' })).statusCode).toBe(400);
  });

  it("lists the organisation's staff with roles and units", async () => {
    const anders = await signInAs(database(), 'admin-botkyrka');
    const res = await app.inject({ url: staffUrl('botkyrka-kommun'), headers: anders.headers });
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((m: { name: string; unitId: string | null }) => `${m.name}/${m.unitId}`);
    expect(names).toEqual(expect.arrayContaining(['Jonas Ek/bygglov', 'Leila Karimi/miljo', 'Anders Nyström/null']));
  });

  it('adds staff by e-mail, links them at first sign-in, sets role and unit, and deactivates them', async () => {
    const db = database().db;
    const anders = await signInAs(database(), 'admin-botkyrka');
    const added = await app.inject({
      method: 'POST',
      url: staffUrl('botkyrka-kommun'),
      headers: anders.writeHeaders,
      payload: { email: 'Nina.Ny@example.se', name: 'Nina Ny', role: 'case-worker', unitId: 'tillstand' },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ signedIn: false, role: 'case-worker', unitId: 'tillstand', active: true });
    const { membershipId } = added.json();

    // First sign-in through the staff IdP with the same (verified) address: the invitation is hers.
    const nina = await signIn(
      db,
      {
        issuer: DEV_ISSUER,
        subject: 'nina-subject',
        kind: 'staff',
        name: 'Nina Ny',
        email: 'nina.ny@example.se',
        personnummer: null,
        emailVerified: true,
      },
      'key',
    );
    expect(nina.id).toBe(added.json().userId);
    const session = await sessionFor(database(), nina.id);
    expect((await app.inject({ url: '/api/me', headers: session.headers })).json().roles).toEqual(['case-worker']);

    const patch = (payload: object) =>
      app.inject({
        method: 'PATCH',
        url: `${staffUrl('botkyrka-kommun')}/${membershipId}`,
        headers: anders.writeHeaders,
        payload,
      });
    const moved = await patch({ role: 'coordinator', unitId: null });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ role: 'coordinator', unitId: null, signedIn: true });
    expect((await app.inject({ url: '/api/me', headers: session.headers })).json().roles).toEqual(['coordinator']);

    expect((await patch({ active: false })).json().active).toBe(false);
    // Access ends at once: the next request already has no roles.
    const after = await app.inject({ url: '/api/me', headers: session.headers });
    expect(after.statusCode).toBe(403);
  });

  it('does not let an admin deactivate themselves, and answers 404 for a membership of another organisation', async () => {
    const anders = await signInAs(database(), 'admin-botkyrka');
    const list = (await app.inject({ url: staffUrl('botkyrka-kommun'), headers: anders.headers })).json();
    const own = list.items.find((m: { userId: string }) => m.userId === anders.userId);
    const self = await app.inject({
      method: 'PATCH',
      url: `${staffUrl('botkyrka-kommun')}/${own.membershipId}`,
      headers: anders.writeHeaders,
      payload: { active: false },
    });
    expect(self.statusCode).toBe(409);
    const eva = await signInAs(database(), 'systemadmin');
    const almi = (await app.inject({ url: staffUrl('almi-malardalen'), headers: eva.headers })).json();
    expect(almi.items.length).toBeGreaterThan(0);
    const foreign = await app.inject({
      method: 'PATCH',
      url: `${staffUrl('botkyrka-kommun')}/${almi.items[0].membershipId}`,
      headers: anders.writeHeaders,
      payload: { role: 'analyst' },
    });
    expect(foreign.statusCode).toBe(404);
  });
});

describeEachDatabase('personal data: register extract and erasure', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(database());
  });
  afterAll(() => app.close());

  it('gives a company representative everything held about them, without the personnummer itself', async () => {
    const amira = await signInAs(database(), 'foretagare-botkyrka');
    const res = await app.inject({ url: '/api/me/data', headers: amira.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    expect(res.json()).toMatchObject({
      user: { kind: 'company-rep', name: 'Amira Haddad', personnummerHeld: true },
      companies: [{ orgnr: '5599000014', name: 'Tumba Bageri AB' }],
    });
    expect(res.json().sessions.length).toBeGreaterThan(0);
    expect(res.body).not.toMatch(/121212/);
  });

  it('refuses erasure without confirmation', async () => {
    const amira = await signInAs(database(), 'foretagare-botkyrka');
    const res = await app.inject({ method: 'POST', url: '/api/me/erasure', headers: amira.writeHeaders, payload: {} });
    expect(res.statusCode).toBe(400);
  });

  it('erases: personal fields anonymised, sessions ended, the record kept for the cases', async () => {
    const db = database().db;
    const person = await signIn(
      db,
      {
        issuer: DEV_ISSUER,
        subject: 'to-be-erased',
        kind: 'company-rep',
        name: 'Olle Raderas',
        email: 'olle@example.se',
        personnummer: '19781120-9878',
        emailVerified: true,
      },
      'key',
    );
    const session = await sessionFor(database(), person.id);
    const res = await app.inject({
      method: 'POST',
      url: '/api/me/erasure',
      headers: session.writeHeaders,
      payload: { confirm: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().kept.length).toBeGreaterThan(0);
    expect((await app.inject({ url: '/api/me', headers: session.headers })).statusCode).toBe(401);
    const [row] = await database().query<Record<string, unknown>>(
      'select name, email, personal_id_hash, subject, erased_at from users where id = $1',
      [person.id],
    );
    expect(row).toMatchObject({ name: null, email: null, personal_id_hash: null, subject: null });
    expect(row?.erased_at).not.toBeNull();
  });
});

describeEachDatabase('hardening in production-like settings', (database) => {
  const production = {
    NODE_ENV: 'production',
    SMTP_URL: 'smtp://mail.example.se:587',
    LOTSEN_PUBLIC_URL: 'https://lotsen.example.se',
    LOTSEN_DEV_IDP: 'false',
    LOTSEN_SECRET: 's'.repeat(40),
    LOTSEN_PERSONAL_ID_KEY: 'k'.repeat(40),
    LOTSEN_OIDC_COMPANY_ISSUER: 'https://broker.example.se',
    LOTSEN_OIDC_COMPANY_CLIENT_ID: 'lotsen',
    LOTSEN_OIDC_COMPANY_CLIENT_SECRET: 'secret',
    LOTSEN_OIDC_STAFF_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
    LOTSEN_OIDC_STAFF_CLIENT_ID: 'lotsen-staff',
    LOTSEN_OIDC_STAFF_CLIENT_SECRET: 'secret',
  };

  it('has no development provider and sends HSTS; the session cookie is __Host- and Secure', async () => {
    const app = await buildTestApp(database(), production);
    const idp = await app.inject({ url: '/dev-idp/.well-known/openid-configuration' });
    expect(idp.body).not.toContain('authorization_endpoint'); // the web client's page, not a provider
    const health = await app.inject({ url: '/healthz' });
    expect(health.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const session = await signInAs(database(), 'handlaggare-almi');
    const hostCookie = `__Host-lotsen=${session.token}`;
    expect((await app.inject({ url: '/api/me', headers: { cookie: hostCookie } })).statusCode).toBe(200);
    const out = await app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { cookie: hostCookie, 'x-csrf-token': session.csrfToken, origin: 'https://lotsen.example.se' },
    });
    expect(String(out.headers['set-cookie'])).toMatch(/__Host-lotsen=;.*Path=\/.*HttpOnly.*Secure.*SameSite=Lax/);
    await app.close();
  });

  it('limits sign-in attempts with a problem+json 429', async () => {
    const app = await buildTestApp(database());
    let last = await app.inject({ url: '/auth/login?as=staff' });
    expect(last.statusCode).toBe(302);
    for (let i = 0; i < 25 && last.statusCode !== 429; i++) last = await app.inject({ url: '/auth/login?as=staff' });
    expect(last.statusCode).toBe(429);
    expect(last.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(last.json().code).toBe('rate_limited');
    await app.close();
  });
});

describe('the development provider', () => {
  it('refuses to be mounted when NODE_ENV=production', async () => {
    const { devIdpRoutes, DevIdpRefusedError } = await import('./dev-idp.js');
    const { loadConfig } = await import('../../config.js');
    const config = { ...loadConfig({ NODE_ENV: 'test' }), nodeEnv: 'production' as const };
    await expect(devIdpRoutes({} as App, config)).rejects.toBeInstanceOf(DevIdpRefusedError);
  });
});
