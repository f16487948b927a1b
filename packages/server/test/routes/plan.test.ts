import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listEntries } from '../../src/db/queries/ledger.ts';
import { demoSessionToken } from '../../src/services/demo-billing.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { testApp } from '../fixtures.ts';
import { as, signUp, type TestUser } from '../sessions.ts';

const SECRET = 'test-secret-that-is-at-least-32-characters';

describeEachDb('/api/plan with the demo provider', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let referrer: TestUser;
  let owner: TestUser;
  // One app for the suite, its clock set back before each test (as billing.test.ts does): the
  // database is emptied between tests, and each test signs its two accounts up from addresses
  // of their own, so the sign-up limit per address never carries over.
  let n = 0;
  beforeAll(async () => {
    clock = testClock('2026-03-01T10:00:00Z');
    app = await testApp(db(), {}, clock);
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    clock.set('2026-03-01T10:00:00Z');
    n++;
    referrer = await signUp(app, { ip: `203.0.113.${n}` });
    owner = await signUp(app, { ref: referrer.referralCode, ip: `198.51.100.${100 + n}` });
  });

  const plan = async (user = owner) => {
    const res = await as(app, user)({ method: 'GET', url: '/api/plan' });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const checkout = (body: unknown, user = owner) =>
    as(app, user)({ method: 'POST', url: '/api/plan/checkout', payload: body as Record<string, unknown> });
  const tokenOf = (url: string) => {
    const u = new URL(url);
    expect(u.origin + u.pathname).toBe('https://app.callbell.test/app/plan/checkout');
    return u.searchParams.get('session') ?? '';
  };
  const pay = (session: string, user = owner) =>
    as(app, user)({ method: 'POST', url: '/api/plan/demo/pay', payload: { session } });
  const commissions = async () =>
    (await listEntries(db(), referrer.id)).filter((e) => e.kind === 'commission').map((e) => e.amountCents);

  it('answers the plan, the provider, the offers and no subscription for a new account', async () => {
    expect(await plan()).toEqual({
      plan: 'free',
      provider: 'demo',
      plans: [
        expect.objectContaining({ id: 'free', name: 'Free', priceCents: 0, hidesFooter: false, currency: 'eur' }),
        expect.objectContaining({ id: 'pro', name: 'Pro', priceCents: 4900, hidesFooter: true, interval: 'month' }),
        expect.objectContaining({ id: 'business', name: 'Business', priceCents: 9900, hidesFooter: true }),
      ],
      subscription: null,
      canManageBilling: false,
    });
  });

  it('needs a session and the CSRF token', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/plan' })).statusCode).toBe(401);
    const res = await app.inject({
      method: 'POST',
      url: '/api/plan/checkout',
      payload: { plan: 'pro' },
      headers: { cookie: owner.cookie },
    });
    expect(res.statusCode).toBe(403);
  });

  it('pays a checkout: the plan becomes pro and the referrer earns 30 %', async () => {
    const res = await checkout({ plan: 'pro' });
    expect(res.statusCode, res.body).toBe(200);
    const token = tokenOf(res.json().url);
    const shown = await as(app, owner)({ method: 'GET', url: `/api/plan/demo/session?session=${token}` });
    expect(shown.json()).toEqual({ plan: 'pro', name: 'Pro', priceCents: 4900, expiresAt: '2026-03-01T10:30:00.000Z' });
    const paid = await pay(token);
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toEqual({ plan: 'pro', alreadyPaid: false });
    expect(await plan()).toMatchObject({
      plan: 'pro',
      subscription: { plan: 'pro', status: 'active', startedAt: '2026-03-01T10:00:00.000Z', endedAt: null },
      canManageBilling: true,
    });
    expect(await commissions()).toEqual([1470]);
    const { rows } = await db().query<{ n: number }>('select count(*)::int as n from billing_events');
    expect(rows[0]?.n).toBe(3);
  });

  it('paying one session twice doubles nothing', async () => {
    const token = tokenOf((await checkout({ plan: 'business' })).json().url);
    expect((await pay(token)).json()).toEqual({ plan: 'business', alreadyPaid: false });
    const again = await pay(token);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ plan: 'business', alreadyPaid: true });
    expect(await commissions()).toEqual([2970]);
    const { rows } = await db().query<{ n: number }>('select count(*)::int as n from subscriptions');
    expect(rows[0]?.n).toBe(1);
  });

  it('pays one of two checkouts opened side by side, and refuses the other: one subscription', async () => {
    const first = tokenOf((await checkout({ plan: 'pro' })).json().url);
    const second = tokenOf((await checkout({ plan: 'business' })).json().url);
    expect((await pay(first)).json()).toEqual({ plan: 'pro', alreadyPaid: false });
    const refused = await pay(second);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({
      error: 'already_subscribed',
      message: 'You already pay for a plan: change it under Manage billing',
    });
    expect(await commissions()).toEqual([1470]);
    // The first is still a harmless replay.
    expect((await pay(first)).json()).toEqual({ plan: 'pro', alreadyPaid: true });
  });

  it('refuses a tampered, forged, expired or someone else’s token with 400', async () => {
    const token = tokenOf((await checkout({ plan: 'pro' })).json().url);
    const [body, sig] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const tampered = `${Buffer.from(JSON.stringify({ ...claims, p: 'business' })).toString('base64url')}.${sig}`;
    const forged = demoSessionToken('another-secret-that-is-32-characters-long', {
      accountId: owner.id,
      plan: 'pro',
      now: clock.now(),
    });
    for (const bad of [tampered, forged, 'garbage', `${body}.${sig}.x`]) {
      const res = await pay(bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error).toBe('invalid_session');
    }
    expect((await pay(token, referrer)).statusCode).toBe(400);
    clock.advanceMs(31 * 60_000);
    const late = await pay(token);
    expect(late.statusCode).toBe(400);
    expect(late.json().message).toMatch(/expired/);
    expect((await plan()).plan).toBe('free');
    expect(await commissions()).toEqual([]);
  });

  it('400 for an unknown plan, 409 for the plan already held or another paid one', async () => {
    const unknown = await checkout({ plan: 'enterprise' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toBe('unknown_plan');
    expect((await checkout({ plan: 'free' })).statusCode).toBe(400);
    await pay(tokenOf((await checkout({ plan: 'pro' })).json().url));
    const same = await checkout({ plan: 'pro' });
    expect(same.statusCode).toBe(409);
    expect(same.json().error).toBe('already_on_plan');
    expect((await checkout({ plan: 'business' })).json().error).toBe('change_in_portal');
  });

  it('the demo portal cancels through the webhook: the plan goes back to free', async () => {
    const noCustomer = await as(app, owner)({ method: 'POST', url: '/api/plan/portal' });
    expect(noCustomer.statusCode).toBe(409);
    await pay(tokenOf((await checkout({ plan: 'pro' })).json().url));
    const portal = await as(app, owner)({ method: 'POST', url: '/api/plan/portal' });
    expect(portal.json()).toEqual({ url: 'https://app.callbell.test/app/plan/portal' });
    clock.advanceMs(60_000);
    const cancel = await as(app, owner)({ method: 'POST', url: '/api/plan/demo/cancel' });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json()).toEqual({ plan: 'free' });
    expect(await plan()).toMatchObject({
      plan: 'free',
      subscription: { plan: 'pro', status: 'canceled', endedAt: '2026-03-01T10:01:00.000Z' },
    });
    const again = await as(app, owner)({ method: 'POST', url: '/api/plan/demo/cancel' });
    expect(again.statusCode).toBe(409);
    // the commission on the invoice paid while subscribed stays
    expect(await commissions()).toEqual([1470]);
  });
});

