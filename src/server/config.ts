import { randomBytes } from 'node:crypto';
import { smtpOptionsFromUrl } from './modules/outbox/smtp.js';

/**
 * Configuration from the environment, validated once at start.
 * A bad value stops start-up with a message that names the variable.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  nodeEnv: 'development' | 'production' | 'test';
  seedDemoWhenEmpty: boolean;
  publicBaseUrl: string;
  auth: AuthConfig;
  mail: MailConfig;
  /** Multiplies every per-route rate limit (tests and benchmarks raise it; 1 = as declared). */
  rateLimitFactor: number;
}

/** Outgoing e-mail. Without SMTP_URL (never in production) Lotsen runs its own local mailbox. */
export interface MailConfig {
  smtpUrl: string | null;
  from: string;
}

function mailConfig(env: Env, nodeEnv: Config['nodeEnv']): MailConfig {
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl) {
    let protocol = '';
    try {
      protocol = new URL(smtpUrl).protocol;
    } catch {
      throw new ConfigError('SMTP_URL', 'är ingen giltig URL (väntade smtp://användare:lösen@värd:587)');
    }
    if (protocol !== 'smtp:' && protocol !== 'smtps:') {
      throw new ConfigError('SMTP_URL', `måste börja med smtp:// eller smtps:// (fick "${protocol}")`);
    }
    try {
      smtpOptionsFromUrl(smtpUrl);
    } catch (error) {
      throw new ConfigError('SMTP_URL', `kan inte användas: ${(error as Error).message}`);
    }
  } else if (nodeEnv === 'production') {
    throw new ConfigError('SMTP_URL', 'krävs i produktion (Lotsen skickar kvittenser och aviseringar med e-post)');
  }
  const from = env.MAIL_FROM?.trim() || 'Lotsen <noreply@lotsen.localhost>';
  if (!/^[^<>]*<[^@\s<>]+@[^@\s<>]+>$|^[^@\s<>]+@[^@\s<>]+$/.test(from)) {
    throw new ConfigError('MAIL_FROM', `är ingen giltig avsändare (fick "${from}")`);
  }
  return { smtpUrl, from };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Ogiltig konfiguration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;

type Env = Record<string, string | undefined>;

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `måste vara en av ${allowed.join(', ')} (fick "${value}")`);
  }
  return value as T;
}

function port(env: Env, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new ConfigError(name, `måste vara ett portnummer 0–65535 (fick "${value}")`);
  }
  return Number(value);
}

function databaseUrl(env: Env): string | null {
  const value = env.DATABASE_URL;
  if (value === undefined || value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('DATABASE_URL', 'är ingen giltig URL (väntade postgres://användare@värd:port/databas)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `måste börja med postgres:// eller postgresql:// (fick "${url.protocol}")`);
  }
  return value;
}

function rateLimitFactor(env: Env): number {
  const value = env.LOTSEN_RATE_LIMIT_FACTOR;
  if (value === undefined || value === '') return 1;
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) < 0.01 || Number(value) > 1_000_000) {
    throw new ConfigError('LOTSEN_RATE_LIMIT_FACTOR', `måste vara ett tal 0.01–1000000 (fick "${value}")`);
  }
  return Number(value);
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'yes'].includes(value)) return true;
  if (['0', 'false', 'no'].includes(value)) return false;
  throw new ConfigError(name, `måste vara true eller false (fick "${value}")`);
}

export function loadConfig(env: Env = process.env): Config {
  const p = port(env, 'PORT', 3000);
  const dataDir = env.LOTSEN_DATA_DIR?.trim() || './data';
  return {
    port: p,
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir,
    databaseUrl: databaseUrl(env),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    nodeEnv: oneOf(env, 'NODE_ENV', NODE_ENVS, 'development'),
    seedDemoWhenEmpty: flag(env, 'LOTSEN_SEED_DEMO', true),
    publicBaseUrl: env.LOTSEN_PUBLIC_URL?.trim() || `http://localhost:${p}`,
    auth: authConfig(env, oneOf(env, 'NODE_ENV', NODE_ENVS, 'development')),
    mail: mailConfig(env, oneOf(env, 'NODE_ENV', NODE_ENVS, 'development')),
    rateLimitFactor: rateLimitFactor(env),
  };
}

/** One OpenID Connect provider Lotsen signs people in with, and how its claims map. */
export interface OidcProviderConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** Which claims hold the stable id, name, e-mail and personnummer (company IdP only). */
  claims: { subject: string; name: string; email: string; personnummer: string | null };
}

