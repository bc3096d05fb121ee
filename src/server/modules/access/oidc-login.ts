import { createHmac, timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import type { Config, OidcProviderConfig } from '../../config.js';
import { AppError } from '../../errors.js';
import type { App } from '../../http/types.js';
import type { UserKind } from './access.policies.js';
import type { VerifiedIdentity } from './access.service.js';
import { DEV_ISSUER } from './demo-users.js';
import { DEV_CLIENT_SECRET, DEV_CLIENTS, DEV_IDP_PATH, PERSONNUMMER_CLAIM, PERSONNUMMER_SCOPE } from './dev-idp.js';

export type LoginAs = 'company' | 'staff';

/** What /auth/login remembers until /auth/callback, in a signed cookie (no server state). */
export interface LoginState {
  as: LoginAs;
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  /** Epoch milliseconds. */
  expires: number;
}

export const LOGIN_STATE_TTL_SECONDS = 600;

export function signLoginState(secret: string, value: LoginState): string {
  const body = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

export function readLoginState(secret: string, cookie: string | undefined, now = Date.now()): LoginState | null {
  if (!cookie) return null;
  const [body, mac] = cookie.split('.');
  if (!body || !mac) return null;
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LoginState;
    return value.expires > now ? value : null;
  } catch {
    return null;
  }
}

/** Only paths on this site: never `//evil.example` or `/\evil.example`. */
export function safeReturnTo(value: string | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  return value.length <= 500 ? value : '/';
}

interface ProviderSetup {
  issuerUrl: URL;
  clientId: string;
  clientSecret: string;
  scopes: string;
  claims: OidcProviderConfig['claims'];
  /** What Lotsen records as the issuer of its users. */
  recordedIssuer: () => string;
  /** The development provider lives in this very app: talk to it in-process. */
  viaApp: boolean;
}

/**
 * Sign-in with OpenID Connect (authorization code + PKCE) for both kinds of people: company
 * representatives through the e-ID broker, staff through the staff IdP; in development both
 * through /dev-idp.
 */
export class OidcLogin {
  readonly #configurations = new Map<LoginAs, Promise<client.Configuration>>();

  constructor(
    private readonly app: App,
    private readonly config: Config,
  ) {}

  private setup(as: LoginAs): ProviderSetup {
    const configured = as === 'company' ? this.config.auth.company : this.config.auth.staff;
    if (configured) {
      return {
        issuerUrl: new URL(configured.issuer),
        clientId: configured.clientId,
        clientSecret: configured.clientSecret,
        scopes: configured.scopes,
        claims: configured.claims,
        // openid-client has checked `iss` against the discovered issuer; record the configured string,
        // so invited staff (added before they sign in) and signed-in users share one issuer.
        recordedIssuer: () => configured.issuer,
        viaApp: false,
      };
    }
    if (!this.config.auth.devIdp) throw new AppError('internal', `Ingen inloggning konfigurerad för ${as}`);
    const base = this.config.publicBaseUrl.replace(/\/$/, '');
    return {
      issuerUrl: new URL(`${base}${DEV_IDP_PATH}`),
      clientId: DEV_CLIENTS[as],
      clientSecret: DEV_CLIENT_SECRET,
      scopes: as === 'company' ? `openid profile email ${PERSONNUMMER_SCOPE}` : 'openid profile email',
      claims: {
        subject: 'sub',
        name: 'name',
        email: 'email',
        personnummer: as === 'company' ? PERSONNUMMER_CLAIM : null,
      },
      recordedIssuer: () => DEV_ISSUER,
      viaApp: true,
    };
  }

  /** The issuer recorded for sessions of this kind: where logout goes. */
  recordedIssuerFor(as: LoginAs): string {
    return this.setup(as).recordedIssuer();
  }

  /** In-process fetch to the development provider: no network, and it works under app.inject(). */
  private readonly injectFetch: client.CustomFetch = async (url, options) => {
    const target = new URL(url);
    const headers: Record<string, string> = {};
    new Headers(options.headers).forEach((value, key) => {
      headers[key] = value;
    });
    headers.host = target.host;
    const res = await this.app.inject({
      method: options.method as 'GET',
      url: `${target.pathname}${target.search}`,
      headers,
      ...(options.body !== undefined && options.body !== null ? { payload: String(options.body) } : {}),
    });
    const out = new Headers();
    for (const [key, value] of Object.entries(res.headers)) {
      if (value !== undefined) out.set(key, Array.isArray(value) ? value.join(', ') : String(value));
    }
    return new Response(res.statusCode === 204 ? null : new Uint8Array(res.rawPayload), {
      status: res.statusCode,
      headers: out,
    });
  };

  private configuration(as: LoginAs): Promise<client.Configuration> {
    let found = this.#configurations.get(as);
    if (!found) {
      const setup = this.setup(as);
      const insecure = setup.issuerUrl.protocol === 'http:' && this.config.nodeEnv !== 'production';
      found = client
        .discovery(setup.issuerUrl, setup.clientId, setup.clientSecret, undefined, {
          ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
          ...(setup.viaApp ? { [client.customFetch]: this.injectFetch } : {}),
        })
        .then((configuration) => {
          if (setup.viaApp) configuration[client.customFetch] = this.injectFetch;
          return configuration;
        });
      // A provider that was down is asked again next time.
      found.catch(() => this.#configurations.delete(as));
      this.#configurations.set(as, found);
    }
    return found;
  }

  /** Where to send the browser, and what to remember until it comes back. */
  async start(as: LoginAs, returnTo: string): Promise<{ url: string; state: LoginState }> {
    const setup = this.setup(as);
    const configuration = await this.providerOr502(as);
    const state: LoginState = {
      as,
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      returnTo: safeReturnTo(returnTo),
      expires: Date.now() + LOGIN_STATE_TTL_SECONDS * 1000,
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri(),
      scope: setup.scopes,
      state: state.state,
      nonce: state.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(state.verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, state };
  }

  redirectUri(): string {
    return `${this.config.publicBaseUrl.replace(/\/$/, '')}/auth/callback`;
  }

  /** Exchanges the code, checks state, nonce and PKCE, and maps the claims to an identity. */
  async finish(login: LoginState, query: Record<string, string>): Promise<VerifiedIdentity> {
    const setup = this.setup(login.as);
    const configuration = await this.providerOr502(login.as);
    const callbackUrl = new URL(this.redirectUri());
    for (const [key, value] of Object.entries(query)) callbackUrl.searchParams.set(key, value);
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: login.verifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      this.app.log.warn({ err: error }, 'OIDC code exchange failed');
      throw new AppError('login_failed', 'Inloggningen kunde inte slutföras. Försök igen.');
    }
    const idClaims = tokens.claims();
    if (!idClaims) throw new AppError('login_failed', 'IdP:n skickade ingen ID-token');
    let claims: Record<string, unknown> = { ...idClaims };
    const wanted = [setup.claims.subject, setup.claims.name, setup.claims.email, setup.claims.personnummer].filter(
      (c): c is string => !!c,
    );
    // Some brokers put the personnummer only in userinfo.
    if (wanted.some((c) => claims[c] === undefined) && configuration.serverMetadata().userinfo_endpoint) {
      try {
        const info = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
        claims = { ...info, ...claims };
      } catch (error) {
        this.app.log.warn({ err: error }, 'OIDC userinfo failed');
      }
    }
    const text = (name: string | null) => (name && typeof claims[name] === 'string' ? (claims[name] as string) : null);
    const kind: UserKind = login.as === 'company' ? 'company-rep' : 'staff';
    const personnummer = kind === 'company-rep' ? text(setup.claims.personnummer) : null;
    if (kind === 'company-rep' && !personnummer) {
      throw new AppError('login_failed', 'Inloggningen gav inget personnummer; använd e-legitimation');
    }
    // Entra ID's `sub` differs per application; its `oid` is the person's id in the tenant.
    const subject = text(setup.claims.subject);
    if (!subject) throw new AppError('login_failed', `ID-token saknar ${setup.claims.subject}`);
    return {
      issuer: setup.recordedIssuer(),
      subject,
      kind,
      name: text(setup.claims.name),
      email: text(setup.claims.email),
      personnummer,
      emailVerified: claims.email_verified !== false,
    };
  }

  /** The IdP's logout URL for a session from this issuer, or the start page when it has none. */
  async logoutUrl(recordedIssuer: string): Promise<string> {
    const home = `${this.config.publicBaseUrl.replace(/\/$/, '')}/`;
    for (const as of ['company', 'staff'] as const) {
      let setup: ProviderSetup;
      try {
        setup = this.setup(as);
      } catch {
        continue;
      }
      if (setup.recordedIssuer() !== recordedIssuer) continue;
      try {
        const configuration = await this.configuration(as);
        if (!configuration.serverMetadata().end_session_endpoint) return home;
        return client.buildEndSessionUrl(configuration, { client_id: setup.clientId, post_logout_redirect_uri: home })
          .href;
      } catch {
        return home;
      }
    }
    return home;
  }

  private async providerOr502(as: LoginAs): Promise<client.Configuration> {
    try {
      return await this.configuration(as);
    } catch (error) {
      this.app.log.error({ err: error }, 'OIDC discovery failed');
      throw new AppError('idp_unavailable', 'Inloggningstjänsten svarar inte just nu. Försök igen om en stund.');
    }
  }
}
