import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  AddStaffRequest,
  ChooseCompanyRequest,
  ErasureResponse,
  LogoutResponse,
  MeResponse,
  MyDataResponse,
  StaffList,
  StaffMemberResponse,
  UpdateStaffRequest,
} from '../../../contracts/access.js';
import { Problem } from '../../../contracts/common.js';
import { AppError } from '../../errors.js';
import type { App, AppDeps } from '../../http/types.js';
import { clearSessionCookie, cookieOptions, loginCookieName, sessionCookieName } from './access.hooks.js';
import { ROLES } from './access.policies.js';
import * as access from './access.service.js';
import { devIdpRoutes } from './dev-idp.js';
import { LOGIN_STATE_TTL_SECONDS, OidcLogin, readLoginState, signLoginState } from './oidc-login.js';

const Id = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,119}$' });
const Uuid = Type.String({ format: 'uuid' });
const signedIn = ROLES;
const admins = ['org-admin', 'system-admin'] as const;
// Sign-in is where passwords would be guessed if there were any; keep it slow for robots.
const loginLimit = { max: 20, timeWindow: '1 minute' };

/**
 * Sign-in runs in the browser's address bar: a browser that fails gets the account page with a
 * message (`/konto?inloggning=…`), other clients get problem+json.
 */
async function orAccountPage(
  request: FastifyRequest,
  reply: FastifyReply,
  run: () => Promise<FastifyReply>,
): Promise<FastifyReply> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AppError) || !String(request.headers.accept ?? '').includes('text/html')) throw error;
    request.log.warn({ err: error }, 'sign-in failed');
    const reason = error.code === 'idp_unavailable' ? 'otillganglig' : 'misslyckades';
    return reply.redirect(`/konto?inloggning=${reason}`, 303);
  }
}

function sessionOf(request: FastifyRequest): access.ResolvedSession {
  if (!request.session) throw new AppError('unauthenticated', 'Logga in för att fortsätta');
  return request.session;
}

