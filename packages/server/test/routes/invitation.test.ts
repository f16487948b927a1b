import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { testApp } from '../fixtures.ts';
import { signUp, type TestUser } from '../sessions.ts';

const START = '2026-03-01T10:00:00Z';
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';

describeEachDb('GET /api/auth/invitation: who a signup here would be referred by', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let referrer: TestUser;
  let other: TestUser;
  // One app for the suite, its clock set back before each test (as payouts.test.ts does): the
  // database is emptied between tests, and each test signs up, clicks and looks up from
  // addresses of its own, so neither the sign-up limit nor the look-up limit per address (20
  // an hour, 60 a minute, counted in the app) carries over. The test of the look-up limit
  // builds an app of its own.
  let shared: FastifyInstance;
  let n = 0;
  /** The address this test's visitor clicks and looks up from. */
  let visitorIp: string;
  beforeAll(async () => {
    clock = testClock(START);
    shared = await testApp(db(), {}, clock);
  });
  afterAll(() => shared.close());
  beforeEach(async () => {
    clock.set(START);
    app = shared;
    n++;
    visitorIp = `198.51.100.${100 + n}`;
    referrer = await signUp(app, { email: 'anna.smith@example.com', ip: `203.0.113.${100 + n}` });
    other = await signUp(app, { email: 'bob@example.org', ip: `203.0.113.${150 + n}` });
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  const click = async (code: string) => {
    const res = await app.inject({
      url: `/r/${code}?src=widget`,
      headers: { 'user-agent': BROWSER },
      remoteAddress: visitorIp,
    });
    const cookie = res.cookies.find((c) => c.name === 'cb_ref');
    return cookie ? `cb_ref=${cookie.value}` : '';
  };
  const invitation = async (query = '', cookie = '') => {
    const res = await app.inject({
      url: `/api/auth/invitation${query}`,
      headers: cookie ? { cookie } : {},
      remoteAddress: visitorIp,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().invitation;
  };

  it('names the referrer of the attribution cookie, masked, and when the cookie runs out', async () => {
    const cookie = await click(referrer.referralCode);
    clock.advanceDays(10);
    const found = await invitation('', cookie);
    expect(found).toEqual({
      referralCode: referrer.referralCode,
      referrer: 'an***@example.com',
      via: 'cookie',
      validUntil: expect.any(String),
    });
    const clickedAt = clock.now().getTime() - 10 * 86_400_000;
    expect(Math.abs(new Date(found.validUntil).getTime() - (clickedAt + 90 * 86_400_000))).toBeLessThan(1000);
  });

  it('prefers the cookie over a ref parameter, as signup does, and the ref once the cookie has expired', async () => {
    const cookie = await click(referrer.referralCode);
    expect((await invitation(`?ref=${other.referralCode}`, cookie)).referralCode).toBe(referrer.referralCode);
    clock.advanceDays(91);
    expect(await invitation(`?ref=${other.referralCode}`, cookie)).toMatchObject({
      referralCode: other.referralCode,
      referrer: 'bo***@example.org',
      via: 'param',
      validUntil: null,
    });
  });

  it('finds nothing for no invitation, an unknown or malformed code, or a forged cookie', async () => {
    expect(await invitation()).toBeNull();
    expect(await invitation('?ref=zzzz9999')).toBeNull();
    expect(await invitation('?ref=%3Cscript%3E')).toBeNull();
    expect(
      await invitation('', `cb_ref=${referrer.referralCode}.1.${Math.floor(Date.now() / 1000)}.forged`),
    ).toBeNull();
  });

  it('paces look-ups per address: codes are public', async () => {
    // About what the app counts: an app of its own, on the same database and clock.
    app = await testApp(db(), {}, clock);
    for (let i = 0; i < 60; i++)
      expect((await app.inject(`/api/auth/invitation?ref=${referrer.referralCode}`)).statusCode).toBe(200);
    const res = await app.inject(`/api/auth/invitation?ref=${referrer.referralCode}`);
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({ error: expect.any(String), message: expect.stringContaining('Too many') });
  });

  it('refuses an over-long ref with a 400 in the usual shape', async () => {
    const res = await app.inject(`/api/auth/invitation?ref=${'a'.repeat(65)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
  });
});
