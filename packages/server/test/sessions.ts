import type { FastifyInstance, InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { insertSession } from '../src/db/queries/accounts.ts';
import { addDays } from '../src/domain/clock.ts';
import { randomToken, sha256Hex } from '../src/domain/secrets.ts';
import { SESSION_COOKIE } from '../src/plugins/auth.ts';
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

/**
 * The operator, made as the server's start does (ADMIN_EMAIL, ADMIN_PASSWORD), with a session
 * started as the login route starts one (plugins/auth.ts, `sessions.start`). Not through the
 * route itself: it allows 10 log-ins a quarter of an hour per address, which a suite sharing
 * one app would exceed; the operator's log-in has its own tests (routes/auth.test.ts).
 */
async function operator(app: FastifyInstance): Promise<TestUser> {
  const now = app.clock.now();
  await ensureOperator(app.db, { ...app.config, adminPassword: PASSWORD }, now);
  const { rows } = await app.db.query<{ id: string; referralCode: string; widgetId: string | null }>(
    `select a.id, a.referral_code as "referralCode",
            (select w.id from widgets w where w.account_id = a.id order by w.created_at limit 1) as "widgetId"
       from accounts a where a.email = $1`,
    [ADMIN_EMAIL],
  );
  const account = rows[0];
  if (!account) throw new Error('the operator was not made');
  const token = randomToken();
  const csrfToken = randomToken(24);
  await insertSession(app.db, {
    tokenHash: sha256Hex(token),
    accountId: account.id,
    csrfToken,
    createdAt: now,
    expiresAt: addDays(now, app.config.sessionDays),
  });
  return {
    id: account.id,
    email: ADMIN_EMAIL,
    referralCode: account.referralCode,
    widgetId: account.widgetId ?? '',
    cookie: `${SESSION_COOKIE}=${token}`,
    csrfToken,
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
