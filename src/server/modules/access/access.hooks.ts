import { timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { sendProblem } from '../../http/problem.js';
import type { App, AppDeps } from '../../http/types.js';
import { type ResolvedSession, resolveSession } from './access.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in session, set by the session hook before the access hook runs. */
    session: ResolvedSession | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Where oidc-provider and the development login forms live; they have their own protection. */
const CSRF_TOKEN_EXEMPT = /^\/dev-idp(\/|$)/;

export function isSecureDeployment(config: Config): boolean {
  return config.nodeEnv === 'production' || config.publicBaseUrl.startsWith('https:');
}

/** `__Host-` binds the cookie to this host and path / (no subdomain can set it); it needs Secure. */
export function sessionCookieName(config: Config): string {
  return isSecureDeployment(config) ? '__Host-lotsen' : 'lotsen';
}

export function loginCookieName(config: Config): string {
  return isSecureDeployment(config) ? '__Host-lotsen-login' : 'lotsen-login';
}

export function cookieOptions(config: Config, maxAgeSeconds: number) {
  return {
    path: '/',
    httpOnly: true,
    secure: isSecureDeployment(config),
    sameSite: 'lax' as const,
    maxAge: maxAgeSeconds,
  };
}

export function clearSessionCookie(reply: FastifyReply, config: Config) {
  reply.clearCookie(sessionCookieName(config), cookieOptions(config, 0));
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function crossOrigin(request: FastifyRequest, ownOrigin: string): boolean {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== '') return origin !== ownOrigin;
  // No Origin: non-browser clients, or old browsers; Fetch Metadata still tells a cross-site form post.
  return request.headers['sec-fetch-site'] === 'cross-site';
}

/**
 * Sessions, CSRF and transport security for every request. Must be registered before the access
 * hook in app.ts: it sets `request.principal`, which the access hook then judges.
 *
 * CSRF: a state-changing request from a signed-in browser must carry the session's token in
 * `x-csrf-token` (synchronizer token; the web client reads it from GET /api/me). Anonymous
 * state-changing requests (the public front door) need no token, but a browser's Origin must be ours.
 */
export async function registerSessionHooks(app: App, { database, config }: AppDeps): Promise<void> {
  await app.register(fastifyCookie, { hook: false });
  app.decorateRequest('session', null);
  const cookieName = sessionCookieName(config);

  app.addHook('onRequest', async (request, reply) => {
    // The web client's files need no session; everything else may.
    if (request.routeOptions.url !== '/*') {
      const header = request.headers.cookie;
      const token = header ? app.parseCookie(header)[cookieName] : undefined;
      if (token) {
        const session = await resolveSession(database.db, token, config.auth);
        if (session) {
          request.session = session;
          request.principal = session.principal;
        } else {
          clearSessionCookie(reply, config);
        }
      }
    }

    if (SAFE_METHODS.has(request.method)) return;
    if (crossOrigin(request, new URL(config.publicBaseUrl).origin)) {
      return sendProblem(reply, request, 'csrf_failed', 'Begäran kommer från en annan webbplats');
    }
    if (request.session && !CSRF_TOKEN_EXEMPT.test(request.url)) {
      const given = request.headers['x-csrf-token'];
      if (typeof given !== 'string' || !sameToken(given, request.session.csrfToken)) {
        return sendProblem(
          reply,
          request,
          'csrf_failed',
          'CSRF-token saknas eller stämmer inte; hämta den från /api/me',
        );
      }
    }
  });

  if (isSecureDeployment(config)) {
    app.addHook('onSend', async (_request, reply) => {
      reply.header('strict-transport-security', 'max-age=31536000');
    });
  }
}
