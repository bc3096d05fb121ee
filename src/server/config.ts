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
  };
}