/** Sign-in and sign-out, the signed-in person, their data, and organisation admin of staff. */
export async function accessRoutes(app: App, deps: AppDeps): Promise<void> {
  const { database, config } = deps;
  const { db } = database;
  const oidc = new OidcLogin(app, config);
  if (config.auth.devIdp) await devIdpRoutes(app, config);

  app.get(
    '/auth/login',
    {
      config: { access: 'public', rateLimit: loginLimit },
      schema: {
        tags: ['auth'],
        summary: 'Start signing in: redirects to the e-ID broker (company) or the staff IdP',
        querystring: Type.Object(
          {
            as: Type.Union([Type.Literal('company'), Type.Literal('staff')]),
            returnTo: Type.Optional(Type.String({ maxLength: 500, description: 'A path on this site' })),
          },
          { additionalProperties: false },
        ),
        response: { 302: Type.Null(), 400: Problem, 429: Problem, 502: Problem },
      },
    },
    async (request, reply) =>
      orAccountPage(request, reply, async () => {
        const { url, state } = await oidc.start(request.query.as, request.query.returnTo ?? '/');
        reply.setCookie(
          loginCookieName(config),
          signLoginState(config.auth.secret, state),
          cookieOptions(config, LOGIN_STATE_TTL_SECONDS),
        );
        reply.header('cache-control', 'no-store');
        return reply.redirect(url, 302);
      }),
  );

  app.get(
    '/auth/callback',
    {
      config: { access: 'public', rateLimit: loginLimit },
      schema: {
        tags: ['auth'],
        summary: 'Where the IdP sends the browser back; opens the session and redirects',
        // The IdP decides which parameters come back (iss, session_state …), so unknown ones are let through.
        querystring: Type.Object(
          {
            code: Type.Optional(Type.String({ maxLength: 2048 })),
            state: Type.Optional(Type.String({ maxLength: 512 })),
            error: Type.Optional(Type.String({ maxLength: 200 })),
            error_description: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: true },
        ),
        response: { 303: Type.Null(), 400: Problem, 429: Problem, 502: Problem },
      },
    },
    async (request, reply) =>
      orAccountPage(request, reply, async () => {
        const login = readLoginState(config.auth.secret, readCookie(request, loginCookieName(config)));
        reply.clearCookie(loginCookieName(config), cookieOptions(config, 0));
        reply.header('cache-control', 'no-store');
        if (request.query.error === 'access_denied') return reply.redirect('/konto?inloggning=avbruten', 303);
        if (!login) throw new AppError('login_failed', 'Inloggningen har gått ut eller startades inte här. Börja om.');
        if (request.query.error) throw new AppError('login_failed', `IdP:n svarade: ${request.query.error}`);
        const identity = await oidc.finish(login, request.query as Record<string, string>);
        const user = await access.signIn(db, identity, config.auth.personalIdKey);
        if (request.session) await access.endSession(db, request.session.idHash);
        const session = await access.createSession(db, user.id, config.auth, {
          issuer: oidc.recordedIssuerFor(login.as),
        });
        // Sign-ins are rare enough to sweep expired sessions on, so no job is needed for it.
        await access.purgeExpiredSessions(db);
        reply.setCookie(
          sessionCookieName(config),
          session.token,
          cookieOptions(config, config.auth.sessionMaxHours * 3600),
        );
        return reply.redirect(login.returnTo, 303);
      }),
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Ends the session here; answers where to end it at the IdP too',
        response: { 200: LogoutResponse, 403: Problem },
      },
    },
    async (request, reply) => {
      clearSessionCookie(reply, config);
      const ended = request.session ? await access.endSession(db, request.session.idHash) : null;
      const home = `${config.publicBaseUrl.replace(/\/$/, '')}/`;
      return { logoutUrl: ended ? await oidc.logoutUrl(ended.issuer) : home };
    },
  );

  app.get(
    '/api/me',
    {
      config: { access: signedIn },
      schema: {
        tags: ['access'],
        summary: 'The signed-in person: roles, memberships, companies, the company acted for, and the CSRF token',
        response: { 200: MeResponse, 401: Problem },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return access.me(db, sessionOf(request));
    },
  );

  app.post(
    '/api/me/company',
    {
      config: { access: ['company'] },
      schema: {
        tags: ['access'],
        summary: 'Chooses which company the representative acts for (organisationsnummer)',
        body: ChooseCompanyRequest,
        response: { 204: Type.Null(), 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (request, reply) => {
      await access.chooseCompany(db, sessionOf(request), request.body.orgnr, config.auth.personalIdKey);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me/data',
    {
      config: { access: signedIn },
      schema: {
        tags: ['access'],
        summary: 'Everything Lotsen holds about me, as JSON (register extract)',
        response: { 200: MyDataResponse, 401: Problem },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      reply.header('content-disposition', 'attachment; filename="lotsen-mina-uppgifter.json"');
      return access.myData(db, sessionOf(request).principal);
    },
  );

  app.post(
    '/api/me/erasure',
    {
      config: { access: signedIn },
      schema: {
        tags: ['access'],
        summary: 'Erases my personal data (anonymises); ends all my sessions',
        body: Type.Object({ confirm: Type.Literal(true) }, { additionalProperties: false }),
        response: { 200: ErasureResponse, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (request, reply) => {
      const kept = await access.eraseMe(db, sessionOf(request).principal);
      clearSessionCookie(reply, config);
      return { erased: true as const, kept };
    },
  );

  const staffIssuer = () => oidc.recordedIssuerFor('staff');

  app.get(
    '/api/organisations/:id/staff',
    {
      config: { access: admins },
      schema: {
        tags: ['access'],
        summary: "The organisation's staff with roles and units (organisation admins)",
        params: Type.Object({ id: Id }),
        response: { 200: StaffList, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) => access.listStaff(db, sessionOf(request).principal, request.params.id),
  );

  app.post(
    '/api/organisations/:id/staff',
    {
      config: { access: admins },
      schema: {
        tags: ['access'],
        summary: 'Adds a staff member by e-mail or IdP subject, with a role and optionally a unit',
        params: Type.Object({ id: Id }),
        body: AddStaffRequest,
        response: { 201: StaffMemberResponse, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const member = await access.addStaff(
        db,
        sessionOf(request).principal,
        request.params.id,
        request.body,
        staffIssuer(),
      );
      return reply.code(201).send(member);
    },
  );

  app.patch(
    '/api/organisations/:id/staff/:membershipId',
    {
      config: { access: admins },
      schema: {
        tags: ['access'],
        summary: "Sets a staff member's role or unit, or deactivates them",
        params: Type.Object({ id: Id, membershipId: Uuid }),
        body: UpdateStaffRequest,
        response: { 200: StaffMemberResponse, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) =>
      access.updateStaff(
        db,
        sessionOf(request).principal,
        request.params.id,
        request.params.membershipId,
        request.body,
      ),
  );
}

function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  return header ? request.server.parseCookie(header)[name] : undefined;
}
