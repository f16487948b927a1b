import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Db } from '../src/db/client.ts';
import type { Clock } from '../src/domain/clock.ts';
import { holdDb } from './databases.ts';

/** The operator's address in tests: the account signed up with it is the admin. */
export const ADMIN_EMAIL = 'operator@callbell.test';
/** The webhook signing secret tests sign Stripe events with. */
export const STRIPE_SECRET = 'whsec_test_secret_for_offline_signatures';

export const FREE_WIDGET = 'wdg_free00000000001';
export const PAID_WIDGET = 'wdg_paid00000000001';
export const FREE_CODE = 'free1234';
export const PAID_CODE = 'paid1234';

export const SETTINGS = {
  greeting: 'Hello!',
  agent: { name: 'Ana', avatarUrl: null },
  appearance: { position: 'right', color: '#1b6ef3', label: null },
  channels: [{ type: 'whatsapp', phone: '+34 600 123 456', text: 'Hi' }],
};

/** Two owners: one on the free plan who asked to hide the footer, one paid who did too. */
export async function seedOwners(db: Db): Promise<void> {
  await db.query(
    `insert into accounts (id, email, referral_code, plan) values
       ('acc_free', 'free@example.com', $1, 'free'), ('acc_paid', 'paid@example.com', $2, 'pro')`,
    [FREE_CODE, PAID_CODE],
  );
  await db.query(
    `insert into widgets (id, account_id, settings, hide_branding) values
       ($1, 'acc_free', $3, true), ($2, 'acc_paid', $3, true)`,
    [FREE_WIDGET, PAID_WIDGET, JSON.stringify(SETTINGS)],
  );
}

/**
 * The app on a test database, with configuration from `env` over quiet test defaults; its log
 * goes to `logStream` when one is given (with LOG_LEVEL in `env`).
 */
export async function testApp(
  db: Db,
  env: Record<string, string> = {},
  clock?: Clock,
  logStream?: NodeJS.WritableStream,
): Promise<FastifyInstance> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PUBLIC_ORIGIN: 'https://app.callbell.test',
    LANDING_URL: 'https://callbell.test/signup?plan=free',
    COOKIE_SECRET: 'test-secret-that-is-at-least-32-characters',
    ADMIN_EMAIL: ADMIN_EMAIL,
    // Injected requests all come from one address; the network rule has tests of its own.
    QUALIFY_MIN_NETWORKS: '1',
    STRIPE_WEBHOOK_SECRET: STRIPE_SECRET,
    ...env,
  });
  const app = await buildApp({
    config,
    db,
    ...(clock ? { clock } : {}),
    ...(logStream ? { logStream } : {}),
    resolveHost: loopbackResolver,
  });
  const release = holdDb(db, app);
  app.addHook('onClose', async () => void release());
  return app;
}

/**
 * Tests never ask DNS: every name is the loopback address, which the install check refuses
 * unless INSTALL_CHECK_ALLOW_LOOPBACK is set (test/sites.ts serves the pages it then fetches).
 */
export const loopbackResolver = async (_hostname: string) => [{ address: '127.0.0.1', family: 4 }];

let visitorSeq = 0;
/** A valid ping for `widgetId`, from a new visitor unless one is given. */
export function ping(widgetId: string, overrides: Record<string, unknown> = {}) {
  visitorSeq++;
  return {
    widgetId,
    visitorId: `visitor${String(visitorSeq).padStart(14, '0')}`,
    kind: 'install',
    url: 'https://shop.example.com/products?id=1',
    sdkVersion: '0.1.0',
    ...overrides,
  };
}
