// The operator's demo console: the programme's clock moved forward, and refunds, disputes and
// cancellations played as signed Stripe events through the real webhook.
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accountBalances } from '../../src/db/queries/ledger.ts';
import { DAY_MS } from '../../src/domain/clock.ts';
import { type DemoClock, demoClock } from '../../src/services/demo-clock.ts';
import { testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { ADMIN_EMAIL, ping, testApp } from '../fixtures.ts';
import { as, signUp, type TestUser } from '../sessions.ts';

describeEachDb('/api/admin/demo', (db) => {
  let app: FastifyInstance;
  let clock: DemoClock;
  let operator: TestUser;
  let ana: TestUser;
  let bo: TestUser;
  const DEMO = { CALLBELL_DEMO: 'true', QUALIFY_MIN_VISITORS: '1' };
  // One app for the suite: the database is emptied between tests, and Ana and Bo sign up from
  // addresses of that test's own (two, so Bo's referral is not flagged as Ana's own), so the
  // sign-up limit per address (20 an hour, counted in the app) never carries over. Its demo
  // clock is never moved: the test that moves the programme's clock, which the clock keeps in
  // memory too, builds an app and a clock of its own, as do the tests of other configurations.
  let shared: FastifyInstance;
  let n = 0;
  beforeAll(async () => {
    clock = await demoClock(db());
    shared = await testApp(db(), DEMO, clock);
  });
  afterAll(() => shared.close());
  beforeEach(async () => {
    app = shared;
    n++;
    operator = await signUp(app, { email: ADMIN_EMAIL });
    ana = await signUp(app, { ip: `203.0.113.${100 + n}` });
    bo = await signUp(app, { ref: ana.referralCode, ip: `198.51.100.${100 + n}` });
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  const admin = (method: 'GET' | 'POST', url: string, payload?: object) =>
    as(app, operator)({ method, url, ...(payload ? { payload } : {}) });
  /** Bo takes Pro through the demo checkout: €49.00, 30 % of it (€14.70) for Ana. */
  const boPays = async () => {
    const start = await as(app, bo)({ method: 'POST', url: '/api/plan/checkout', payload: { plan: 'pro' } });
    const session = new URL(start.json().url).searchParams.get('session');
    const paid = await as(app, bo)({ method: 'POST', url: '/api/plan/demo/pay', payload: { session } });
    expect(paid.statusCode, paid.body).toBe(200);
    const invoices = (await admin('GET', '/api/admin/demo')).json().invoices;
    return invoices[0].id as string;
  };
  const anaBalances = () => accountBalances(db(), ana.id);

  it('exists only in the demo, and only for the operator', async () => {
    expect((await as(app, ana)({ method: 'GET', url: '/api/admin/demo' })).statusCode).toBe(403);
    app = await testApp(db(), {}, testClock());
    const res = await as(app, operator)({ method: 'GET', url: '/api/admin/demo' });
    expect(res.statusCode).toBe(404);
    expect(
      (await as(app, operator)({ method: 'POST', url: '/api/admin/demo/clock', payload: { days: 30 } })).statusCode,
    ).toBe(404);
  });

  it('lists paid invoices with what they earned, and refunds part of one inside the hold', async () => {
    const invoice = await boPays();
    const listed = (await admin('GET', '/api/admin/demo')).json();
    expect(listed.billing).toBe(true);
    expect(listed.invoices[0]).toMatchObject({
      email: bo.email,
      amountPaidCents: 4900,
      refundedCents: 0,
      disputeStatus: null,
      commissionCents: 1470,
      commissionState: 'pending',
    });
    expect(listed.subscriptions).toEqual([
      expect.objectContaining({ accountId: bo.id, plan: 'pro', status: 'active' }),
    ]);
    expect(await anaBalances()).toMatchObject({ pendingCents: 1470 });

    const refund = await admin('POST', `/api/admin/demo/invoices/${invoice}/refund`, { amountCents: 2450 });
    expect(refund.statusCode, refund.body).toBe(200);
    expect(refund.json()).toMatchObject({ refundedCents: 2450 });
    // Half refunded inside the hold: half the commission reversed.
    expect(await anaBalances()).toMatchObject({ pendingCents: 735, reversedCents: 735 });
    const tooMuch = await admin('POST', `/api/admin/demo/invoices/${invoice}/refund`, { amountCents: 2451 });
    expect(tooMuch.json()).toEqual({
      error: 'refund_too_large',
      message: 'Only €24.50 of this invoice is left to refund',
    });
    await admin('POST', `/api/admin/demo/invoices/${invoice}/refund`, { amountCents: 2450 });
    expect(await anaBalances()).toMatchObject({ pendingCents: 0, reversedCents: 1470 });
    expect((await admin('POST', '/api/admin/demo/invoices/in_nope/refund', { amountCents: 1 })).statusCode).toBe(404);
  });

  it('opens a dispute (the commission waits) and closes it won (given back) or lost', async () => {
    const invoice = await boPays();
    const step = (s: string) => admin('POST', `/api/admin/demo/invoices/${invoice}/dispute`, { step: s });
    expect((await step('won')).json()).toMatchObject({ error: 'no_open_dispute' });
    expect((await step('open')).json()).toMatchObject({ disputeStatus: 'needs_response' });
    expect(await anaBalances()).toMatchObject({ pendingCents: 0 });
    expect((await step('open')).json()).toMatchObject({ error: 'dispute_exists' });
    expect((await step('won')).json()).toMatchObject({ disputeStatus: 'won' });
    expect(await anaBalances()).toMatchObject({ pendingCents: 1470 });
    expect((await step('lost')).statusCode).toBe(409);
    expect((await step('sideways')).statusCode).toBe(400);
  });

  it('moves the programme’s clock: holds end, sessions live on, and a bounty needs its widget alive', async () => {
    // An app and a clock of its own: the move stays in the clock's memory after the test.
    const moving = await demoClock(db());
    app = await testApp(db(), DEMO, moving);
    // Bo's widget qualifies from a public page (one visitor is enough here): Ana's €10 bounty.
    await app.inject({
      method: 'POST',
      url: '/v1/pings',
      payload: ping(bo.widgetId, { url: 'https://florist.example.com/' }),
    });
    await app.pings.writer.flush();
    await boPays();
    expect(await anaBalances()).toMatchObject({ pendingCents: 2470 });
    const before = moving.now().getTime();
    const moved = await admin('POST', '/api/admin/demo/clock', { days: 30 });
    expect(moved.statusCode, moved.body).toBe(200);
    const body = moved.json();
    expect(body.skippedDays).toBe(30);
    expect(new Date(body.now).getTime() - before).toBeGreaterThanOrEqual(30 * DAY_MS);
    // Bo's subscription renewed (a second €14.70 for Ana, in its hold); the first commission is
    // available; the bounty is reversed: the widget was last seen 30 days ago.
    expect(body).toMatchObject({ renewed: 1, available: 1, reversed: 1 });
    expect(await anaBalances()).toMatchObject({ availableCents: 1470, pendingCents: 1470, reversedCents: 1000 });
    // The move is in the audit log, with what it did.
    const [record] = (await admin('GET', '/api/admin/audit?action=demo.advance')).json().records;
    expect(record).toMatchObject({
      action: 'demo.advance',
      subjectId: 'programme',
      details: { days: 30, renewed: 1, available: 1, reversed: 1 },
    });
    // Renewals are billed once, however often the clock is looked at.
    const listed = (await admin('GET', '/api/admin/demo')).json().invoices;
    expect(listed.map((i: { amountPaidCents: number }) => i.amountPaidCents)).toEqual([4900, 4900]);
    // Nobody was logged out by the jump, and the clock stays moved for the next start.
    expect((await as(app, ana)({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await demoClock(db())).offsetMs()).toBe(30 * DAY_MS);
    for (const days of [0, 91, 1.5]) {
      expect((await admin('POST', '/api/admin/demo/clock', { days })).statusCode).toBe(400);
    }
  });

  it('cancels a subscription as the billing portal would: the plan goes back to free', async () => {
    await boPays();
    const res = await admin('POST', `/api/admin/demo/accounts/${bo.id}/cancel`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ plan: 'free' });
    expect((await admin('GET', '/api/admin/demo')).json().subscriptions).toEqual([]);
    expect((await admin('POST', `/api/admin/demo/accounts/${bo.id}/cancel`)).statusCode).toBe(409);
  });

  describe('with Stripe as the billing provider', () => {
    it('leaves refunds and disputes to Stripe’s dashboard', async () => {
      app = await testApp(db(), { CALLBELL_DEMO: 'true', STRIPE_SECRET_KEY: 'sk_test_x' }, clock);
      const res = await admin('POST', '/api/admin/demo/invoices/in_1/refund', { amountCents: 100 });
      expect(res.statusCode).toBe(404);
      expect((await admin('GET', '/api/admin/demo')).json().billing).toBe(false);
    });
  });
});
