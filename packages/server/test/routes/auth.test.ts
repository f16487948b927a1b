import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { ensureOperator } from '../../src/services/operator.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { ADMIN_EMAIL, testApp } from '../fixtures.ts';
import { as, freshEmail, PASSWORD, signUp } from '../sessions.ts';

const START = '2026-03-01T10:00:00Z';

describeEachDb('/api/auth', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  /** This test's own address: every sign-up and log-in of the test comes from it. */
  let ip: string;
  // One app for the suite, its clock set back before each test (as billing.test.ts does): the
  // database is emptied between tests, and each test signs up and logs in from an address of
  // its own, so the sign-up and log-in limits per address never carry over (the addresses it
  // logs in to are fresh ones too). The test of the log-in limit, and the one that needs
  // another ADMIN_EMAIL, build an app of their own.
  let shared: FastifyInstance;
  let n = 0;
  beforeAll(async () => {
    clock = testClock(START);
    shared = await testApp(db(), {}, clock);
  });
  afterAll(() => shared.close());
  beforeEach(() => {
    clock.set(START);
    app = shared;
    n++;
    ip = `203.0.113.${100 + n}`;
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, payload: payload as object, headers, remoteAddress: ip });

  it('signs up: an account with a referral code and a widget, a session and a CSRF token', async () => {
    const email = freshEmail('Ana');
    const res = await post('/api/auth/signup', { email: ` ${email.toUpperCase()} `, password: PASSWORD });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.account).toMatchObject({ email: email.toLowerCase(), role: 'user', plan: 'free' });
    expect(body.account.referralCode).toMatch(/^[a-z2-9]{8}$/);
    expect(body.csrfToken).toMatch(/^[\w-]{32}$/);
    expect(body.referred).toBe(false);
    const cookie = res.cookies.find((c) => c.name === 'cb_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true, path: '/' });

    const { rows } = await db().query<{ password_hash: string; settings: { channels: unknown[] } }>(
      `select a.password_hash, w.settings from accounts a join widgets w on w.account_id = a.id where a.id = $1`,
      [body.account.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.password_hash).toMatch(/^scrypt\$/);
    expect(rows[0]?.password_hash).not.toContain(PASSWORD);
    // The session table holds a hash, never the token the cookie carries.
    const sessions = await db().query<{ token_hash: string }>('select token_hash from sessions');
    expect(sessions.rows[0]?.token_hash).not.toBe(cookie?.value);
    expect(sessions.rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives every account a distinct referral code', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) codes.add((await signUp(app, { ip })).referralCode);
    expect(codes.size).toBe(5);
  });

  it.each([
    ['a malformed e-mail', { email: 'not-an-email', password: PASSWORD }, 400, 'invalid_email'],
    ['a short password', { email: 'x@example.com', password: 'short' }, 400, 'weak_password'],
    ['no password', { email: 'x@example.com' }, 400, 'invalid_request'],
    ['a huge password', { email: 'x@example.com', password: 'p'.repeat(201) }, 400, 'invalid_request'],
  ])('refuses %s, writing nothing', async (_name, payload, status, error) => {
    const res = await post('/api/auth/signup', payload);
    expect(res.statusCode).toBe(status);
    expect(res.json().error).toBe(error);
    expect((await db().query('select 1 from accounts')).rows).toHaveLength(0);
  });

  it('ignores fields it does not know: nobody signs up as the operator by asking', async () => {
    const res = await post('/api/auth/signup', { email: freshEmail(), password: PASSWORD, role: 'admin', plan: 'pro' });
    expect(res.statusCode).toBe(201);
    expect(res.json().account).toMatchObject({ role: 'user', plan: 'free' });
  });

  it('refuses a NUL character with 400, on signup and on login', async () => {
    for (const url of ['/api/auth/signup', '/api/auth/login']) {
      const res = await post(url, { email: 'a\u0000b@example.com', password: `${PASSWORD}\u0000` });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatch(/^invalid_/);
    }
    expect((await db().query('select 1 from accounts')).rows).toEqual([]);
  });

  it('refuses a second account for the same e-mail in any case, with 409', async () => {
    const user = await signUp(app, { ip });
    const res = await post('/api/auth/signup', { email: user.email.toUpperCase(), password: PASSWORD });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'email_taken' });
    expect((await db().query('select 1 from accounts')).rows).toHaveLength(1);
    expect((await db().query('select 1 from widgets')).rows).toHaveLength(1);
  });

  it('never makes anyone the operator by signing up: that address is reserved', async () => {
    const res = await post('/api/auth/signup', { email: ADMIN_EMAIL.toUpperCase(), password: PASSWORD });
    expect(res.statusCode).toBe(409);
    expect((await db().query('select 1 from accounts')).rows).toEqual([]);
  });

  it('makes the operator at start from ADMIN_EMAIL and ADMIN_PASSWORD, once', async () => {
    const config = { ...app.config, adminPassword: 'operator password 1' };
    expect(await ensureOperator(db(), { ...config, adminPassword: null }, clock.now())).toBe('needs_password');
    expect(await ensureOperator(db(), config, clock.now())).toBe('created');
    expect(await ensureOperator(db(), config, clock.now())).toBe('exists');
    const login = await post('/api/auth/login', { email: ADMIN_EMAIL, password: 'operator password 1' });
    expect(login.json().account).toMatchObject({ role: 'admin', email: ADMIN_EMAIL });
    expect(await ensureOperator(db(), { ...app.config, adminEmail: null }, clock.now())).toBe('not_configured');
  });

  it('makes one operator when several instances start at once', async () => {
    const config = { ...app.config, adminPassword: 'operator password 1' };
    const outcomes = await Promise.all([1, 2, 3].map(() => ensureOperator(db(), config, clock.now())));
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'exists')).toHaveLength(2);
    const { rows } = await db().query('select role from accounts');
    expect(rows).toEqual([{ role: 'admin' }]);
  });

  it('does not promote an account that already holds the address without the role', async () => {
    // Made before ADMIN_EMAIL was set: nothing proves its owner reads that mailbox.
    app = await testApp(db(), { ADMIN_EMAIL: 'someone-else@callbell.test' }, clock);
    const res = await post('/api/auth/signup', { email: ADMIN_EMAIL, password: PASSWORD });
    expect(res.statusCode).toBe(201);
    const squatter = { cookie: `cb_session=${res.cookies[0]?.value}`, csrfToken: res.json().csrfToken };
    const config = { ...app.config, adminEmail: ADMIN_EMAIL, adminPassword: 'operator password 1' };
    expect(await ensureOperator(db(), config, clock.now())).toBe('taken_by_user');
    const me = await as(app, squatter)({ method: 'GET', url: '/api/auth/me' });
    expect(me.json().account.role).toBe('user');
  });

  it('logs in with the right password only, the same answer for an unknown account', async () => {
    const user = await signUp(app, { ip });
    const wrong = await post('/api/auth/login', { email: user.email, password: 'wrong password!!' });
    const unknown = await post('/api/auth/login', { email: 'nobody@example.com', password: PASSWORD });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    const ok = await post('/api/auth/login', { email: user.email.toUpperCase(), password: PASSWORD });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().account.id).toBe(user.id);
  });

  it('reads the session back, ends it at logout and at expiry', async () => {
    const user = await signUp(app, { ip });
    const me = await as(app, user)({ method: 'GET', url: '/api/auth/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ account: { id: user.id }, csrfToken: user.csrfToken });

    clock.advanceDays(31); // SESSION_DAYS defaults to 30
    expect((await as(app, user)({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);

    const login = await post('/api/auth/login', { email: user.email, password: PASSWORD });
    const session = { cookie: `cb_session=${login.cookies[0]?.value}`, csrfToken: login.json().csrfToken };
    expect((await as(app, session)({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    const out = await as(app, session)({ method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(204);
    expect(out.cookies[0]).toMatchObject({ name: 'cb_session', value: '' });
    expect((await as(app, session)({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('refuses forged or missing session cookies', async () => {
    for (const cookie of ['', 'cb_session=forged', `cb_session=${'x'.repeat(500)}`]) {
      const res = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toBe('unauthenticated');
    }
  });

  it('refuses state-changing requests from another origin', async () => {
    const res = await post(
      '/api/auth/login',
      { email: 'a@example.com', password: PASSWORD },
      {
        origin: 'https://evil.example',
      },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('cross_origin');
    const same = await post(
      '/api/auth/login',
      { email: 'a@example.com', password: PASSWORD },
      {
        origin: 'https://app.callbell.test',
      },
    );
    expect(same.statusCode).toBe(401);
  });

  it('only takes JSON, so a cross-site form cannot log anyone in', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a%40example.com&password=whatever',
    });
    expect(res.statusCode).toBe(415);
  });

  it('rate-limits password guessing per e-mail', async () => {
    // About the limit itself: an app of its own, whose counts start from nothing.
    app = await testApp(db(), {}, clock);
    const user = await signUp(app, { ip });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await post('/api/auth/login', { email: user.email, password: `guess number ${i}` })).statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    const limited = await post('/api/auth/login', { email: user.email, password: PASSWORD });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});
