import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';

const production = {
  NODE_ENV: 'production',
  SMTP_URL: 'smtp://mail.example.se:587',
  LOTSEN_SECRET: 's'.repeat(40),
  LOTSEN_PERSONAL_ID_KEY: 'k'.repeat(40),
  LOTSEN_OIDC_COMPANY_ISSUER: 'https://broker.example.se',
  LOTSEN_OIDC_COMPANY_CLIENT_ID: 'lotsen',
  LOTSEN_OIDC_COMPANY_CLIENT_SECRET: 'secret',
  LOTSEN_OIDC_STAFF_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0',
  LOTSEN_OIDC_STAFF_CLIENT_ID: 'lotsen-staff',
  LOTSEN_OIDC_STAFF_CLIENT_SECRET: 'secret',
};

describe('sign-in configuration from the environment', () => {
  it('refuses the development provider in production, naming LOTSEN_DEV_IDP', () => {
    expect(() => loadConfig({ ...production, LOTSEN_DEV_IDP: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, LOTSEN_DEV_IDP: 'true' })).toThrow(/LOTSEN_DEV_IDP/);
  });

  it('requires both IdPs and both secrets in production, naming each variable', () => {
    for (const name of Object.keys(production).filter((n) => n.startsWith('LOTSEN_'))) {
      const env: Record<string, string> = { ...production };
      delete env[name];
      expect(() => loadConfig(env), name).toThrow(new RegExp(name.replace(/_(CLIENT_ID|CLIENT_SECRET)$/, '')));
    }
  });

  it('refuses an http issuer and a short secret in production', () => {
    expect(() => loadConfig({ ...production, LOTSEN_OIDC_STAFF_ISSUER: 'http://idp.example.se' })).toThrow(
      /LOTSEN_OIDC_STAFF_ISSUER.*https/,
    );
    expect(() => loadConfig({ ...production, LOTSEN_SECRET: 'short' })).toThrow(/LOTSEN_SECRET.*32/);
  });

  it('refuses session timeouts that are not positive whole numbers', () => {
    expect(() => loadConfig({ LOTSEN_SESSION_IDLE_MINUTES: '0' })).toThrow(/LOTSEN_SESSION_IDLE_MINUTES/);
    expect(() => loadConfig({ LOTSEN_SESSION_MAX_HOURS: 'lång' })).toThrow(/LOTSEN_SESSION_MAX_HOURS/);
    expect(() => loadConfig({ LOTSEN_SESSION_CACHE_SECONDS: '61' })).toThrow(/LOTSEN_SESSION_CACHE_SECONDS.*0–60/);
    expect(loadConfig({ LOTSEN_SESSION_CACHE_SECONDS: '0' }).auth.sessionCacheSeconds).toBe(0);
  });

  it('maps claims from the environment, with the Swedish OIDC profile as the personnummer default', () => {
    const config = loadConfig({
      ...production,
      LOTSEN_OIDC_STAFF_CLAIM_EMAIL: 'preferred_username',
      LOTSEN_OIDC_STAFF_CLAIM_SUBJECT: 'oid',
      LOTSEN_OIDC_COMPANY_ISSUER: 'https://broker.example.se/',
    });
    expect(config.auth.devIdp).toBe(false);
    expect(config.auth.staff?.claims).toEqual({
      subject: 'oid',
      name: 'name',
      email: 'preferred_username',
      personnummer: null,
    });
    expect(config.auth.company?.issuer).toBe('https://broker.example.se');
    expect(config.auth.company?.claims.personnummer).toBe('https://id.oidc.se/claim/personalIdentityNumber');
  });

  it('runs the development provider by default outside production, with 30 min idle and 12 h sessions', () => {
    const config = loadConfig({});
    expect(config.auth).toMatchObject({
      devIdp: true,
      company: null,
      staff: null,
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      sessionCacheSeconds: 2,
    });
  });
});