export interface AuthConfig {
  /** The built-in development provider under /dev-idp (never in production). */
  devIdp: boolean;
  /** e-ID broker for company representatives; null: the development provider. */
  company: OidcProviderConfig | null;
  /** The organisations' IdP for staff; null: the development provider. */
  staff: OidcProviderConfig | null;
  /** Signs the short-lived login cookie; random per process outside production. */
  secret: string;
  /** Key of the personnummer hash; must stay the same for the life of the database. */
  personalIdKey: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /**
   * How long this process may answer from a session it resolved a moment ago instead of asking
   * the database again (0: never). A sign-out, a changed membership or an erasure made in this
   * process takes effect at once; one made in another process, within this many seconds.
   */
  sessionCacheSeconds: number;
}

function positiveInt(env: Env, name: string, fallback: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new ConfigError(name, `måste vara ett heltal 1–${max} (fick "${value}")`);
  }
  return Number(value);
}

function wholeNumber(env: Env, name: string, fallback: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max) {
    throw new ConfigError(name, `måste vara ett heltal 0–${max} (fick "${value}")`);
  }
  return Number(value);
}

function secret(env: Env, name: string, production: boolean, fallback: () => string): string {
  const value = env[name];
  if (value === undefined || value === '') {
    if (production) throw new ConfigError(name, 'krävs i produktion (minst 32 slumpmässiga tecken)');
    return fallback();
  }
  if (value.length < 32) throw new ConfigError(name, `måste vara minst 32 tecken (fick ${value.length})`);
  return value;
}

function oidcProvider(env: Env, prefix: string, production: boolean, personnummerClaim: boolean) {
  const issuer = env[`${prefix}_ISSUER`]?.trim();
  if (!issuer) {
    if (production) throw new ConfigError(`${prefix}_ISSUER`, 'krävs i produktion (OpenID Connect-utfärdarens URL)');
    return null;
  }
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new ConfigError(`${prefix}_ISSUER`, `är ingen giltig URL (fick "${issuer}")`);
  }
  if (url.protocol !== 'https:' && (production || url.protocol !== 'http:')) {
    throw new ConfigError(`${prefix}_ISSUER`, `måste vara en https-URL${production ? ' i produktion' : ''}`);
  }
  const required = (name: string) => {
    const value = env[`${prefix}_${name}`]?.trim();
    if (!value) throw new ConfigError(`${prefix}_${name}`, `krävs när ${prefix}_ISSUER är satt`);
    return value;
  };
  const claim = (name: string, fallback: string) => env[`${prefix}_CLAIM_${name}`]?.trim() || fallback;
  return {
    // Users are recorded under this string: keep it stable (no trailing slash, whatever was given).
    issuer: issuer.replace(/\/+$/, ''),
    clientId: required('CLIENT_ID'),
    clientSecret: required('CLIENT_SECRET'),
    scopes:
      env[`${prefix}_SCOPES`]?.trim() ||
      (personnummerClaim ? 'openid profile https://id.oidc.se/scope/naturalPersonNumber' : 'openid profile email'),
    claims: {
      subject: claim('SUBJECT', 'sub'),
      name: claim('NAME', 'name'),
      email: claim('EMAIL', 'email'),
      // The Swedish OIDC profile (oidc.se), which Swedish e-ID brokers follow.
      personnummer: personnummerClaim ? claim('PERSONNUMMER', 'https://id.oidc.se/claim/personalIdentityNumber') : null,
    },
  };
}

function authConfig(env: Env, nodeEnv: Config['nodeEnv']): AuthConfig {
  const production = nodeEnv === 'production';
  const devIdp = flag(env, 'LOTSEN_DEV_IDP', !production);
  if (devIdp && production) {
    throw new ConfigError(
      'LOTSEN_DEV_IDP',
      'får inte vara på när NODE_ENV=production (utvecklingsinloggningen är öppen för alla)',
    );
  }
  const company = oidcProvider(env, 'LOTSEN_OIDC_COMPANY', production, true);
  const staff = oidcProvider(env, 'LOTSEN_OIDC_STAFF', production, false);
  if (!devIdp && (!company || !staff)) {
    throw new ConfigError(
      company ? 'LOTSEN_OIDC_STAFF_ISSUER' : 'LOTSEN_OIDC_COMPANY_ISSUER',
      'krävs när LOTSEN_DEV_IDP=false (annars kan ingen logga in)',
    );
  }
  return {
    devIdp,
    company,
    staff,
    secret: secret(env, 'LOTSEN_SECRET', production, () => randomBytes(32).toString('base64url')),
    personalIdKey: secret(
      env,
      'LOTSEN_PERSONAL_ID_KEY',
      production,
      () => 'lotsen-development-personal-id-key-not-secret',
    ),
    sessionIdleMinutes: positiveInt(env, 'LOTSEN_SESSION_IDLE_MINUTES', 30, 24 * 60),
    sessionMaxHours: positiveInt(env, 'LOTSEN_SESSION_MAX_HOURS', 12, 24 * 30),
    sessionCacheSeconds: wholeNumber(env, 'LOTSEN_SESSION_CACHE_SECONDS', 2, 60),
  };
}
