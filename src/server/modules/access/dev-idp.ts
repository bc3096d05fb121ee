import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Configuration, KoaContextWithOIDC, default as Provider } from 'oidc-provider';
import { Type } from 'typebox';
import type { Config } from '../../config.js';
import type { App } from '../../http/types.js';
import { DEMO_USERS, type DemoUser, findDemoUser } from './demo-users.js';

/**
 * The built-in development identity provider (oidc-provider), mounted at /dev-idp in the same
 * server. Anyone can sign in as any demo user, so it never runs in production. It plays both
 * IdPs of production: the e-ID broker (client `lotsen-company`) and the staff IdP (`lotsen-staff`).
 */
export const DEV_IDP_PATH = '/dev-idp';
export const DEV_CLIENTS = { company: 'lotsen-company', staff: 'lotsen-staff' } as const;
/** Public in the code base on purpose: it protects nothing but a provider anyone may use. */
export const DEV_CLIENT_SECRET = 'lotsen-dev-idp-client-secret-not-a-secret';

/** The Swedish OIDC profile's (oidc.se) scope and claim for the personnummer, as e-ID brokers use them. */
export const PERSONNUMMER_SCOPE = 'https://id.oidc.se/scope/naturalPersonNumber';
export const PERSONNUMMER_CLAIM = 'https://id.oidc.se/claim/personalIdentityNumber';

