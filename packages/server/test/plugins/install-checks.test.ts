// The install check end to end: a widget qualifies, its page is fetched from a local site, and
// what is found decides its owner's status and its referrer's bounty.
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { accountBalances, listEntries } from '../../src/db/queries/ledger.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { ADMIN_EMAIL, ping, testApp } from '../fixtures.ts';
import { as, signUp, type TestUser } from '../sessions.ts';
import { snippetPage, startSites, type TestSites } from '../sites.ts';

const START = '2026-03-01T10:00:00Z';
const ENV = {
  QUALIFY_MIN_VISITORS: '3',
  PING_RATE_PER_IP: '100000',
  SESSION_DAYS: '365',
  INSTALL_CHECK_ALLOW_LOOPBACK: 'true',
};

describeEachDb('install checks', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let sites: TestSites;
  let referrer: TestUser;
  let referee: TestUser;
  const HOST = 'owner-shop.com';
  // One app for the suite, its clock set back before each test (as billing.test.ts does): the
  // database is emptied between tests, each test has local sites of its own, and its referrer
  // and referee sign up from two addresses of that test's own, so the sign-up limit per address
  // never carries over; the widget the app remembers is a new one in each test. The test with
  // loopback refused builds its own app.
  let shared: FastifyInstance;
  let n = 0;
  const signUpBoth = async () => {
    referrer = await signUp(app, { ip: `203.0.113.${n}` });
    referee = await signUp(app, { ref: referrer.referralCode, ip: `198.51.100.${n}` });
  };
  beforeAll(async () => {
    clock = testClock(START);
    shared = await testApp(db(), ENV, clock);
  });
  afterAll(() => shared.close());
  beforeEach(async () => {
    clock.set(START);
    app = shared;
    n++;
    sites = await startSites();
    await signUpBoth();
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
    await sites.close();
  });

  const sendPing = async (path: string, kind = 'install') => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/pings',
      payload: ping(referee.widgetId, { url: sites.url(HOST, path), kind }),
    });
    expect(res.statusCode, res.body).toBe(204);
  };
  const install = async (path = '/pricing') => {
    for (let i = 0; i < 3; i++) await sendPing(path);
  };
  const status = async () => {
    const res = await as(app, referee)({ method: 'GET', url: `/api/widgets/${referee.widgetId}/install` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().verification;
  };
  const bounty = async () => (await listEntries(db(), referrer.id)).find((e) => e.kind === 'install_bounty');
  /** Ends the hold with the widget alive. */
  const endHold = async () => {
    clock.advanceDays(29);
    await sendPing('/pricing', 'heartbeat');
    clock.advanceDays(1);
    await app.ledger.tick();
  };

  it('fetches the pages the pings named and finds the snippet', async () => {
    sites.page(HOST, snippetPage(referee.widgetId), '/pricing');
    expect((await status()).state).toBe('not_checked');
    await install();
    expect(await status()).toMatchObject({ state: 'checking', attempts: 0 });
    expect(await app.installChecks.run()).toEqual({ found: 1, notFound: 0, retried: 0 });
    expect(sites.requests).toEqual([
      { host: HOST, path: '/pricing', userAgent: 'CallbellInstallCheck/1.0 (+https://app.callbell.test)' },
    ]);
    expect(await status()).toMatchObject({
      state: 'found',
      explanation: `The snippet was found on ${sites.url(HOST, '/pricing')} on 2026-03-01`,
      nextStep: null,
      foundUrl: sites.url(HOST, '/pricing'),
      nextCheckAt: null,
    });
    // Nothing more to do for it.
    clock.advanceDays(1);
    expect(await app.installChecks.run()).toEqual({ found: 0, notFound: 0, retried: 0 });
  });

  it('tries four times over hours, then says the snippet was not found', async () => {
    sites.page(HOST, '<html><body>No widget here</body></html>');
    await install('/');
    expect(await app.installChecks.run()).toEqual({ found: 0, notFound: 0, retried: 1 });
    expect(await status()).toMatchObject({
      state: 'checking',
      attempts: 1,
      checkedUrl: sites.url(HOST, '/'),
      nextCheckAt: '2026-03-01T10:15:00.000Z',
    });
    expect((await status()).explanation).toMatch(
      /not found on .* yet: the page does not carry the snippet; it is tried again after 2026-03-01 10:15 UTC/,
    );
    // Not due yet: nothing is fetched.
    clock.advanceMs(10 * 60_000);
    expect(await app.installChecks.run()).toEqual({ found: 0, notFound: 0, retried: 0 });
    for (const wait of [5 * 60_000, 2 * 3_600_000, 8 * 3_600_000]) {
      clock.advanceMs(wait);
      await app.installChecks.run();
    }
    expect(await status()).toMatchObject({ state: 'not_found', attempts: 4, nextCheckAt: null });
    expect((await status()).nextStep).toMatch(/operator/);
    expect(sites.requests).toHaveLength(4);
  });

  it('finds a snippet the owner adds between two tries', async () => {
    sites.page(HOST, '<html></html>');
    await install('/');
    await app.installChecks.run();
    sites.page(HOST, snippetPage(referee.widgetId));
    clock.advanceMs(15 * 60_000);
    expect(await app.installChecks.run()).toEqual({ found: 1, notFound: 0, retried: 0 });
  });

  it('lets the bounty wait, pending, while the page is being checked, and pays it once found', async () => {
    sites.page(HOST, '<html></html>');
    await install();
    await app.installChecks.run();
    await endHold();
    expect(await bounty()).toMatchObject({ state: 'pending' });
    sites.page(HOST, snippetPage(referee.widgetId));
    clock.advanceMs(2 * 3_600_000);
    expect(await app.installChecks.run()).toMatchObject({ found: 1 });
    await app.ledger.tick();
    expect(await bounty()).toMatchObject({ state: 'available' });
  });

  it('reverses the bounty of a widget gone quiet, even while its page is being checked', async () => {
    await install();
    clock.advanceDays(30);
    expect(await app.ledger.tick()).toMatchObject({ reversed: 1 });
    expect(await bounty()).toMatchObject({ state: 'reversed' });
  });

  it('holds the bounty for the operator when the page was never found; approving by hand pays it', async () => {
    const admin = await signUp(app, { email: ADMIN_EMAIL, ip: '192.0.2.1' });
    await install();
    for (const wait of [0, 15 * 60_000, 2 * 3_600_000, 8 * 3_600_000]) {
      clock.advanceMs(wait);
      await app.installChecks.run();
    }
    await endHold();
    expect(await bounty()).toMatchObject({ state: 'on_hold' });
    expect(await accountBalances(db(), referrer.id)).toMatchObject({ onHoldCents: 1000, availableCents: 0 });
    const queue = (await as(app, admin)({ method: 'GET', url: '/api/admin/referrals' })).json();
    expect(queue.referrals).toHaveLength(1);
    const [held] = queue.referrals;
    expect(held).toMatchObject({ flaggedReason: 'install_unverified', clusterId: null });
    expect(held.evidence.referee.install.check).toMatchObject({
      state: 'not_found',
      attempts: 4,
      outcome: 'http_status',
      // The pages pings named, then the home page: what the last one said.
      url: sites.url(HOST, '/'),
      detail: 'the page answered HTTP 404',
    });
    const { rows } = await db().query(`select account_id from emails where dedupe_key = $1`, [
      `referral_held:${held.id}`,
    ]);
    expect(rows).toEqual([{ account_id: referrer.id }]);

    const res = await as(app, admin)({ method: 'POST', url: `/api/admin/referrals/${held.id}/approve` });
    expect(res.statusCode, res.body).toBe(200);
    await app.ledger.tick();
    expect(await bounty()).toMatchObject({ state: 'available' });
  });

  it('queues a check, at the end of its hold, for a bounty whose widget never had one', async () => {
    await db().query('update widgets set qualified_at = $2, qualified_origin = $3 where id = $1', [
      referee.widgetId,
      clock.now(),
      `http://${HOST}`,
    ]);
    await app.ledger.tick();
    expect(await bounty()).toMatchObject({ state: 'pending' });
    clock.advanceDays(30);
    await db().query('update widgets set last_public_ping_at = $2 where id = $1', [referee.widgetId, clock.now()]);
    await app.ledger.tick();
    const { rows } = await db().query('select state from install_checks where widget_id = $1', [referee.widgetId]);
    expect(rows).toEqual([{ state: 'checking' }]);
    expect(await bounty()).toMatchObject({ state: 'pending' });
  });

  it('never fetches loopback outside tests: the check says the address is not public', async () => {
    app = await testApp(db(), { ...ENV, INSTALL_CHECK_ALLOW_LOOPBACK: 'false' }, clock);
    await signUpBoth();
    sites.page(HOST, snippetPage(referee.widgetId));
    await install();
    await app.installChecks.run();
    expect(sites.requests).toEqual([]);
    expect((await status()).explanation).toMatch(/owner-shop.com is not on a public address/);
  });
});
