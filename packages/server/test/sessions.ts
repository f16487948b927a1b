import type { FastifyInstance, InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { ensureOperator } from '../src/services/operator.ts';
import { ADMIN_EMAIL } from './fixtures.ts';

/** A signed-in test user: its account, first widget, and what its requests must carry. */
export interface TestUser {
  id: string;
  email: string;
  referralCode: string;
  widgetId: string;
  cookie: string;
  csrfToken: string;
}

let seq = 0;
/** A fresh e-mail address (unique within the test process). */
export const freshEmail = (name = 'user') => `${name}${++seq}.${process.pid}@example.com`;

export const PASSWORD = 'correct horse battery staple';

/**
 * Signs up through the real route (and so gets a session, a referral code and a widget), with
 * the address confirmed unless `verified` is false.
 * `cookie` may carry an attribution cookie (`cb_ref=…`); `ref` is the landing page's code.
 */
export async function signUp(
  app: FastifyInstance,
  opts: { email?: string; ref?: string; cookie?: string; ip?: string; verified?: boolean } = {},
): Promise<TestUser> {
  const email = opts.email ?? freshEmail();
  // The operator cannot sign up: it is made by the start-up bootstrap, then logs in.
  if (email.toLowerCase() === ADMIN_EMAIL) return operator(app);
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload: { email, password: PASSWORD, ...(opts.ref ? { ref: opts.ref } : {}) },
    headers: opts.cookie ? { cookie: opts.cookie } : {},
    remoteAddress: opts.ip ?? '198.51.100.10',
  });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json();
  // Most tests are about what comes after: the address confirmed, as its link would (routes/
  // account.test.ts follows the link itself). `verified: false` keeps it unconfirmed.
  if (opts.verified !== false) {
    await app.db.query('update accounts set email_verified_at = created_at where id = $1', [body.account.id]);
  }
  const session = res.cookies.find((c) => c.name === 'cb_session');
  const { rows } = await app.db.query<{ id: string }>('select id from widgets where account_id = $1', [
    body.account.id,
  ]);
  return {
    id: body.account.id,
    email,
    referralCode: body.account.referralCode,
    widgetId: rows[0]?.id ?? '',
    cookie: `cb_session=${session?.value}`,
    csrfToken: body.csrfToken,
  };
}

/** The operator, made as the server's start does (ADMIN_EMAIL, ADMIN_PASSWORD), logged in. */
async function operator(app: FastifyInstance): Promise<TestUser> {
  await ensureOperator(app.db, { ...app.config, adminPassword: PASSWORD }, app.clock.now());
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: ADMIN_EMAIL, password: PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  const { rows } = await app.db.query<{ id: string }>('select id from widgets where account_id = $1', [
    body.account.id,
  ]);
  return {
    id: body.account.id,
    email: ADMIN_EMAIL,
    referralCode: body.account.referralCode,
    widgetId: rows[0]?.id ?? '',
    cookie: `cb_session=${res.cookies.find((c) => c.name === 'cb_session')?.value}`,
    csrfToken: body.csrfToken,
  };
}

/** `app.inject` as the user: its session cookie, and its CSRF token on state-changing requests. */
export function as(app: FastifyInstance, user: Pick<TestUser, 'cookie' | 'csrfToken'>) {
  return (opts: InjectOptions) =>
    app.inject({
      ...opts,
      headers: { cookie: user.cookie, 'x-csrf-token': user.csrfToken, ...(opts.headers ?? {}) },
    });
}

/**
 * Alice and Bob, signed up for the `n`th test of a suite that shares one app: from addresses
 * of that test's own, so the sign-up limit per address never carries over from test to test.
 */
export async function aliceAndBob(app: FastifyInstance, n: number): Promise<[TestUser, TestUser]> {
  const alice = await signUp(app, { email: 'alice@example.com', ip: `203.0.113.${2 * n + 1}` });
  const bob = await signUp(app, { email: 'bob@example.com', ip: `203.0.113.${2 * n + 2}` });
  return [alice, bob];
}
