import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { Type } from 'typebox';
import { Problem } from '../contracts/common.js';
import { AppError } from './errors.js';
import { registerProblemHandlers, sendProblem } from './http/problem.js';
import type { App, AppDeps } from './http/types.js';
import { registerSessionHooks } from './modules/access/access.hooks.js';
import { decide, isAccess } from './modules/access/access.policies.js';
import { accessRoutes } from './modules/access/access.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { caseRoutes } from './modules/cases/cases.routes.js';
import { catalogueRoutes, knowledgeRoutes } from './modules/catalogue/catalogue.routes.js';
import { establishmentRoutes } from './modules/establishment/establishment.routes.js';
import { eventRoutes } from './modules/events/events.routes.js';
import { intakeRoutes } from './modules/intake/intake.routes.js';
import { RouterCache } from './modules/intake/intake.service.js';
import { jobRoutes } from './modules/jobs/jobs.routes.js';
import { matchmakingRoutes } from './modules/matchmaking/matchmaking.routes.js';
import { mailboxRoutes } from './modules/outbox/mailbox.routes.js';
import { strategyRoutes } from './modules/strategy/strategy.routes.js';

export const WEB_DIST = fileURLToPath(new URL('../../dist/web', import.meta.url));
const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

export interface BuildOptions {
  logger?: FastifyServerOptions['logger'];
}

