import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { mappedResolver } from '../src/plugins/install-checks.ts';

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
      // One write in flight, holding a whole round of clients (group-commit.ts, gatherMs).
      pings: { maxBatch: 500, writeConcurrency: 1, gatherMs: 2, rawRetentionDays: 35 },
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT: expected a whole number from 1 to 65535, got "eighty"'],
    [{ PORT: '70000' }, 'PORT: expected a whole number from 1 to 65535, got "70000"'],
    [{ PUBLIC_ORIGIN: 'ftp://x.example' }, 'PUBLIC_ORIGIN: expected a http or https URL, got "ftp://x.example"'],
    ...['https://x.example/app', 'https://x.example?a=1', 'https://x.example#f', 'https://me:pw@x.example'].map(
      (origin): [Record<string, string>, string] => [
        { PUBLIC_ORIGIN: origin },
        `PUBLIC_ORIGIN: expected an origin (scheme, host, optional port; no path, query, fragment or credentials), got "${origin}"`,
      ],
    ),
    [{ LANDING_URL: 'javascript:alert(1)' }, 'LANDING_URL: expected a http or https URL, got "javascript:alert(1)"'],
    [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL: expected a postgres or postgresql URL, got "mysql://db/x"'],
    [{ COOKIE_SECRET: 'short' }, 'COOKIE_SECRET: expected 32 characters or more, got 5'],
    [{ PING_GATHER_MS: '2.5' }, 'PING_GATHER_MS: expected a whole number from 0 to 50, got "2.5"'],
    [{ PING_GATHER_MS: '51' }, 'PING_GATHER_MS: expected a whole number from 0 to 50, got "51"'],
    [
      { NODE_ENV: 'production', PAYOUT_ENCRYPTION_KEY: 'a'.repeat(64), SMTP_URL: 'smtp://mail:587' },
      'COOKIE_SECRET: required in production (32 characters or more)',
    ],
    [
      { NODE_ENV: 'production', COOKIE_SECRET: 'p'.repeat(40), SMTP_URL: 'smtp://mail:587' },
      'PAYOUT_ENCRYPTION_KEY: required in production (32 bytes, base64 or hex)',
    ],
    [
      { NODE_ENV: 'production', COOKIE_SECRET: 'p'.repeat(40), PAYOUT_ENCRYPTION_KEY: 'a'.repeat(64) },
      'SMTP_URL: required in production (smtp://user:password@host:587): e-mail confirms addresses',
    ],
    [
      { SMTP_URL: 'http://user:hunter2@mail.example' },
      'SMTP_URL: expected an smtp:// or smtps:// URL (smtp://user:password@host:587)',
    ],
    [{ PAYOUT_ENCRYPTION_KEY: 'c2hvcnQ=' }, 'PAYOUT_ENCRYPTION_KEY: expected 32 bytes, as 64 hex characters or base64'],
    [{ ADMIN_EMAIL: 'root' }, 'ADMIN_EMAIL: expected an e-mail address, got "root"'],
    [{ ADMIN_EMAIL: 'ops@x.example', ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD: expected 10 to 200 characters'],
    [{ ADMIN_PASSWORD: 'long enough password' }, 'ADMIN_PASSWORD: set ADMIN_EMAIL too, or leave it out'],
    [
      { STRIPE_WEBHOOK_SECRET: 'sk_live_x' },
      'STRIPE_WEBHOOK_SECRET: expected a Stripe signing secret starting with whsec_',
    ],
    [{ LIVENESS_DAYS: '0' }, 'LIVENESS_DAYS: expected a whole number from 1 to 365, got "0"'],
    [{ COMMISSION_RATE_BPS: '10001' }, 'COMMISSION_RATE_BPS: expected a whole number from 0 to 10000, got "10001"'],
    [{ INSTALL_BOUNTY_CENTS: '9.99' }, 'INSTALL_BOUNTY_CENTS: expected a whole number from 0 to 1000000, got "9.99"'],
    [{ ATTRIBUTION_MODEL: 'linear' }, 'ATTRIBUTION_MODEL: expected one of first, last, got "linear"'],
    [{ QUALIFY_MIN_VISITORS: '0' }, 'QUALIFY_MIN_VISITORS: expected a whole number from 1 to 1000, got "0"'],
    [
      { TRUST_PROXY: 'maybe' },
      `TRUST_PROXY: expected false, true, a hop count or the proxies' addresses (IPs or CIDRs, comma-separated), got "maybe"`,
    ],
    [
      { TRUST_PROXY: '10.0.0.1, evil' },
      `TRUST_PROXY: expected false, true, a hop count or the proxies' addresses (IPs or CIDRs, comma-separated), got "10.0.0.1, evil"`,
    ],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    [{ CLICK_RATE_PER_NETWORK: '0' }, 'CLICK_RATE_PER_NETWORK: expected a whole number from 1 to 10000, got "0"'],
    [{ INSTALL_CHECK_ALLOW_LOOPBACK: 'yes' }, 'INSTALL_CHECK_ALLOW_LOOPBACK: expected true or false, got "yes"'],
    [
      {
        NODE_ENV: 'production',
        COOKIE_SECRET: 'p'.repeat(40),
        PAYOUT_ENCRYPTION_KEY: 'a'.repeat(64),
        SMTP_URL: 'smtp://mail:587',
        INSTALL_CHECK_ALLOW_LOOPBACK: 'true',
      },
      'INSTALL_CHECK_ALLOW_LOOPBACK: for tests only; refused in production',
    ],
    [
      { INSTALL_CHECK_HOSTS: '*.example.com=localhost' },
      'INSTALL_CHECK_HOSTS: expected name=ip pairs, comma-separated (*.example.com=127.0.0.1), got "*.example.com=localhost"',
    ],
    [
      {
        NODE_ENV: 'production',
        COOKIE_SECRET: 'p'.repeat(40),
        PAYOUT_ENCRYPTION_KEY: 'a'.repeat(64),
        SMTP_URL: 'smtp://mail:587',
        INSTALL_CHECK_HOSTS: '*.example.com=127.0.0.1',
      },
      'INSTALL_CHECK_HOSTS: for tests only; refused in production',
    ],
  ])('refuses %j', (env, problem) => {
    expect(problems(env)).toEqual([problem]);
  });

  it.each([
    ['', false],
    ['false', false],
    ['true', true],
    ['1', 1],
    ['2', 2],
    ['10.0.0.1', '10.0.0.1'],
    [' 10.0.0.0/8, fd00::/8 ', '10.0.0.0/8,fd00::/8'],
  ])('reads TRUST_PROXY=%j as %j', (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toBe(expected);
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
      PAYOUT_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      ADMIN_EMAIL: ' Ops@Callbell.EU ',
      PUBLIC_ORIGIN: 'https://App.Callbell.EU:443/',
      DATABASE_URL: 'postgres://app@db:5432/callbell',
      REDIS_URL: 'redis://cache:6379',
      ATTRIBUTION_MODEL: 'first',
      SMTP_URL: 'smtps://mailer:secret@smtp.callbell.eu:465',
      MAIL_FROM: 'Callbell Rewards <rewards@callbell.eu>',
    });
    expect(config).toMatchObject({
      publicOrigin: 'https://app.callbell.eu',
      databaseUrl: 'postgres://app@db:5432/callbell',
      redisUrl: 'redis://cache:6379',
      programme: { attributionModel: 'first' },
      adminEmail: 'ops@callbell.eu',
      mail: { smtpUrl: 'smtps://mailer:secret@smtp.callbell.eu:465', from: 'Callbell Rewards <rewards@callbell.eu>' },
    });
    expect(config.payoutKey.equals(Buffer.alloc(32, 7))).toBe(true);
  });
});

