import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { STATS_PER_SESSION_PER_MINUTE } from '../../src/routes/api/affiliate-stats.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { ADMIN_EMAIL, testApp } from '../fixtures.ts';
import { as, signUp, type TestUser } from '../sessions.ts';

const BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';

const START = '2026-03-10T12:00:00Z';

// GET /api/affiliate/stats: the statistics of /api/affiliate/v1/stats (tested in
// affiliate-stats.test.ts), by session, for the dashboard.
describeEachDb('the affiliate statistics for the dashboard (session)', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let user: TestUser;
  let admin: TestUser;
  // One app for the suite, its clock set back before each test. The database is emptied
  // between tests, and what the app counts in memory is kept apart: each test signs its users up
  // from addresses of its own (20 sign-ups an hour per address; the operator's session is made
  // without the route), its accounts are new (statistics a minute per account), it calls the key
  // route from an address of its own (600 a minute per address), and its referral links carry a
  // code of its own (clicks per network and code). The tests of the limit build apps of their own.
  let shared: FastifyInstance;
  let n = 0;
  /** This test's address for the key route. */
  let apiIp: string;
  beforeAll(async () => {
    clock = testClock(START);
    shared = await testApp(db(), {}, clock);
  });
  afterAll(() => shared.close());
  beforeEach(async () => {
    clock.set(START);
    app = shared;
    n++;
    apiIp = `192.0.2.${n}`;
    user = await signUp(app, { ip: `203.0.113.${n}` });
    admin = await signUp(app, { email: ADMIN_EMAIL, ip: '203.0.113.9' });
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  const get = (query = '', who: TestUser = user) =>
    as(app, who)({ method: 'GET', url: `/api/affiliate/stats${query}` });
  const stats = async (query = '') => {
    const res = await get(query);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const request = async () => {
    const res = await as(app, user)({ method: 'POST', url: '/api/affiliate/request', payload: {} });
    expect(res.statusCode, res.body).toBe(201);
  };
  const decide = async (action: 'approve' | 'reject' | 'withdraw', payload?: object) => {
    const res = await as(
      app,
      admin,
    )({
      method: 'POST',
      url: `/api/admin/affiliate/requests/${user.id}/${action}`,
      ...(payload ? { payload } : {}),
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const approve = async () => {
    await request();
    await decide('approve');
  };
  /** A visitor follows the user's link from `ip`; returns the attribution cookie it was given. */
  const follow = async (query: string, ip: string) => {
    const res = await app.inject({
      method: 'GET',
      url: `/r/${user.referralCode}${query}`,
      headers: { 'user-agent': BROWSER },
      remoteAddress: ip,
    });
    expect(res.statusCode).toBe(302);
    return `cb_ref=${res.cookies.find((c) => c.name === 'cb_ref')?.value}`;
  };

  it('needs a session: an API key or nothing is refused with 401', async () => {
    await approve();
    const { key } = (await as(app, user)({ method: 'POST', url: '/api/affiliate/keys' })).json();
    for (const headers of [{}, { authorization: `Bearer ${key}` }]) {
      const res = await app.inject({ method: 'GET', url: '/api/affiliate/stats', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: 'unauthenticated' });
    }
  });

  it('is refused with 403 and a message until access is approved, and again once withdrawn', async () => {
    const refused = async () => {
      // Refused before the query string is read: an unapproved account learns nothing from it.
      const res = await get('?from=not-a-day');
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json()).toEqual({
        error: 'affiliate_not_approved',
        message: 'Statistics come with affiliate platform access: request it on the Affiliate page',
      });
    };
    await refused(); // never asked
    await request();
    await refused(); // waiting
    await decide('reject', { reason: 'Tell us about your site' });
    await refused();
    await request();
    await decide('approve');
    expect((await get()).statusCode).toBe(200);
    await decide('withdraw', { reason: 'Spam' });
    await refused();
  });

  it('counts the user’s own clicks, sign-ups and sources, as the API key sees them', async () => {
    await approve();
    await follow('?src=banner&c=spring', '198.51.100.7');
    await follow('?src=banner&c=spring', '198.51.100.7');
    const cookie = await follow(`?src=widget&w=${user.widgetId}`, '198.51.100.8');
    await signUp(app, { cookie, ip: '198.51.100.8' });
    // Someone else's numbers never show.
    const other = await signUp(app, { ip: `203.0.113.${100 + n}` });
    await app.inject({ method: 'GET', url: `/r/${other.referralCode}?src=link`, headers: { 'user-agent': BROWSER } });

    const body = await stats('?days=7&groupBy=source');
    expect(body).toMatchObject({ from: '2026-03-04', to: '2026-03-10', groupBy: 'source', omittedGroups: 0 });
    expect(body.totals).toMatchObject({ clicks: 3, uniqueClicks: 2, signups: 1, installs: 0 });
    expect(body.series).toHaveLength(7);
    expect(body.series.at(-1)).toMatchObject({ day: '2026-03-10', clicks: 3, signups: 1 });
    const bySource = Object.fromEntries(
      body.groups.map((g: { key: string; totals: { clicks: number } }) => [g.key, g.totals.clicks]),
    );
    expect(bySource).toEqual({ widget: 1, link: 0, banner: 2, param: 0 });
    const byCampaign = await stats('?days=7&groupBy=campaign');
    // The sign-up came through the footer, without a campaign: that group is the busier.
    expect(byCampaign.groups.map((g: { key: string | null }) => g.key)).toEqual([null, 'spring']);

    // The very same answers as the key route: one implementation behind both.
    const { key } = (await as(app, user)({ method: 'POST', url: '/api/affiliate/keys' })).json();
    for (const query of ['', '?days=7', '?from=2026-03-01&to=2026-03-10&groupBy=campaign', '?groupBy=widget']) {
      const byKey = await app.inject({
        method: 'GET',
        url: `/api/affiliate/v1/stats${query}`,
        headers: { authorization: `Bearer ${key}` },
        remoteAddress: apiIp,
      });
      expect(byKey.statusCode).toBe(200);
      expect(await stats(query), query).toEqual(byKey.json());
    }
  });

  it('defaults to the 30 days ending today, and takes from/to or a number of days', async () => {
    await approve();
    expect(await stats()).toMatchObject({ from: '2026-02-09', to: '2026-03-10', groupBy: null, groups: [] });
    expect(await stats('?days=90')).toMatchObject({ from: '2025-12-11', to: '2026-03-10' });
    const custom = await stats('?from=2026-02-01&to=2026-02-03');
    expect(custom.series.map((d: { day: string }) => d.day)).toEqual(['2026-02-01', '2026-02-02', '2026-02-03']);
  });

  it.each([
    ['?from=2026-03-05&to=2026-03-01', 'bad_range', 'from (2026-03-05) is after to (2026-03-01)'],
    ['?from=2026-03-01&days=7', 'bad_range', 'Give either from or days, not both'],
    ['?from=2025-01-01&to=2026-01-02', 'range_too_long', 'A range covers at most 366 days; this one has 367'],
    ['?from=2026-02-30', 'invalid_date', 'from must be a calendar day as YYYY-MM-DD, from 0001-01-01 on'],
    ['?days=0', 'invalid_request', expect.any(String)],
    ['?groupBy=country', 'invalid_request', expect.any(String)],
  ])('refuses %s with 400 %s and says why', async (query, error, message) => {
    await approve();
    const res = await get(query);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error, message });
  });

  it('downloads CSV with format=csv, the same file as the key route gives', async () => {
    await approve();
    await follow('?src=banner&c=spring', '198.51.100.7');
    const res = await get('?days=7&groupBy=source&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="callbell-stats_2026-03-04_2026-03-10_by-source.csv"',
    );
    expect(res.headers['cache-control']).toBe('no-store');
    const lines = res.body.split('\r\n');
    expect(lines[0]).toBe(
      'day,source,clicks,unique_clicks,signups,installs,paying_customers,commission_cents,bounty_cents',
    );
    expect(lines).toHaveLength(1 + 7 * 4 + 1);
    expect(lines).toContain('2026-03-10,banner,1,1,0,0,0,0,0');

    const { key } = (await as(app, user)({ method: 'POST', url: '/api/affiliate/keys' })).json();
    const byKey = await app.inject({
      method: 'GET',
      url: '/api/affiliate/v1/stats?days=7&groupBy=source&format=csv',
      headers: { authorization: `Bearer ${key}` },
      remoteAddress: apiIp,
    });
    expect(res.body).toBe(byKey.body);
    const plain = await get('?from=2026-03-10&to=2026-03-10&format=csv');
    expect(plain.body).toBe(
      'day,clicks,unique_clicks,signups,installs,paying_customers,commission_cents,bounty_cents\r\n' +
        '2026-03-10,1,1,0,0,0,0,0\r\n',
    );
  });

  it(`limits each account to ${STATS_PER_SESSION_PER_MINUTE} requests a minute, with Retry-After`, async () => {
    // About what the app counts: an app of its own, on the same database and clock.
    app = await testApp(db(), {}, clock);
    await approve();
    for (let i = 0; i < STATS_PER_SESSION_PER_MINUTE; i++) {
      expect((await get('?days=1')).statusCode).toBe(200);
    }
    const limited = await get('?days=1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: 'rate_limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    clock.advanceMs(61_000);
    expect((await get('?days=1')).statusCode).toBe(200);
  });

  it('counts a request against the limit before it checks the access, so a flood reads no access', async () => {
    // About what the app counts: an app of its own, on the same database and clock.
    app = await testApp(db(), {}, clock);
    // Never asked: each request is refused, and still counted.
    for (let i = 0; i < STATS_PER_SESSION_PER_MINUTE; i++) {
      expect((await get('?days=1')).statusCode).toBe(403);
    }
    const query = vi.spyOn(db(), 'query');
    try {
      const limited = await get('?days=1');
      expect(limited.statusCode).toBe(429);
      const sql = query.mock.calls.map((c) => String(c[0]));
      expect(sql.length).toBeGreaterThan(0); // the spy sees the app's queries (the session's, here)
      expect(sql.filter((q) => q.includes('affiliate_requests'))).toEqual([]);
    } finally {
      query.mockRestore();
    }
  });

  it('is documented with its full response', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    const op = doc.paths['/api/affiliate/stats'].get;
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'days',
      'format',
      'from',
      'groupBy',
      'to',
    ]);
    const schema = op.responses['200'].content['application/json'].schema;
    expect(schema.required).toEqual(['from', 'to', 'groupBy', 'totals', 'series', 'groups', 'omittedGroups']);
    expect(schema.properties.totals.required).toEqual([
      'clicks',
      'uniqueClicks',
      'signups',
      'installs',
      'payingCustomers',
      'commissionCents',
      'bountyCents',
    ]);
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '401', '403', '429']);
  });
});