describeEachDb('/api/plan without a provider', (db) => {
  let app: FastifyInstance;
  afterEach(() => app.close());

  it('production without a Stripe key: shows the plan, refuses checkout with 503', async () => {
    app = await testApp(db(), {
      NODE_ENV: 'production',
      COOKIE_SECRET: SECRET.replace('test', 'prod'),
      PAYOUT_ENCRYPTION_KEY: 'a'.repeat(64),
      SMTP_URL: 'smtp://127.0.0.1:9',
    });
    const owner = await signUp(app);
    expect((await as(app, owner)({ method: 'GET', url: '/api/plan' })).json()).toMatchObject({
      plan: 'free',
      provider: null,
    });
    const res = await as(app, owner)({ method: 'POST', url: '/api/plan/checkout', payload: { plan: 'pro' } });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: 'billing_not_configured' });
    const pay = await as(app, owner)({ method: 'POST', url: '/api/plan/demo/pay', payload: { session: 'x.y' } });
    expect(pay.statusCode).toBe(503);
  });

  it('the demo provider without a webhook secret says so (503)', async () => {
    app = await testApp(db(), { STRIPE_WEBHOOK_SECRET: '' });
    const owner = await signUp(app);
    const url = (await as(app, owner)({ method: 'POST', url: '/api/plan/checkout', payload: { plan: 'pro' } })).json()
      .url as string;
    const session = new URL(url).searchParams.get('session');
    const res = await as(app, owner)({ method: 'POST', url: '/api/plan/demo/pay', payload: { session } });
    expect(res.statusCode).toBe(503);
    expect(res.json().message).toMatch(/STRIPE_WEBHOOK_SECRET/);
  });
});

describe('demo tokens', () => {
  it('are unique per session', () => {
    const now = new Date();
    const a = demoSessionToken(SECRET, { accountId: 'acc_1', plan: 'pro', now });
    const b = demoSessionToken(SECRET, { accountId: 'acc_1', plan: 'pro', now });
    expect(a).not.toBe(b);
  });
});