/** Builds the Lotsen app. Never listens: `main.ts` owns the process, tests use `app.inject()`. */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    trustProxy: deps.config.nodeEnv === 'production',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
    // A path Fastify cannot decode (`/api/cases/%E0%A4%A`) or a too long parameter: problem+json too.
    frameworkErrors: (error, request, reply) => {
      sendProblem(reply, request, 'validation_failed', `Sökvägen är ogiltig (${error.code})`);
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorateRequest('principal', null);
  app.addSchema(Problem);

  // Security by default: a route without a valid access rule stops the app from building.
  const factor = deps.config.rateLimitFactor;
  app.addHook('onRoute', (route) => {
    if (route.method === 'HEAD') return;
    if (!isAccess(route.config?.access)) {
      throw new Error(`Route ${route.method} ${route.url} declares no access rule (config.access)`);
    }
    // LOTSEN_RATE_LIMIT_FACTOR scales each declared limit (a copy: some routes share one object).
    const limit = route.config?.rateLimit;
    if (factor !== 1 && limit && typeof limit === 'object' && typeof limit.max === 'number') {
      route.config = { ...route.config, rateLimit: { ...limit, max: Math.max(1, Math.round(limit.max * factor)) } };
    }
  });

  // Sessions and CSRF first: they set request.principal, which the access hook below judges.
  await registerSessionHooks(app, deps);
  const requestRate = deps.requestRate;
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // The front door's load, for background work: API requests only (a page's scripts, styles and
    // images are not load on it).
    if (requestRate && request.url.startsWith('/api/')) requestRate.record();
    const access = request.routeOptions.config.access;
    if (access === undefined) return; // Fastify's own 404 handler
    const decision = decide(access, request.principal);
    if (decision === 'unauthenticated')
      return sendProblem(reply, request, 'unauthenticated', 'Logga in för att fortsätta');
    if (decision === 'forbidden') return sendProblem(reply, request, 'forbidden', 'Du saknar behörighet för detta');
  });

  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    reply.header(
      'content-security-policy',
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
  });

  registerProblemHandlers(app);

  // Values the database cannot take, refused at the door instead of failing there (500): NUL in text
  // (PostgreSQL refuses it), a lone UTF-16 surrogate (jsonb refuses "\ud800"), and Infinity
  // (`?limit=1e400`: Ajv coerces it and then skips the bounds).
  app.addHook('preHandler', async (request, reply) => {
    const body = Buffer.isBuffer(request.body) ? null : request.body;
    if (unstorable(request.params) || unstorable(request.query) || unstorable(body)) {
      return sendProblem(reply, request, 'validation_failed', 'Begäran innehåller ett otillåtet tecken eller tal');
    }
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lotsen API',
        version: '0.1.0',
        description: 'En dörr in till regionens företagsstöd. Errors are application/problem+json.',
      },
      tags: [
        { name: 'catalogue', description: 'Organisations, offerings, strategies, sites' },
        { name: 'cases', description: 'Cases: submit, handle, follow' },
        { name: 'admin', description: 'Audit log and outgoing messages' },
        { name: 'intake', description: 'The front door: a need in plain words, routed to offerings' },
        { name: 'auth', description: 'Sign-in with OpenID Connect and sign-out' },
        { name: 'access', description: 'The signed-in person, personal data, and staff of an organisation' },
        { name: 'establishment', description: 'Sites for establishment; confidential investment inquiries' },
        { name: 'events', description: 'Events with registration, waitlist, calendar export and attendance' },
        { name: 'matchmaking', description: 'Companies and researchers: what they seek and offer; double opt-in' },
        { name: 'system', description: 'Health and documentation' },
      ],
    },
    transform: ({ schema, url, route }) => ({
      schema: { ...schema, 'x-lotsen-access': route.config?.access } as typeof schema,
      url,
    }),
  });

  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'The process is alive',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'The database answers',
        response: { 200: Type.Object({ status: Type.Literal('ready'), database: Type.String() }), 503: Problem },
      },
    },
    async (request, reply) => {
      try {
        await deps.database.query('select 1');
        return { status: 'ready' as const, database: deps.database.kind };
      } catch (error) {
        request.log.warn({ err: error }, 'database not ready');
        return sendProblem(reply, request, 'database_unavailable', 'Databasen svarar inte');
      }
    },
  );

  app.get(
    '/api/openapi.json',
    {
      config: { access: 'public' },
      schema: { hide: true },
    },
    async () => app.swagger(),
  );

  // Limits apply per route (config.rateLimit): the public front door and login are limited.
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `För många förfrågningar; försök igen om ${Math.ceil(context.ttl / 1000)} sekunder`),
  });

  catalogueRoutes(app, deps);
  const routers = new RouterCache(deps.database.db);
  knowledgeRoutes(app, deps, () => routers.invalidate());
  intakeRoutes(app, deps, routers);
  caseRoutes(app, deps);
  mailboxRoutes(app, deps);
  auditRoutes(app, deps);
  establishmentRoutes(app, deps);
  eventRoutes(app, deps);
  matchmakingRoutes(app, deps);
  strategyRoutes(app, deps);
  jobRoutes(app, deps);
  await accessRoutes(app, deps);

  registerWebClient(app);
  return app;
}

const NUL_OR_LONE_SURROGATE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A string with NUL or a lone surrogate, or a number that is not finite, anywhere in a parsed request part. */
function unstorable(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return NUL_OR_LONE_SURROGATE.test(value);
  if (typeof value === 'number') return !Number.isFinite(value);
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  for (const [key, v] of Object.entries(value)) if (unstorable(key) || unstorable(v, depth + 1)) return true;
  return false;
}

/** The React app, built by Vite into dist/web; any non-API path gets index.html. */
function registerWebClient(app: App) {
  const hasBuild = existsSync(`${WEB_DIST}/index.html`);
  if (hasBuild) app.register(fastifyStatic, { root: WEB_DIST, serve: false });
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    if (path.startsWith('api/')) return sendProblem(reply, request, 'not_found', `Ingen resurs på ${request.url}`);
    if (!hasBuild) {
      return reply.code(503).type('text/plain; charset=utf-8').send('Webbappen är inte byggd. Kör "npm run build".');
    }
    if (path.startsWith('assets/') || /^[\w.-]+\.(svg|ico|png|txt|webmanifest)$/.test(path)) {
      reply.header(
        'cache-control',
        path.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
      );
      return reply.sendFile(path);
    }
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, 'not_found', `Ingen resurs på ${request.method} ${request.url}`),
  );
}
