import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('refuses a port that is not a number, naming PORT', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL, naming it', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });

  it('refuses an SMTP_URL the mailer cannot use, naming it and what is wrong', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.se' })).toThrow(/SMTP_URL.*smtp:\/\//);
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.se?secure=true' })).toThrow(/SMTP_URL.*secure/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.se?requireTLS=ja' })).toThrow(/requireTLS/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.se?maxConnections=0' })).toThrow(/maxConnections/);
    expect(loadConfig({ SMTP_URL: 'smtp://u:p@mail.example.se:587?requireTLS=true' }).mail.smtpUrl).toBe(
      'smtp://u:p@mail.example.se:587?requireTLS=true',
    );
  });

  it('refuses an unknown log level and NODE_ENV', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
  });

  it('defaults to port 3000 and the embedded database in ./data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('./data');
    expect(config.databaseUrl).toBeNull();
  });

  it('scales rate limits by LOTSEN_RATE_LIMIT_FACTOR (default 1) and refuses a bad factor, naming it', () => {
    expect(loadConfig({}).rateLimitFactor).toBe(1);
    expect(loadConfig({ LOTSEN_RATE_LIMIT_FACTOR: '1000' }).rateLimitFactor).toBe(1000);
    expect(() => loadConfig({ LOTSEN_RATE_LIMIT_FACTOR: '0' })).toThrow(/LOTSEN_RATE_LIMIT_FACTOR/);
    expect(() => loadConfig({ LOTSEN_RATE_LIMIT_FACTOR: 'many' })).toThrow(/LOTSEN_RATE_LIMIT_FACTOR/);
  });

  it('switches to a PostgreSQL server when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://lotsen@db:5432/lotsen', LOTSEN_DATA_DIR: '/var/lib/lotsen' });
    expect(config.databaseUrl).toBe('postgres://lotsen@db:5432/lotsen');
    expect(config.dataDir).toBe('/var/lib/lotsen');
  });
});
