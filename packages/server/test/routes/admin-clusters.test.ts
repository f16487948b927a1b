// Network clusters as the operator meets them: found at sign-up, log-in, qualification and at
// the end of a hold; decided all at once, or one referral at a time.
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { accountBalances, listEntries } from '../../src/db/queries/ledger.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { ADMIN_EMAIL, ping, testApp } from '../fixtures.ts';
import { as, PASSWORD, signUp, type TestUser } from '../sessions.ts';
import { snippetPage, startSites, type TestSites } from '../sites.ts';

const START = '2026-03-01T10:00:00Z';

describeEachDb('network clusters', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let sites: TestSites;
  let admin: TestUser;
  let referrer: TestUser;
  // One app and one set of local sites for the suite, the clock set back before each test (as
  // payouts.test.ts does): the database is emptied between tests, and each test's accounts sign
  // up, and its referee logs in, from addresses of that test's own (the operator's session is
  // made without the route), so neither the sign-up nor the log-in limit per address carries
  // over. What the app keeps in memory about pings (widgets qualified, seen, allowed where,
  // pings a widget sent) is by widget, and every test's widgets are new, with sites of their own.
  let shared: FastifyInstance;
  let n = 0;
  /** The referrer's address in this test: a referee who logs in from it joins its network. */
  let referrerIp: string;
  /** Where this test's referees sign up from: two from one address are one cluster. */
  let refereeIp: string;
  beforeAll(async () => {
    clock = testClock(START);
    sites = await startSites();
    shared = await testApp(
      db(),
      {
        QUALIFY_MIN_VISITORS: '3',
        QUALIFY_MIN_NETWORKS: '2',
        PING_RATE_PER_IP: '100000',
        SESSION_DAYS: '365',
        INSTALL_CHECK_ALLOW_LOOPBACK: 'true',
      },
      clock,
    );
  });
  afterAll(async () => {
    await shared?.close();
    await sites?.close();
  });
  beforeEach(async () => {
    clock.set(START);
    app = shared;
    n++;
    referrerIp = `203.0.113.${100 + n}`;
    refereeIp = `198.51.100.${100 + n}`;
    admin = await signUp(app, { email: ADMIN_EMAIL, ip: '192.0.2.1' });
    referrer = await signUp(app, { ip: referrerIp });
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  const pingFrom = async (ip: string, user: TestUser, path = '/', kind = 'install') => {
    const host = `${user.id
      .slice(4)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')}.com`;
    sites.page(host, snippetPage(user.widgetId));
    const res = await app.inject({
      method: 'POST',
      url: '/v1/pings',
      payload: ping(user.widgetId, { url: sites.url(host, path), kind }),
      remoteAddress: ip,
    });
    expect(res.statusCode, res.body).toBe(204);
  };
  /** Three visitors from networks of the referee's own. */
  const install = async (user: TestUser, n: number) => {
    for (const i of [1, 2, 3]) await pingFrom(`100.${64 + n}.${i}.1`, user);
    await app.installChecks.run();
  };
  const reviewOf = async (user: TestUser) =>
    (
      await db().query<{ review: string; flagged_reason: string | null; id: string }>(
        'select id::text, review, flagged_reason from referrals where referee_id = $1',
        [user.id],
      )
    ).rows[0];
  const queue = async (review = 'flagged') => {
    const res = await as(app, admin)({ method: 'GET', url: `/api/admin/referrals?review=${review}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const decide = (action: 'approve' | 'reject', payload: unknown, user = admin) =>
    as(app, user)({ method: 'POST', url: `/api/admin/referrals/clusters/${action}`, payload: payload as object });

  it('holds a referee who logs in from the referrer’s network, with the money it earned', async () => {
    const referee = await signUp(app, { ref: referrer.referralCode, ip: refereeIp });
    await install(referee, 1);
    expect(await accountBalances(db(), referrer.id)).toMatchObject({ pendingCents: 1000 });
    expect((await reviewOf(referee))?.review).toBe('none');
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: referee.email, password: PASSWORD },
      remoteAddress: referrerIp,
    });
    expect(login.statusCode, login.body).toBe(200);
    expect(await reviewOf(referee)).toMatchObject({ review: 'flagged', flagged_reason: 'network_cluster' });
    expect(await accountBalances(db(), referrer.id)).toMatchObject({ pendingCents: 0, onHoldCents: 1000 });
    const [cluster] = (await queue()).clusters;
    expect(cluster.networks).toEqual([
      expect.objectContaining({
        kind: 'ipv4',
        seen: [
          expect.objectContaining({ accountId: referrer.id, role: 'referrer', how: 'signup' }),
          expect.objectContaining({ accountId: referee.id, role: 'referee', how: 'login', logins: 1 }),
        ],
      }),
    ]);
  });

  it('rejects a cluster at once: each referral reversed, with the reason', async () => {
    const a = await signUp(app, { ref: referrer.referralCode, ip: refereeIp });
    const b = await signUp(app, { ref: referrer.referralCode, ip: refereeIp });
    await install(a, 1);
    await install(b, 2);
    expect(await accountBalances(db(), referrer.id)).toMatchObject({ onHoldCents: 2000 });
    const { clusters } = await queue();
    expect(clusters).toHaveLength(1);
    const res = await decide('reject', { referralIds: clusters[0].referralIds, reason: 'one person, two accounts' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().referrals.map((r: { review: string }) => r.review)).toEqual(['rejected', 'rejected']);
    const entries = await listEntries(db(), referrer.id);
    expect(entries.every((e) => e.state === 'reversed')).toBe(true);
    expect(entries.filter((e) => e.kind === 'reversal').map((e) => e.reason)).toEqual([
      'Rejected by the operator after review: one person, two accounts',
      'Rejected by the operator after review: one person, two accounts',
    ]);
    expect((await queue()).referrals).toEqual([]);
    // One record for the decision, naming every referral it took.
    const audit = (await as(app, admin)({ method: 'GET', url: '/api/admin/audit' })).json().records;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'cluster.reject',
      subjectType: 'referral_cluster',
      subjectId: [...clusters[0].referralIds].sort((x: string, y: string) => Number(x) - Number(y)).join(','),
      accountId: referrer.id,
      reason: 'one person, two accounts',
      details: { referrals: 2, refereeIds: expect.arrayContaining([a.id, b.id]) },
    });
  });

  it('decides one referral of a cluster alone, and shows the cluster with both reviews', async () => {
    const a = await signUp(app, { ref: referrer.referralCode, ip: refereeIp });
    const b = await signUp(app, { ref: referrer.referralCode, ip: refereeIp });
    const one = await as(
      app,
      admin,
    )({ method: 'POST', url: `/api/admin/referrals/${(await reviewOf(a))?.id}/approve` });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({ review: 'approved', clusterId: expect.stringMatching(/^c\d+$/) });
    const [record] = (await as(app, admin)({ method: 'GET', url: '/api/admin/audit' })).json().records;
    expect(record).toMatchObject({
      action: 'referral.approve',
      subjectType: 'referral',
      subjectId: (await reviewOf(a))?.id,
      accountId: referrer.id,
      details: { refereeId: a.id, publicId: expect.stringMatching(/^rf_/) },
    });
    const { referrals, clusters } = await queue();
    expect(referrals.map((r: { refereeId: string }) => r.refereeId)).toEqual([b.id]);
    expect(clusters[0].members.map((m: { email: string; review: string }) => [m.email, m.review])).toEqual(
      expect.arrayContaining([
        [a.email, 'approved'],
        [b.email, 'flagged'],
      ]),
    );
  });

  it('decides a cluster all or none, and refuses what is not one operator’s cluster', async () => {
    const a = await signUp(app, { ref: referrer.referralCode, ip: refereeIp });
    const b = await signUp(app, { ref: referrer.referralCode, ip: refereeIp });
    const ids = [(await reviewOf(a))?.id, (await reviewOf(b))?.id] as string[];
    await as(app, admin)({ method: 'POST', url: `/api/admin/referrals/${ids[0]}/approve` });
    // One of them was decided meanwhile: nothing is decided.
    const conflict = await decide('approve', { referralIds: ids });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toEqual({
      error: 'not_flagged',
      message: `Referral ${ids[0]} is not waiting for review (it is approved)`,
    });
    expect((await reviewOf(b))?.review).toBe('flagged');

    const other = await signUp(app, { ip: `203.0.113.${150 + n}` });
    const c = await signUp(app, { ref: other.referralCode, ip: `203.0.113.${150 + n}` });
    const mixed = await decide('reject', { referralIds: [ids[1], (await reviewOf(c))?.id] });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error).toBe('not_one_referrer');

    for (const bad of [{}, { referralIds: [] }, { referralIds: ['x'] }, { referralIds: [ids[1], ids[1]] }, null]) {
      const res = await decide('approve', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json()).toEqual({ error: expect.any(String), message: expect.any(String) });
    }
    expect((await decide('approve', { referralIds: ['999999'] })).statusCode).toBe(404);
    expect((await decide('approve', { referralIds: [ids[1]] }, referrer)).statusCode).toBe(403);
    expect((await reviewOf(b))?.review).toBe('flagged');
  });

  it('weighs the family once more when a hold ends: sites sharing a visitor become a cluster then', async () => {
    const a = await signUp(app, { ref: referrer.referralCode, ip: refereeIp });
    const b = await signUp(app, { ref: referrer.referralCode, ip: `198.51.100.${150 + n}` });
    await install(a, 1);
    expect(await accountBalances(db(), referrer.id)).toMatchObject({ pendingCents: 1000 });
    // One of A's visitors loads B's site too; B's widget does not qualify, nothing is weighed yet.
    await pingFrom('100.65.1.1', b);
    expect((await reviewOf(a))?.review).toBe('none');
    clock.advanceDays(29);
    await pingFrom('100.65.2.1', a, '/', 'heartbeat');
    clock.advanceDays(1);
    expect(await app.ledger.tick()).toMatchObject({ available: 0, held: 2 });
    expect(await accountBalances(db(), referrer.id)).toMatchObject({ availableCents: 0, onHoldCents: 1000 });
    const [cluster] = (await queue()).clusters;
    expect(cluster.networks).toEqual([
      expect.objectContaining({
        kind: 'visitors',
        seen: expect.arrayContaining([
          expect.objectContaining({ accountId: a.id, how: 'visitor', seenOn: '2026-03-01' }),
          expect.objectContaining({ accountId: b.id, how: 'visitor' }),
        ]),
      }),
    ]);
  });
});
