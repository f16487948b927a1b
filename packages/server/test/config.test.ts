import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const SECRET = 'a-production-secret-of-at-least-32-chars';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

describe('loadConfig', () => {
  it('has working defaults for a newcomer: PGlite, localhost, the programme rules', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      publicOrigin: 'http://localhost:3000',
      landingUrl: 'http://localhost:3000/welcome',
      databaseUrl: null,
      dataDir: '.data/pglite',
      programme: {
        installBountyCents: 1000,
        commissionRateBps: 3000,
        minPayoutCents: 5000,
        holdDays: 30,
        attributionWindowDays: 90,
        attributionModel: 'last',
        qualifyMinVisitors: 3,
      },
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT: expected a whole number from 1 to 65535, got "eighty"'],
    [{ PORT: '70000' }, 'PORT: expected a whole number from 1 to 65535, got "70000"'],
    [{ PUBLIC_ORIGIN: 'ftp://x.example' }, 'PUBLIC_ORIGIN: expected a http or https URL, got "ftp://x.example"'],
    [
      { PUBLIC_ORIGIN: 'https://x.example/app' },
      'PUBLIC_ORIGIN: expected an origin without a path, got "https://x.example/app"',
    ],
    [{ LANDING_URL: 'javascript:alert(1)' }, 'LANDING_URL: expected a http or https URL, got "javascript:alert(1)"'],
    [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL: expected a postgres or postgresql URL, got "mysql://db/x"'],
    [{ COOKIE_SECRET: 'short' }, 'COOKIE_SECRET: expected 32 characters or more, got 5'],
    [{ NODE_ENV: 'production' }, 'COOKIE_SECRET: required in production (32 characters or more)'],
    [{ COMMISSION_RATE_BPS: '10001' }, 'COMMISSION_RATE_BPS: expected a whole number from 0 to 10000, got "10001"'],
    [{ INSTALL_BOUNTY_CENTS: '9.99' }, 'INSTALL_BOUNTY_CENTS: expected a whole number from 0 to 1000000, got "9.99"'],
    [{ ATTRIBUTION_MODEL: 'linear' }, 'ATTRIBUTION_MODEL: expected one of first, last, got "linear"'],
    [{ QUALIFY_MIN_VISITORS: '0' }, 'QUALIFY_MIN_VISITORS: expected a whole number from 1 to 1000, got "0"'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY: expected true or false, got "maybe"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
  ])('refuses %j', (env, problem) => {
    expect(problems(env)).toEqual([problem]);
  });

  it('reports every bad variable at once', () => {
    const err = problems({ PORT: 'x', HOLD_DAYS: '-1', REDIS_URL: 'http://x' });
    expect(err).toHaveLength(3);
    expect(() => loadConfig({ PORT: 'x' })).toThrow(/^Invalid configuration:\n {2}- PORT/);
  });

  it('accepts a production configuration', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      COOKIE_SECRET: SECRET,
      PUBLIC_ORIGIN: 'https://app.callbell.eu/',
      DATABASE_URL: 'postgres://app@db:5432/callbell',
      REDIS_URL: 'redis://cache:6379',
      ATTRIBUTION_MODEL: 'first',
    });
    expect(config).toMatchObject({
      publicOrigin: 'https://app.callbell.eu',
      databaseUrl: 'postgres://app@db:5432/callbell',
      redisUrl: 'redis://cache:6379',
      programme: { attributionModel: 'first' },
    });
  });
});