describe('loadConfig: how payouts leave', () => {
  it('takes the SEPA debtor from SEPA_DEBTOR_*, in canonical form; without it, none outside the demo', () => {
    const config = loadConfig({
      SEPA_DEBTOR_NAME: ' Callbell Payouts S.L. ',
      SEPA_DEBTOR_IBAN: 'de02 1203 0000 0000 2020 51',
      SEPA_DEBTOR_BIC: 'byladem1001',
    });
    expect(config.payouts).toEqual({
      sepaDebtor: { name: 'Callbell Payouts S.L.', iban: 'DE02120300000000202051', bic: 'BYLADEM1001' },
      sepaDemo: false,
      paypal: null,
    });
    expect(
      loadConfig({ SEPA_DEBTOR_NAME: 'X', SEPA_DEBTOR_IBAN: 'DE02120300000000202051' }).payouts.sepaDebtor,
    ).toEqual({
      name: 'X',
      iban: 'DE02120300000000202051',
      bic: null,
    });
    expect(loadConfig({}).payouts).toEqual({ sepaDebtor: null, sepaDemo: false, paypal: null });
    expect(loadConfig({ CALLBELL_DEMO: 'true' }).payouts).toMatchObject({
      sepaDebtor: { name: 'Callbell Demo Payouts', iban: 'DE02120300000000202051' },
      sepaDemo: true,
    });
  });

  it.each([
    [{ SEPA_DEBTOR_NAME: 'X' }, 'SEPA_DEBTOR_IBAN: required with the other SEPA_DEBTOR_ variables'],
    [{ SEPA_DEBTOR_BIC: 'BYLADEM1001' }, 'SEPA_DEBTOR_NAME: required with the other SEPA_DEBTOR_ variables'],
    [
      { SEPA_DEBTOR_NAME: 'X', SEPA_DEBTOR_IBAN: 'DE02120300000000202052' },
      'SEPA_DEBTOR_IBAN: This IBAN’s check digits do not match: please check it for a typo, got "DE02120300000000202052"',
    ],
    [
      { SEPA_DEBTOR_NAME: 'X', SEPA_DEBTOR_IBAN: 'DE02120300000000202051', SEPA_DEBTOR_BIC: 'BNPAFRPP' },
      'SEPA_DEBTOR_BIC: the BIC is of FR, the IBAN of DE, got "BNPAFRPP"',
    ],
    [{ PAYPAL_CLIENT_SECRET: 's' }, 'PAYPAL_CLIENT_ID: required with the other (the Payouts API needs both)'],
    [{ PAYPAL_API_BASE: 'ftp://x' }, 'PAYPAL_API_BASE: expected a http or https URL, got "ftp://x"'],
  ])('refuses %j', (env, problem) => {
    expect(problems(env)).toEqual([problem]);
  });

  it('never echoes the PayPal credentials', () => {
    expect(problems({ PAYPAL_CLIENT_SECRET: 'very-secret' }).join(' ')).not.toContain('very-secret');
  });
});

describe('INSTALL_CHECK_HOSTS', () => {
  it('maps names for the install check, exactly or by a *. suffix, and leaves the rest to DNS', async () => {
    const config = loadConfig({ INSTALL_CHECK_HOSTS: '*.example.com=127.0.0.1, shop.test=::1' });
    expect(config.installChecks.hosts).toEqual([
      { pattern: '*.example.com', address: '127.0.0.1' },
      { pattern: 'shop.test', address: '::1' },
    ]);
    const asked: string[] = [];
    const resolve = mappedResolver(config.installChecks.hosts, async (name) => {
      asked.push(name);
      return [{ address: '203.0.113.9', family: 4 }];
    });
    expect(await resolve('Florist.Example.com')).toEqual([{ address: '127.0.0.1', family: 4 }]);
    expect(await resolve('shop.test')).toEqual([{ address: '::1', family: 6 }]);
    expect(await resolve('example.com')).toEqual([{ address: '203.0.113.9', family: 4 }]);
    expect(await resolve('other.shop.test')).toEqual([{ address: '203.0.113.9', family: 4 }]);
    expect(asked).toEqual(['example.com', 'other.shop.test']);
  });
});