const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export class DevIdpRefusedError extends Error {
  constructor() {
    super('Utvecklingsinloggningen (/dev-idp) startar inte när NODE_ENV=production');
    this.name = 'DevIdpRefusedError';
  }
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Lotsen utvecklingsinloggning</title>
<link rel="stylesheet" href="${DEV_IDP_PATH}/style.css">
</head>
<body>
<main>
<p class="warning">Utvecklingsinloggning – bara för demo och test. Ingen riktig identitet kontrolleras.</p>
${body}
</main>
</body>
</html>`;
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1b1f24}
main{max-width:40rem;margin:2rem auto;padding:0 1rem}
.warning{background:#fff4ce;border-left:4px solid #b58100;padding:.5rem 1rem}
ul{list-style:none;padding:0}li{margin:.5rem 0}
form{margin:0}button{width:100%;text-align:left;padding:.75rem 1rem;font:inherit;border:1px solid #8a94a3;border-radius:4px;background:#fff;cursor:pointer}
button:hover,button:focus-visible{border-color:#0b5cad;outline:2px solid #0b5cad}
.who{display:block;font-weight:600}.what{display:block;color:#444}
.cancel{margin-top:1.5rem}.cancel button{width:auto;background:transparent}`;

function loginPage(uid: string, users: readonly DemoUser[], company: boolean): string {
  const items = users
    .map(
      (u) => `<li><form method="post" action="${DEV_IDP_PATH}/interaction/${escapeHtml(uid)}/login">
<input type="hidden" name="account" value="${escapeHtml(u.subject)}">
<button type="submit"><span class="who">${escapeHtml(u.name)}</span><span class="what">${escapeHtml(u.description)}</span></button>
</form></li>`,
    )
    .join('\n');
  const heading = company ? 'Logga in som företagare (e-legitimation)' : 'Logga in som personal';
  return page(
    heading,
    `<h1>${heading}</h1>
<p>Välj en demoanvändare.</p>
<ul>
${items}
</ul>
<form class="cancel" method="post" action="${DEV_IDP_PATH}/interaction/${escapeHtml(uid)}/abort"><button type="submit">Avbryt</button></form>`,
  );
}

function toAccount(user: DemoUser) {
  return {
    accountId: user.subject,
    async claims() {
      return {
        sub: user.subject,
        name: user.name,
        email: user.email,
        email_verified: true,
        ...(user.personnummer ? { [PERSONNUMMER_CLAIM]: user.personnummer } : {}),
      };
    },
  };
}

function providerConfiguration(baseUrl: string): Configuration {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  const client = (clientId: string) => ({
    client_id: clientId,
    client_secret: DEV_CLIENT_SECRET,
    redirect_uris: [`${baseUrl}/auth/callback`],
    post_logout_redirect_uris: [`${baseUrl}/`],
    grant_types: ['authorization_code'],
    response_types: ['code' as const],
  });
  return {
    clients: [client(DEV_CLIENTS.company), client(DEV_CLIENTS.staff)],
    jwks: { keys: [{ ...jwk, kid: 'dev-idp', use: 'sig', alg: 'RS256' }] as never },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'email', PERSONNUMMER_SCOPE],
    claims: {
      openid: ['sub'],
      profile: ['name'],
      email: ['email', 'email_verified'],
      [PERSONNUMMER_SCOPE]: [PERSONNUMMER_CLAIM],
    },
    ttl: { AuthorizationCode: 60, IdToken: 600, AccessToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          ctx.type = 'html';
          ctx.body = page(
            'Logga ut',
            `<h1>Logga ut från utvecklingsinloggningen?</h1>
${form}
<ul><li><button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Ja, logga ut</button></li>
<li><button type="submit" form="op.logoutForm">Nej, förbli inloggad</button></li></ul>`,
          );
        },
        async postLogoutSuccessSource(ctx) {
          ctx.type = 'html';
          ctx.body = page(
            'Utloggad',
            `<h1>Du är utloggad</h1><p><a href="${escapeHtml(baseUrl)}/">Till Lotsen</a></p>`,
          );
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `${DEV_IDP_PATH}/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const user = findDemoUser(sub);
      return user ? toAccount(user) : undefined;
    },
    // First-party clients: the grant is given at sign-in, so there is no consent screen.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const clientId = ctx.oidc.client?.clientId as string;
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId: ctx.oidc.session?.accountId as string });
      grant.addOIDCScope(['openid', 'profile', 'email', PERSONNUMMER_SCOPE].join(' '));
      await grant.save();
      return grant;
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page(
        'Fel',
        `<h1>Inloggningen misslyckades</h1>${Object.entries(out)
          .map(([k, v]) => `<p><strong>${escapeHtml(k)}</strong>: ${escapeHtml(String(v))}</p>`)
          .join('')}`,
      );
    },
  };
}

function setPageHeaders(reply: FastifyReply) {
  reply.raw.setHeader('content-security-policy', PAGE_CSP);
  reply.raw.setHeader('x-frame-options', 'DENY');
  reply.raw.setHeader('x-content-type-options', 'nosniff');
  reply.raw.setHeader('referrer-policy', 'same-origin');
  reply.raw.setHeader('cache-control', 'no-store');
}

/**
 * Mounts the development provider. Refuses when NODE_ENV=production, whatever else is configured.
 * The provider is created on first use, when the server's public URL (its issuer) is final.
 */
export async function devIdpRoutes(app: App, config: Config): Promise<void> {
  if (config.nodeEnv === 'production') throw new DevIdpRefusedError();
  let provider: Promise<Provider> | undefined;
  const getProvider = () => {
    provider ??= (async () => {
      const { default: OidcProvider } = await import('oidc-provider');
      const base = config.publicBaseUrl.replace(/\/$/, '');
      return new OidcProvider(`${base}${DEV_IDP_PATH}`, providerConfiguration(base));
    })();
    return provider;
  };

  // Everything else under /dev-idp is oidc-provider's: it reads the body itself.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    scope.all(
      `${DEV_IDP_PATH}/*`,
      { config: { access: 'public', rateLimit: { max: 300, timeWindow: '1 minute' } }, schema: { hide: true } },
      async (request, reply) => {
        const oidc = await getProvider();
        setPageHeaders(reply);
        reply.hijack();
        const raw = request.raw as IncomingMessage & { originalUrl?: string };
        raw.originalUrl = raw.url;
        raw.url = (raw.url ?? '/').slice(DEV_IDP_PATH.length) || '/';
        oidc.callback()(raw, reply.raw);
      },
    );
  });

  // The login page: our own, without the external fonts of oidc-provider's built-in one.
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    const Uid = Type.Object({ uid: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' }) });

    scope.get(
      `${DEV_IDP_PATH}/style.css`,
      { config: { access: 'public' }, schema: { hide: true } },
      async (_request, reply) =>
        reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLE),
    );

    scope.get(
      `${DEV_IDP_PATH}/interaction/:uid`,
      { config: { access: 'public' }, schema: { hide: true, params: Uid } },
      async (request, reply) => {
        const oidc = await getProvider();
        const details = await interactionOr400(oidc, request, reply);
        if (!details) return reply;
        const company = details.params.client_id === DEV_CLIENTS.company;
        const users = DEMO_USERS.filter((u) => (company ? u.kind === 'company-rep' : u.kind === 'staff'));
        reply.header('content-security-policy', PAGE_CSP).header('cache-control', 'no-store');
        return reply.type('text/html; charset=utf-8').send(loginPage(details.uid, users, company));
      },
    );

    scope.post(
      `${DEV_IDP_PATH}/interaction/:uid/login`,
      {
        config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          hide: true,
          params: Uid,
          body: Type.Object({ account: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
        },
      },
      async (request, reply) => {
        const oidc = await getProvider();
        const details = await interactionOr400(oidc, request, reply);
        if (!details) return reply;
        const { account } = request.body as { account: string };
        const user = findDemoUser(account);
        const company = details.params.client_id === DEV_CLIENTS.company;
        if (!user || (user.kind === 'company-rep') !== company) {
          return reply.code(400).type('text/plain; charset=utf-8').send('Okänd demoanvändare för denna inloggning');
        }
        setPageHeaders(reply);
        reply.hijack();
        await oidc.interactionFinished(
          request.raw,
          reply.raw,
          { login: { accountId: user.subject } },
          {
            mergeWithLastSubmission: false,
          },
        );
      },
    );

    scope.post(
      `${DEV_IDP_PATH}/interaction/:uid/abort`,
      { config: { access: 'public' }, schema: { hide: true, params: Uid } },
      async (request, reply) => {
        const oidc = await getProvider();
        const details = await interactionOr400(oidc, request, reply);
        if (!details) return reply;
        setPageHeaders(reply);
        reply.hijack();
        await oidc.interactionFinished(
          request.raw,
          reply.raw,
          { error: 'access_denied', error_description: 'Inloggningen avbröts' },
          { mergeWithLastSubmission: false },
        );
      },
    );
  });
}

async function interactionOr400(oidc: Provider, request: FastifyRequest, reply: FastifyReply) {
  try {
    return await oidc.interactionDetails(request.raw, reply.raw);
  } catch {
    reply
      .code(400)
      .type('text/plain; charset=utf-8')
      .send('Inloggningen har gått ut eller finns inte. Börja om från Lotsen.');
    return null;
  }
}
