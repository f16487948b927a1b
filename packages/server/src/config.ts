import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { normaliseEmail } from './domain/accounts.ts';
import { parseSepaDebtor, type SepaDebtor } from './domain/sepa-transfer.ts';

/**
 * Configuration from environment variables, validated once at start-up. Every bad value is
 * reported at once, each with what was expected and what was given.
 */
export interface Config {
  /** NODE_ENV=production: no demo, no development defaults. */
  production: boolean;
  port: number;
  host: string;
  publicOrigin: string;
  landingUrl: string;
  /** postgres:// URL, or null for the embedded PGlite database. */
  databaseUrl: string | null;
  /** PGlite's data directory; `memory://` keeps it in memory. */
  dataDir: string;
  cookieSecret: string;
  redisUrl: string | null;
  /**
   * Which proxies' X-Forwarded-For to believe (Fastify's trustProxy): false, a hop count, or
   * their addresses. `true` believes every hop, so a client can choose its own address: only
   * behind a proxy that overwrites the header.
   */
  trustProxy: boolean | number | string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  demo: boolean;
  /** How long a client may take to send a request's headers, and the whole request with its body. */
  timeouts: { headersMs: number; requestMs: number };
  /** How long the start waits for the database to answer before giving up. */
  dbWaitSeconds: number;
  pings: {
    perIpPerMinute: number;
    perWidgetPerMinute: number;
    maxBatch: number;
    /** Batch writes in flight at once. 1 makes the largest batches, the cheapest per ping when
     * the database shares the machine (bench/RESULTS.md); more can help a separate Postgres. */
    writeConcurrency: number;
    /** How long a batch may wait to gather the requests still coming (0 disables; see
     * domain/group-commit.ts: it pays only for clients that send again once answered). */
    gatherMs: number;
    rawRetentionDays: number;
  };
  /** The operator's e-mail: created at start (with adminPassword) and refused to signup. */
  adminEmail: string | null;
  /** The operator's first password, used only when the start-up creates the account. */
  adminPassword: string | null;
  sessionDays: number;
  /** Stripe's webhook signing secret (whsec_…); without it the billing route answers 503. */
  stripeWebhookSecret: string | null;
  /** 32 bytes, base64 or hex: encrypts payout details at rest (AES-256-GCM). */
  payoutKey: Buffer;
  /** Where e-mail goes (plugins/mail.ts). */
  mail: {
    /** smtp:// or smtps:// with credentials; null keeps every message in the outbox table. */
    smtpUrl: string | null;
    /** The From header: `Name <address>`. */
    from: string;
  };
  /** How approved payouts leave, in batches (services/payout-batches.ts). */
  payouts: {
    /**
     * The operator's account that SEPA transfers are paid from; null until SEPA_DEBTOR_NAME and
     * SEPA_DEBTOR_IBAN are set, and bank-transfer batches are refused (409) until then.
     */
    sepaDebtor: SepaDebtor | null;
    /** The debtor is the demo's made-up account (CALLBELL_DEMO without SEPA_DEBTOR_*). */
    sepaDemo: boolean;
    /** The PayPal Payouts API; null: PayPal batches are paid by uploading their CSV. */
    paypal: { clientId: string; clientSecret: string; apiBase: string } | null;
  };
  /** The install check's page fetch (plugins/install-checks.ts). */
  installChecks: {
    /**
     * Lets the fetch reach loopback addresses (127.0.0.0/8, ::1): for tests against local
     * servers only, refused in production. Every other private address stays refused.
     */
    allowLoopback: boolean;
    /**
     * Names the fetch resolves without DNS (`*.example.com=127.0.0.1`): for browser tests whose
     * sites live on made-up names, refused in production.
     */
    hosts: { pattern: string; address: string }[];
  };
  /** Referral link clicks recorded a minute per sender network (IPv4 address, IPv6 /64) and code. */
  clicksPerNetworkPerMinute: number;
  /** How plans are sold (see domain/plans.ts). */
  billing: {
    /**
     * Stripe with a secret key; else the demo provider (signed events through the same
     * webhook), except in production, where nothing can be bought without a key.
     */
    provider: 'stripe' | 'demo' | null;
    /** Stripe's secret API key (sk_…, rk_…). */
    stripeSecretKey: string | null;
    /** Where the Stripe SDK connects instead of api.stripe.com (tests: a local server). */
    stripeApiBase: string | null;
    /** The lookup keys of the plans' Stripe prices. */
    priceLookupKeys: { pro: string; business: string };
  };
  programme: {
    installBountyCents: number;
    commissionRateBps: number;
    minPayoutCents: number;
    holdDays: number;
    attributionWindowDays: number;
    attributionModel: 'first' | 'last';
    qualifyMinVisitors: number;
    /** …and from at least this many distinct networks (IPv4 address, IPv6 /48). */
    qualifyMinNetworks: number;
    /** The install bounty needs a heartbeat within this many days before its hold ends. */
    livenessDays: number;
    /** What the affiliate platform promises: a decision on a request within this many hours. */
    affiliateReviewHours: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const DEV_SECRET = 'dev-only-cookie-secret-change-me-in-production!!';
/** The demo's made-up account that its SEPA files pay from (a well-formed German test IBAN). */
export const DEMO_SEPA_DEBTOR: SepaDebtor = {
  name: 'Callbell Demo Payouts',
  iban: 'DE02120300000000202051',
  bic: 'BYLADEM1001',
};
const DEMO_WEBHOOK_SECRET = 'whsec_callbell_demo_local_only';

/** Reads and validates the configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw.trim()) || n < min || n > max) {
      problems.push(`${name}: expected a whole number from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return n;
  };
  const oneOf = <T extends string>(name: string, fallback: T, allowed: readonly T[]): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (allowed.includes(raw as T)) return raw as T;
    problems.push(`${name}: expected one of ${allowed.join(', ')}, got "${raw}"`);
    return fallback;
  };
  const url = (name: string, fallback: string | null, protocols: string[]): string | null => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    try {
      const parsed = new URL(raw);
      if (protocols.includes(parsed.protocol)) return raw;
    } catch {}
    problems.push(`${name}: expected a ${protocols.map((p) => p.replace(':', '')).join(' or ')} URL, got "${raw}"`);
    return fallback;
  };
  const bool = (name: string): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
    if (raw === '1' || raw === 'true') return true;
    problems.push(`${name}: expected true or false, got "${raw}"`);
    return false;
  };

  const proxies = (): boolean | number | string => {
    const raw = env.TRUST_PROXY?.trim();
    if (raw === undefined || raw === '' || raw === 'false') return false;
    if (raw === 'true') return true;
    if (/^\d{1,2}$/.test(raw)) return Number(raw);
    const list = raw.split(',').map((a) => a.trim());
    if (list.every((a) => isIP(a.split('/')[0] ?? '') && /^[^/]+(\/\d{1,3})?$/.test(a))) return list.join(',');
    problems.push(
      `TRUST_PROXY: expected false, true, a hop count or the proxies' addresses (IPs or CIDRs, comma-separated), got "${raw}"`,
    );
    return false;
  };

  const port = int('PORT', 3000, 1, 65535);
  // Snippets, banners and referral links are built on it, so it must be an origin and nothing
  // more: a path, query, fragment or credentials would end up in every pasted snippet.
  let publicOrigin = url('PUBLIC_ORIGIN', `http://localhost:${port}`, ['http:', 'https:']) ?? '';
  if (publicOrigin) {
    const parsed = new URL(publicOrigin);
    if (parsed.pathname !== '/' || parsed.search || parsed.hash || parsed.username || parsed.password) {
      problems.push(
        `PUBLIC_ORIGIN: expected an origin (scheme, host, optional port; no path, query, fragment or credentials), got "${env.PUBLIC_ORIGIN}"`,
      );
    }
    publicOrigin = parsed.origin;
  }
  const cookieSecret = env.COOKIE_SECRET ?? (production ? '' : DEV_SECRET);
  if (cookieSecret.length < 32) {
    problems.push(
      env.COOKIE_SECRET === undefined
        ? 'COOKIE_SECRET: required in production (32 characters or more)'
        : `COOKIE_SECRET: expected 32 characters or more, got ${cookieSecret.length}`,
    );
  } else if (production && cookieSecret === DEV_SECRET) {
    problems.push('COOKIE_SECRET: the development default cannot be used in production');
  }

  const payoutKey = (() => {
    const raw = env.PAYOUT_ENCRYPTION_KEY;
    if (raw === undefined || raw === '') {
      if (production) problems.push('PAYOUT_ENCRYPTION_KEY: required in production (32 bytes, base64 or hex)');
      // Development only: derived from the cookie secret, so a restart can still read the details.
      return createHash('sha256').update(`payout-key:${cookieSecret}`).digest();
    }
    const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
    if (key.length !== 32) problems.push('PAYOUT_ENCRYPTION_KEY: expected 32 bytes, as 64 hex characters or base64');
    return key;
  })();
  const adminEmail = env.ADMIN_EMAIL?.trim() ? normaliseEmail(env.ADMIN_EMAIL) : null;
  if (env.ADMIN_EMAIL?.trim() && !adminEmail) {
    problems.push(`ADMIN_EMAIL: expected an e-mail address, got "${env.ADMIN_EMAIL}"`);
  }
  const adminPassword = env.ADMIN_PASSWORD || null;
  if (adminPassword && (adminPassword.length < 10 || adminPassword.length > 200)) {
    problems.push('ADMIN_PASSWORD: expected 10 to 200 characters');
  }
  if (adminPassword && !adminEmail) problems.push('ADMIN_PASSWORD: set ADMIN_EMAIL too, or leave it out');
  // The demo's billing provider signs its events for the real webhook: without a secret of
  // its own it uses this public one (the demo is refused in production).
  const demo = bool('CALLBELL_DEMO');
  // Only for the demo's own billing provider: with a real Stripe key, events signed with a
  // public secret must not be believed.
  const stripeWebhookSecret =
    env.STRIPE_WEBHOOK_SECRET || (demo && !env.STRIPE_SECRET_KEY ? DEMO_WEBHOOK_SECRET : null);
  if (stripeWebhookSecret && !stripeWebhookSecret.startsWith('whsec_')) {
    problems.push('STRIPE_WEBHOOK_SECRET: expected a Stripe signing secret starting with whsec_');
  }

  const stripeSecretKey = env.STRIPE_SECRET_KEY || null;
  if (stripeSecretKey && !/^(sk|rk)_/.test(stripeSecretKey)) {
    problems.push('STRIPE_SECRET_KEY: expected a Stripe secret key starting with sk_ or rk_');
  }
  const lookupKey = (name: string, fallback: string): string => {
    const raw = env[name] || fallback;
    if (!/^[A-Za-z0-9_.-]{1,200}$/.test(raw)) problems.push(`${name}: expected a price lookup key, got "${raw}"`);
    return raw;
  };

  // Not echoed when wrong, as other values are: it carries the mail server's password.
  const smtpUrl = (() => {
    const raw = env.SMTP_URL;
    if (raw === undefined || raw === '') return null;
    try {
      if (['smtp:', 'smtps:'].includes(new URL(raw).protocol)) return raw;
    } catch {}
    problems.push('SMTP_URL: expected an smtp:// or smtps:// URL (smtp://user:password@host:587)');
    return null;
  })();
  // Without it every message would wait in the outbox, which production does not show, and no
  // address could be confirmed, so no payout requested.
  if (production && env.SMTP_URL === undefined) {
    problems.push('SMTP_URL: required in production (smtp://user:password@host:587): e-mail confirms addresses');
  }
  const from =
    env.MAIL_FROM?.trim() || `Callbell <no-reply@${publicOrigin ? new URL(publicOrigin).hostname : 'localhost'}>`;
  if (!/^[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>$|^[^\s@<>]+@[^\s@<>]+$/.test(from)) {
    problems.push(`MAIL_FROM: expected an address or "Name <address>", got "${env.MAIL_FROM}"`);
  }

  // The operator's own account, for SEPA files: the name and IBAN together, or neither.
  const sepaDebtor = ((): SepaDebtor | null => {
    const [name, iban, bic] = ['SEPA_DEBTOR_NAME', 'SEPA_DEBTOR_IBAN', 'SEPA_DEBTOR_BIC'].map((n) => env[n]?.trim());
    if (!name && !iban && !bic) return null;
    if (!name || !iban) {
      problems.push(
        `${name ? 'SEPA_DEBTOR_IBAN' : 'SEPA_DEBTOR_NAME'}: required with the other SEPA_DEBTOR_ variables`,
      );
      return null;
    }
    const parsed = parseSepaDebtor({ name, iban, bic });
    if ('debtor' in parsed) return parsed.debtor;
    const variable = { name: 'SEPA_DEBTOR_NAME', iban: 'SEPA_DEBTOR_IBAN', bic: 'SEPA_DEBTOR_BIC' } as const;
    for (const p of parsed.problems)
      problems.push(`${variable[p.field]}: ${p.problem}, got "${env[variable[p.field]]}"`);
    return null;
  })();
  // Not echoed when wrong: they are credentials.
  const paypalClientId = env.PAYPAL_CLIENT_ID?.trim() || null;
  const paypalClientSecret = env.PAYPAL_CLIENT_SECRET?.trim() || null;
  if (Boolean(paypalClientId) !== Boolean(paypalClientSecret)) {
    problems.push(
      `${paypalClientId ? 'PAYPAL_CLIENT_SECRET' : 'PAYPAL_CLIENT_ID'}: required with the other (the Payouts API needs both)`,
    );
  }
  const paypalApiBase = url('PAYPAL_API_BASE', 'https://api-m.paypal.com', ['http:', 'https:']) ?? '';

  const allowLoopback = bool('INSTALL_CHECK_ALLOW_LOOPBACK');
  if (production && allowLoopback) {
    problems.push('INSTALL_CHECK_ALLOW_LOOPBACK: for tests only; refused in production');
  }
  const checkHosts = (() => {
    const raw = env.INSTALL_CHECK_HOSTS?.trim();
    if (!raw) return [];
    if (production) problems.push('INSTALL_CHECK_HOSTS: for tests only; refused in production');
    const pairs = raw.split(',').map((p) => p.trim().split('='));
    const ok = pairs.every(
      ([pattern, address, extra]) =>
        extra === undefined && !!pattern && /^(\*\.)?[a-z0-9.-]+$/i.test(pattern) && !!address && isIP(address) !== 0,
    );
    if (!ok) {
      problems.push(
        `INSTALL_CHECK_HOSTS: expected name=ip pairs, comma-separated (*.example.com=127.0.0.1), got "${raw}"`,
      );
      return [];
    }
    return pairs.map(([pattern, address]) => ({
      pattern: (pattern as string).toLowerCase(),
      address: address as string,
    }));
  })();

  const headersMs = int('HEADERS_TIMEOUT_MS', 5_000, 100, 600_000);
  const requestMs = int('REQUEST_TIMEOUT_MS', 10_000, 100, 600_000);
  if (requestMs < headersMs) {
    problems.push(`REQUEST_TIMEOUT_MS: expected at least HEADERS_TIMEOUT_MS (${headersMs}), got ${requestMs}`);
  }

  const config: Config = {
    production,
    port,
    host: env.HOST || 'localhost',
    publicOrigin,
    landingUrl: url('LANDING_URL', `${publicOrigin}/welcome`, ['http:', 'https:']) ?? '',
    databaseUrl: url('DATABASE_URL', null, ['postgres:', 'postgresql:']),
    dataDir: env.DATA_DIR || '.data/pglite',
    cookieSecret,
    redisUrl: url('REDIS_URL', null, ['redis:', 'rediss:']),
    trustProxy: proxies(),
    logLevel: oneOf('LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
    demo,
    timeouts: { headersMs, requestMs },
    dbWaitSeconds: int('DB_WAIT_SECONDS', 60, 0, 3600),
    adminEmail,
    adminPassword,
    sessionDays: int('SESSION_DAYS', 30, 1, 365),
    stripeWebhookSecret,
    payoutKey,
    mail: { smtpUrl, from },
    installChecks: { allowLoopback, hosts: checkHosts },
    clicksPerNetworkPerMinute: int('CLICK_RATE_PER_NETWORK', 5, 1, 10_000),
    payouts: {
      sepaDebtor: sepaDebtor ?? (demo && !production ? DEMO_SEPA_DEBTOR : null),
      sepaDemo: !sepaDebtor && demo && !production,
      paypal:
        paypalClientId && paypalClientSecret
          ? { clientId: paypalClientId, clientSecret: paypalClientSecret, apiBase: paypalApiBase.replace(/\/+$/, '') }
          : null,
    },
    billing: {
      provider: stripeSecretKey ? 'stripe' : production ? null : 'demo',
      stripeSecretKey,
      stripeApiBase: url('STRIPE_API_BASE', null, ['http:', 'https:']),
      priceLookupKeys: {
        pro: lookupKey('STRIPE_PRICE_PRO', 'pro_monthly'),
        business: lookupKey('STRIPE_PRICE_BUSINESS', 'business_monthly'),
      },
    },
    pings: {
      perIpPerMinute: int('PING_RATE_PER_IP', 120, 1, 10_000_000),
      perWidgetPerMinute: int('PING_RATE_PER_WIDGET', 6000, 1, 10_000_000),
      maxBatch: int('PING_MAX_BATCH', 500, 1, 5000),
      writeConcurrency: int('PING_WRITE_CONCURRENCY', 1, 1, 16),
      gatherMs: int('PING_GATHER_MS', 2, 0, 50),
      rawRetentionDays: int('PING_RAW_RETENTION_DAYS', 35, 1, 3650),
    },
    programme: {
      installBountyCents: int('INSTALL_BOUNTY_CENTS', 1000, 0, 1_000_000),
      commissionRateBps: int('COMMISSION_RATE_BPS', 3000, 0, 10_000),
      minPayoutCents: int('MIN_PAYOUT_CENTS', 5000, 0, 100_000_000),
      holdDays: int('HOLD_DAYS', 30, 0, 365),
      attributionWindowDays: int('ATTRIBUTION_WINDOW_DAYS', 90, 1, 365),
      attributionModel: oneOf('ATTRIBUTION_MODEL', 'last', ['first', 'last'] as const),
      qualifyMinVisitors: int('QUALIFY_MIN_VISITORS', 3, 1, 1000),
      qualifyMinNetworks: int('QUALIFY_MIN_NETWORKS', 2, 1, 1000),
      livenessDays: int('LIVENESS_DAYS', 7, 1, 365),
      affiliateReviewHours: int('AFFILIATE_REVIEW_HOURS', 24, 1, 24 * 30),
    },
  };
  if (production && config.demo) problems.push('CALLBELL_DEMO: the demo accounts cannot be seeded in production');
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** What a start in this configuration should warn about: allowed, but probably not meant. */
export function startupWarnings(config: Config, database: 'pglite' | 'postgres'): string[] {
  const warnings: string[] = [];
  if (config.production && database === 'pglite') {
    // PGlite's fdatasync does nothing (0.5.x): its writes survive this process crashing, not
    // the machine losing power, so a commit (a ping, a ledger entry) is not durable on disk.
    warnings.push(
      'running on PGlite: writes are not flushed to disk, so a power loss can lose committed data; set DATABASE_URL to use Postgres in production',
    );
  }
  if (config.production && config.trustProxy === true) {
    // Every client can then choose its own address: rate limits, the fraud checks' networks
    // and install qualification would believe whatever X-Forwarded-For says.
    warnings.push(
      "TRUST_PROXY=true believes every X-Forwarded-For hop, so any client can pick its own address (rate limits, fraud checks, install counts); set the hop count or the proxies' addresses instead",
    );
  }
  return warnings;
}
