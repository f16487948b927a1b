import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDb } from '../databases.ts';
import { testApp } from '../fixtures.ts';
import { as, signUp, type TestUser } from '../sessions.ts';

interface Asked {
  method: string;
  path: string;
  query: URLSearchParams;
  body: URLSearchParams;
}

/** A stand-in for api.stripe.com: records each request the SDK makes, answers Stripe-shaped JSON. */
function fakeStripe() {
  const asked: Asked[] = [];
  const prices = [
    { id: 'price_pro', object: 'price', lookup_key: 'pro_monthly', unit_amount: 4900, currency: 'eur', active: true },
    {
      id: 'price_biz',
      object: 'price',
      lookup_key: 'business_monthly',
      unit_amount: 9900,
      currency: 'eur',
      active: true,
    },
  ];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stripe.test');
      asked.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        body: new URLSearchParams(raw),
      });
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_test' });
        res.end(JSON.stringify(json));
      };
      if (req.method === 'GET' && url.pathname === '/v1/prices') {
        // the SDK sends lookup_keys[0]=…&lookup_keys[1]=…
        const keys = [...url.searchParams.entries()].filter(([k]) => k.startsWith('lookup_keys')).map(([, v]) => v);
        const data = prices.filter((p) => keys.includes(p.lookup_key));
        return send(200, { object: 'list', data, has_more: false, url: '/v1/prices' });
      }
      if (url.pathname === '/v1/customers') return send(200, { id: 'cus_new', object: 'customer' });
      if (url.pathname === '/v1/checkout/sessions') {
        return send(200, {
          id: 'cs_test_1',
          object: 'checkout.session',
          url: 'https://checkout.stripe.com/c/pay/cs_test_1',
        });
      }
      if (url.pathname === '/v1/billing_portal/sessions') {
        return send(200, {
          id: 'bps_1',
          object: 'billing_portal.session',
          url: 'https://billing.stripe.com/p/session/bps_1',
        });
      }
      send(404, { error: { type: 'invalid_request_error', message: `No such route ${url.pathname}` } });
    });
  });
  return { asked, server, prices };
}

describeEachDb('/api/plan with Stripe', (db) => {
  const stripe = fakeStripe();
  let base = '';
  let app: FastifyInstance;
  let owner: TestUser;
  // One app for the suite (as payouts.test.ts does): the database is emptied between tests, the
  // owner signs up from an address of that test's own, so the sign-up limit per address never
  // carries over, and checkout and the portal ask Stripe afresh each time. GET /api/plan keeps
  // Stripe's prices in memory for five minutes: the test that sees it ask for them builds an app
  // of its own, as does the one with another price's lookup key.
  let shared: FastifyInstance;
  let n = 0;
  const env = () => ({ STRIPE_SECRET_KEY: 'sk_test_offline', STRIPE_API_BASE: base });
  beforeAll(async () => {
    await new Promise<void>((resolve) => stripe.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(stripe.server.address() as AddressInfo).port}`;
    shared = await testApp(db(), env());
  });
  afterAll(async () => {
    await shared?.close();
    await new Promise<void>((resolve) => stripe.server.close(() => resolve()));
  });
  beforeEach(async () => {
    stripe.asked.length = 0;
    app = shared;
    n++;
    owner = await signUp(app, { ip: `203.0.113.${100 + n}` });
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  const post = (url: string, payload?: Record<string, unknown>) =>
    as(app, owner)({ method: 'POST', url, ...(payload ? { payload } : {}) });
  const writes = () => stripe.asked.filter((a) => a.method === 'POST');

  it('shows Stripe’s prices and says Stripe is the provider', async () => {
    // The prices an app has asked for are kept in its memory: an app of its own, which has not.
    // The owner's session is in the database, and holds on it.
    app = await testApp(db(), env());
    const res = await as(app, owner)({ method: 'GET', url: '/api/plan' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      provider: 'stripe',
      plans: [
        { id: 'free', priceCents: 0 },
        { id: 'pro', priceCents: 4900 },
        { id: 'business', priceCents: 9900 },
      ],
    });
    const [list] = stripe.asked;
    expect(list?.path).toBe('/v1/prices');
    expect([...(list?.query.values() ?? [])]).toEqual(expect.arrayContaining(['pro_monthly', 'business_monthly']));
  });

  it('checkout: finds the price by lookup key, creates the customer once, asks for a subscription session', async () => {
    const res = await post('/api/plan/checkout', { plan: 'business' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ url: 'https://checkout.stripe.com/c/pay/cs_test_1' });
    expect(stripe.asked.map((a) => `${a.method} ${a.path}`)).toEqual([
      'GET /v1/prices',
      'POST /v1/customers',
      'POST /v1/checkout/sessions',
    ]);
    const [priceList, customer, session] = stripe.asked as [Asked, Asked, Asked];
    expect([...priceList.query.values()]).toContain('business_monthly');
    expect(Object.fromEntries(customer.body)).toEqual({ email: owner.email, 'metadata[account_id]': owner.id });
    expect(Object.fromEntries(session.body)).toEqual({
      mode: 'subscription',
      customer: 'cus_new',
      client_reference_id: owner.id,
      'line_items[0][price]': 'price_biz',
      'line_items[0][quantity]': '1',
      'subscription_data[metadata][account_id]': owner.id,
      'subscription_data[metadata][plan]': 'business',
      'metadata[account_id]': owner.id,
      'metadata[plan]': 'business',
      success_url: 'https://app.callbell.test/app/plan?checkout=done',
      cancel_url: 'https://app.callbell.test/app/plan?checkout=cancelled',
    });
    // A second checkout reuses the customer.
    stripe.asked.length = 0;
    await post('/api/plan/checkout', { plan: 'pro' });
    expect(writes().map((a) => a.path)).toEqual(['/v1/checkout/sessions']);
    expect(writes()[0]?.body.get('customer')).toBe('cus_new');
    expect(writes()[0]?.body.get('line_items[0][price]')).toBe('price_pro');
  });

  it('the portal: a Billing Portal session for the account’s customer, back to /app/plan', async () => {
    const none = await post('/api/plan/portal');
    expect(none.statusCode).toBe(409);
    expect(none.json().error).toBe('no_customer');
    await post('/api/plan/checkout', { plan: 'pro' });
    stripe.asked.length = 0;
    const res = await post('/api/plan/portal');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ url: 'https://billing.stripe.com/p/session/bps_1' });
    expect(stripe.asked.map((a) => [a.path, Object.fromEntries(a.body)])).toEqual([
      ['/v1/billing_portal/sessions', { customer: 'cus_new', return_url: 'https://app.callbell.test/app/plan' }],
    ]);
  });

  it('a lookup key Stripe does not know: 503 naming it; the demo routes are not there', async () => {
    app = await testApp(db(), { ...env(), STRIPE_PRICE_PRO: 'pro_yearly' });
    owner = await signUp(app);
    const res = await post('/api/plan/checkout', { plan: 'pro' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: 'price_missing', message: expect.stringContaining('pro_yearly') });
    expect(writes()).toEqual([]);
    expect((await post('/api/plan/demo/pay', { session: 'a.b' })).statusCode).toBe(404);
  });
});
