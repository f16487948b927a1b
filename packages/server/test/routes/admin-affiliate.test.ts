import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { ADMIN_EMAIL, testApp } from '../fixtures.ts';
import { as, signUp, type TestUser } from '../sessions.ts';

const HOUR = 3_600_000;
const START = '2026-03-01T10:00:00Z';

describeEachDb('the operator reviews affiliate requests', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let admin: TestUser;
  let user: TestUser;
  // One app for the suite, its clock set back before each test (as payouts.test.ts does): the
  // database is emptied between tests, and each test's users sign up from an address of that
  // test's own, so the sign-up limit per address (20 an hour, counted in the app) never carries
  // over. The operator's session is made without the log-in route and its limits.
  let shared: FastifyInstance;
  let n = 0;
  /** The address this test's users sign up from. */
  let ip: string;
  beforeAll(async () => {
    clock = testClock(START);
    shared = await testApp(db(), {}, clock);
  });
  afterAll(() => shared.close());
  beforeEach(async () => {
    clock.set(START);
    app = shared;
    n++;
    ip = `203.0.113.${100 + n}`;
    admin = await signUp(app, { email: ADMIN_EMAIL, ip: '203.0.113.9' });
    user = await signUp(app, { ip });
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  const request = async (who: TestUser, message = 'hello') => {
    const res = await as(app, who)({ method: 'POST', url: '/api/affiliate/request', payload: { message } });
    expect(res.statusCode, res.body).toBe(201);
  };
  const queue = async (query = '') => {
    const res = await as(app, admin)({ method: 'GET', url: `/api/admin/affiliate/requests${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const decide = (
    who: TestUser | { id: string },
    action: 'approve' | 'reject' | 'withdraw',
    payload?: object,
    by = admin,
  ) =>
    as(
      app,
      by,
    )({
      method: 'POST',
      url: `/api/admin/affiliate/requests/${who.id}/${action}`,
      ...(payload ? { payload } : {}),
    });

  it('refuses users (403) and strangers (401) on every admin route', async () => {
    await request(user);
    const routes = [
      { method: 'GET' as const, url: '/api/admin/affiliate/requests' },
      { method: 'POST' as const, url: `/api/admin/affiliate/requests/${user.id}/approve` },
      { method: 'POST' as const, url: `/api/admin/affiliate/requests/${user.id}/reject`, payload: { reason: 'no' } },
      { method: 'POST' as const, url: `/api/admin/affiliate/requests/${user.id}/withdraw`, payload: { reason: 'no' } },
    ];
    for (const route of routes) {
      const asUser = await as(app, user)(route);
      expect(asUser.statusCode, route.url).toBe(403);
      expect(asUser.json()).toMatchObject({ error: 'forbidden' });
      expect((await app.inject(route)).statusCode, route.url).toBe(401);
    }
    expect((await db().query(`select status from affiliate_requests`)).rows).toEqual([{ status: 'requested' }]);
  });

  it('needs the CSRF header on the decisions', async () => {
    await request(user);
    for (const [action, payload] of [
      ['approve', undefined],
      ['reject', { reason: 'no' }],
      ['withdraw', { reason: 'no' }],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/admin/affiliate/requests/${user.id}/${action}`,
        headers: { cookie: admin.cookie },
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: 'csrf' });
    }
    expect((await db().query(`select status from affiliate_requests`)).rows).toEqual([{ status: 'requested' }]);
  });

  it('lists the queue oldest first with the hours waited: 25 h is overdue, 23 h is not', async () => {
    const early = user;
    const late = await signUp(app, { ip });
    const fresh = await signUp(app, { ip });
    await request(early, 'first');
    clock.advanceMs(2 * HOUR);
    await request(late, 'second');
    clock.advanceMs(10 * HOUR);
    await request(fresh, 'third');
    clock.advanceMs(13 * HOUR); // now: early waited 25 h, late 23 h, fresh 13 h

    const body = await queue();
    expect(body.promiseHours).toBe(24);
    expect(body.requests.map((r: Record<string, unknown>) => [r.email, r.message, r.waitedHours, r.promise])).toEqual([
      [early.email, 'first', 25, 'breached'],
      [late.email, 'second', 23, 'due_soon'],
      [fresh.email, 'third', 13, 'on_time'],
    ]);
    expect(body.requests[0]).toMatchObject({
      accountId: early.id,
      status: 'requested',
      requestedAt: '2026-03-01T10:00:00.000Z',
      reviewDueAt: '2026-03-02T10:00:00.000Z',
      decidedAt: null,
    });
    // The promise follows the configuration (of an app of its own).
    app = await testApp(db(), { AFFILIATE_REVIEW_HOURS: '48' }, clock);
    const relaxed = await queue();
    expect(relaxed.requests.map((r: Record<string, unknown>) => r.promise)).toEqual(['on_time', 'on_time', 'on_time']);
  });

  it('approves a pending request once; then the ambassador can issue keys', async () => {
    await request(user);
    clock.advanceMs(3 * HOUR);
    const res = await decide(user, 'approve');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      accountId: user.id,
      status: 'approved',
      decidedAt: '2026-03-01T13:00:00.000Z',
      waitedHours: 3,
      promise: 'met',
    });
    const { rows } = await db().query('select decided_by from affiliate_requests');
    expect(rows).toEqual([{ decided_by: admin.id }]);
    expect((await queue()).requests).toEqual([]);
    expect((await queue('?status=approved')).requests).toHaveLength(1);

    for (const [action, payload] of [
      ['approve', undefined],
      ['reject', { reason: 'changed my mind' }],
    ] as const) {
      const again = await decide(user, action, payload);
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ error: 'not_pending' });
    }
    expect((await db().query('select status from affiliate_requests')).rows).toEqual([{ status: 'approved' }]);
    expect((await as(app, user)({ method: 'POST', url: '/api/affiliate/keys' })).statusCode).toBe(201);
  });

  it('rejects with a reason the ambassador sees; a late decision shows as missed', async () => {
    await request(user);
    clock.advanceMs(30 * HOUR);
    const noReason = await decide(user, 'reject', {});
    expect(noReason.statusCode).toBe(400);
    expect((await decide(user, 'reject', { reason: '   ' })).statusCode).toBe(400);
    expect((await db().query('select status from affiliate_requests')).rows).toEqual([{ status: 'requested' }]);

    const res = await decide(user, 'reject', { reason: 'Your site is not live yet' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'rejected',
      rejectReason: 'Your site is not live yet',
      waitedHours: 30,
      promise: 'missed',
    });
    const mine = await as(app, user)({ method: 'GET', url: '/api/affiliate' });
    expect(mine.json()).toMatchObject({ status: 'rejected', rejectReason: 'Your site is not live yet', keys: [] });
    expect((await queue('?status=rejected')).requests.map((r: { accountId: string }) => r.accountId)).toEqual([
      user.id,
    ]);
  });

  it('answers 404 for an account that never asked, and 400 for a bad status filter', async () => {
    for (const id of [user.id, 'acc_nobody']) {
      const res = await decide({ id }, 'approve');
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not_found' });
    }
    const bad = await as(app, admin)({ method: 'GET', url: '/api/admin/affiliate/requests?status=everything' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('withdraws an approved access with a reason: its keys stop at once, and the ambassador may ask again', async () => {
    await request(user);
    clock.advanceMs(2 * HOUR);
    expect((await decide(user, 'approve')).statusCode).toBe(200);
    const issue = () => as(app, user)({ method: 'POST', url: '/api/affiliate/keys' });
    const [first, second] = [(await issue()).json(), (await issue()).json()];
    await as(app, user)({ method: 'DELETE', url: `/api/affiliate/keys/${first.id}` });
    const stats = (key: string) =>
      app.inject({ method: 'GET', url: '/api/affiliate/v1/stats', headers: { authorization: `Bearer ${key}` } });
    expect((await stats(second.key)).statusCode).toBe(200);

    expect((await decide(user, 'withdraw', { reason: '  ' })).statusCode).toBe(400);
    expect((await decide(user, 'withdraw', {})).statusCode).toBe(400);
    clock.advanceDays(10);
    const res = await decide(user, 'withdraw', { reason: 'Spam on forums' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      accountId: user.id,
      status: 'withdrawn',
      decidedAt: '2026-03-01T12:00:00.000Z', // still the approval, so the promise was met
      promise: 'met',
      withdrawnAt: '2026-03-11T12:00:00.000Z',
      withdrawReason: 'Spam on forums',
      keysRevoked: 1, // the first was revoked already
    });
    const refused = await stats(second.key);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: 'api_key_revoked' });
    const { rows } = await db().query<{ id: string; revoked_at: Date }>(
      'select id, revoked_at from api_keys order by created_at, id',
    );
    expect(rows.find((r) => r.id === second.id)?.revoked_at.toISOString()).toBe('2026-03-11T12:00:00.000Z');
    expect(rows.find((r) => r.id === first.id)?.revoked_at.toISOString()).toBe('2026-03-01T12:00:00.000Z');
    expect((await db().query('select withdrawn_by from affiliate_requests')).rows).toEqual([
      { withdrawn_by: admin.id },
    ]);

    const mine = (await as(app, user)({ method: 'GET', url: '/api/affiliate' })).json();
    expect(mine).toMatchObject({ status: 'withdrawn', withdrawReason: 'Spam on forums', keys: [] });
    expect((await issue()).statusCode).toBe(403);
    expect((await queue('?status=withdrawn')).requests.map((r: { accountId: string }) => r.accountId)).toEqual([
      user.id,
    ]);

    const again = await decide(user, 'withdraw', { reason: 'twice' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'not_approved', message: expect.stringContaining('withdrawn') });

    await request(user, 'I stopped, promise');
    const asked = (await as(app, user)({ method: 'GET', url: '/api/affiliate' })).json();
    expect(asked).toMatchObject({ status: 'requested', message: 'I stopped, promise', withdrawnAt: null });
    expect(asked.withdrawReason ?? null).toBeNull();
    expect((await queue()).requests.map((r: { accountId: string }) => r.accountId)).toEqual([user.id]);
  });

  it('withdraws only what was approved: 409 while pending or rejected, 404 if never asked', async () => {
    expect((await decide(user, 'withdraw', { reason: 'x' })).statusCode).toBe(404);
    await request(user);
    const pending = await decide(user, 'withdraw', { reason: 'x' });
    expect(pending.statusCode).toBe(409);
    expect(pending.json()).toMatchObject({ error: 'not_approved', message: expect.stringContaining('requested') });
    await decide(user, 'reject', { reason: 'not yet' });
    expect((await decide(user, 'withdraw', { reason: 'x' })).statusCode).toBe(409);
    expect((await db().query('select status from affiliate_requests')).rows).toEqual([{ status: 'rejected' }]);
  });
});
