import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { testApp } from '../fixtures.ts';
import { signUp, type TestUser } from '../sessions.ts';

const START = '2026-03-01T10:00:00Z';
const BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';

describeEachDb('signup binds the referral', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let referrer: TestUser;
  // One app for the suite, its clock set back before each test (as payouts.test.ts does): the
  // database is emptied between tests, and each test signs its accounts up from addresses of its
  // own (the referrer's, another referrer's, the referees'), so the sign-up limit per address (20
  // an hour, counted in the app) never carries over. Clicks are counted per network and code,
  // and each test's referral codes are new.
  let shared: FastifyInstance;
  let n = 0;
  /** This test's addresses: the referrer's, another referrer's, and the referees'. */
  let referrerIp: string;
  let otherIp: string;
  let refereeIp: string;
  beforeAll(async () => {
    clock = testClock(START);
    shared = await testApp(db(), {}, clock);
  });
  afterAll(() => shared.close());
  beforeEach(async () => {
    clock.set(START);
    app = shared;
    n++;
    referrerIp = `203.0.113.${100 + n}`;
    otherIp = `203.0.113.${200 + n}`;
    refereeIp = `198.51.100.${100 + n}`;
    referrer = await signUp(app, { email: 'referrer@example.com', ip: referrerIp });
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  /** Follows a referral link as a browser would; returns the attribution cookie to send back. */
  const click = async (path: string, ip = '198.51.100.77') => {
    const res = await app.inject({ method: 'GET', url: path, headers: { 'user-agent': BROWSER }, remoteAddress: ip });
    expect(res.statusCode).toBe(302);
    const cookie = res.cookies.find((c) => c.name === 'cb_ref');
    return cookie ? `cb_ref=${cookie.value}` : '';
  };
  const referrals = async () =>
    (
      await db().query<Record<string, unknown>>(
        `select referrer_id, referee_id, click_id::text, source, campaign, widget_id, install_bounty_cents,
                commission_rate_bps, hold_days, review, flagged_reason from referrals order by id`,
      )
    ).rows;

  it('from the attribution cookie: click, source, campaign, widget and the terms of the day', async () => {
    const cookie = await click(`/r/${referrer.referralCode}?src=widget&w=${referrer.widgetId}&c=spring`);
    clock.advanceDays(10);
    const referee = await signUp(app, { cookie, ip: '198.51.100.77' });
    const [row] = await referrals();
    expect(row).toMatchObject({
      referrer_id: referrer.id,
      referee_id: referee.id,
      source: 'widget',
      campaign: 'spring',
      widget_id: referrer.widgetId,
      install_bounty_cents: 1000,
      commission_rate_bps: 3000,
      hold_days: 30,
      review: 'none',
      flagged_reason: null,
    });
    const { rows } = await db().query<{ id: string }>('select id::text from clicks');
    expect(row?.click_id).toBe(rows[0]?.id);
  });

  it('keeps the terms copied at signup when the programme changes later', async () => {
    const referee = await signUp(app, { ref: referrer.referralCode, ip: refereeIp });
    app = await testApp(db(), { INSTALL_BOUNTY_CENTS: '2500', COMMISSION_RATE_BPS: '2000', HOLD_DAYS: '14' }, clock);
    const later = await signUp(app, { ref: referrer.referralCode, ip: refereeIp });
    const rows = await referrals();
    expect(rows.find((r) => r.referee_id === referee.id)).toMatchObject({
      install_bounty_cents: 1000,
      commission_rate_bps: 3000,
      hold_days: 30,
    });
    expect(rows.find((r) => r.referee_id === later.id)).toMatchObject({
      install_bounty_cents: 2500,
      commission_rate_bps: 2000,
      hold_days: 14,
    });
  });

  it('from the ref parameter when there is no cookie', async () => {
    const res = await signUp(app, { ref: referrer.referralCode.toUpperCase(), ip: refereeIp });
    expect(await referrals()).toEqual([
      expect.objectContaining({ referee_id: res.id, source: 'param', click_id: null }),
    ]);
  });

  it('prefers the cookie (the tracked click) over a ref naming someone else', async () => {
    const other = await signUp(app, { ip: otherIp });
    const cookie = await click(`/r/${referrer.referralCode}?src=banner`);
    await signUp(app, { cookie, ref: other.referralCode, ip: refereeIp });
    expect((await referrals())[0]).toMatchObject({ referrer_id: referrer.id, source: 'banner' });
  });

  it('lets the last click win, and ignores a cookie older than the window', async () => {
    const other = await signUp(app, { ip: otherIp });
    const first = await click(`/r/${referrer.referralCode}`);
    const res = await app.inject({
      method: 'GET',
      url: `/r/${other.referralCode}`,
      headers: { 'user-agent': BROWSER, cookie: first },
    });
    const last = `cb_ref=${res.cookies[0]?.value}`;
    await signUp(app, { cookie: last, ip: refereeIp });
    expect((await referrals())[0]).toMatchObject({ referrer_id: other.id });

    const stale = await click(`/r/${referrer.referralCode}`);
    clock.advanceDays(91);
    await signUp(app, { cookie: stale, ip: refereeIp });
    expect(await referrals()).toHaveLength(1);
  });

  it('ignores a forged cookie and an unknown code', async () => {
    const at = Math.floor(clock.now().getTime() / 1000);
    await signUp(app, { cookie: `cb_ref=${referrer.referralCode}.1.${at}`, ip: refereeIp });
    await signUp(app, { ref: 'zzzz2222', ip: refereeIp });
    await signUp(app, { ref: '<script>', ip: refereeIp });
    expect(await referrals()).toEqual([]);
  });

  it.each([
    ['the same address', 'referrer@example.com'],
    ['a +tag of it', 'referrer+second@example.com'],
  ])('refuses self-referral: %s', async (_name, email) => {
    // The same address cannot sign up twice at all; a +tag is the same mailbox.
    if (email === 'referrer@example.com') {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        payload: { email, password: 'correct horse battery staple', ref: referrer.referralCode },
        remoteAddress: refereeIp,
      });
      expect(res.statusCode).toBe(409);
    } else {
      const res = await signUp(app, { email, ref: referrer.referralCode, ip: '198.51.100.99' });
      expect(res.id).toBeTruthy();
    }
    expect(await referrals()).toEqual([]);
  });

  it('refuses self-referral across Gmail dots and googlemail', async () => {
    const gmail = await signUp(app, { email: 'jane.doe@gmail.com', ip: '203.0.113.5' });
    await signUp(app, { email: 'janedoe+promo@googlemail.com', ref: gmail.referralCode, ip: '198.51.100.5' });
    expect((await referrals()).filter((r) => r.referrer_id === gmail.id)).toEqual([]);
  });

  it('flags, rather than refuses, a referee on the referrer’s network or a disposable mailbox', async () => {
    const sameIp = await signUp(app, { ref: referrer.referralCode, ip: referrerIp });
    const disposable = await signUp(app, {
      email: 'someone@mailinator.com',
      ref: referrer.referralCode,
      ip: '198.51.100.3',
    });
    const rows = await referrals();
    expect(rows.find((r) => r.referee_id === sameIp.id)).toMatchObject({
      review: 'flagged',
      flagged_reason: 'same_ip',
    });
    expect(rows.find((r) => r.referee_id === disposable.id)).toMatchObject({
      review: 'flagged',
      flagged_reason: 'disposable_email',
    });
  });
});
