// The programme end to end, through the real routes only: a footer click, an attributed
// signup, an install, a subscription with invoices, the hold, a payout, a late refund, and
// the end of the subscription. Each step checks what the ambassador and the owner would see.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { listEntries } from '../../src/db/queries/ledger.ts';
import { balancesOf } from '../../src/domain/ledger.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { ADMIN_EMAIL, ping, testApp } from '../fixtures.ts';
import { as, signUp, type TestUser } from '../sessions.ts';
import { snippetPage, startSites, type TestSites } from '../sites.ts';
import { chargeRefunded, deliver, invoicePaid, subscriptionEvent } from '../stripe-events.ts';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';

describeEachDb('the programme end to end', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let sites: TestSites;
  beforeEach(async () => {
    clock = testClock('2026-01-05T09:00:00Z');
    sites = await startSites();
    app = await testApp(
      db(),
      {
        QUALIFY_MIN_VISITORS: '3',
        PING_RATE_PER_IP: '100000',
        SESSION_DAYS: '365',
        INSTALL_CHECK_ALLOW_LOOPBACK: 'true',
      },
      clock,
    );
  });
  afterEach(async () => {
    await app.close();
    await sites.close();
  });
  // Ben's site, served locally: the install check finds his snippet there.
  const bakery = () => sites.url('bakery.example.com', '/');

  const get = async (user: TestUser, url: string) => {
    const res = await as(app, user)({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const heartbeat = async (widgetId: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/pings',
      payload: ping(widgetId, { kind: 'heartbeat', url: bakery() }),
    });
    expect(res.statusCode).toBe(204);
  };
  const footerShown = async (widgetId: string) =>
    (await app.inject(`/v1/widgets/${widgetId}/config`)).json().branding.show as boolean;
  const delivered = async (event: Record<string, unknown>) => {
    const res = await deliver(app, event);
    expect(res.statusCode, res.body).toBe(200);
  };

  it('pays the ambassador what the rules say, once, and takes back what is refunded', async () => {
    const ana = await signUp(app, { email: 'ana@bakery-supplies.example', ip: '203.0.113.10' });
    const operator = await signUp(app, { email: ADMIN_EMAIL, ip: '192.0.2.1' });

    // A visitor of Ana's site clicks "⚡ by Callbell" and signs up as Ben.
    const footer = (await app.inject(`/v1/widgets/${ana.widgetId}/config`)).json().branding.href as string;
    const click = await app.inject({
      method: 'GET',
      url: new URL(footer).pathname + new URL(footer).search,
      headers: { 'user-agent': BROWSER },
      remoteAddress: '198.51.100.20',
    });
    expect(click.statusCode).toBe(302);
    clock.advanceDays(3);
    const ben = await signUp(app, {
      email: 'ben@bakery.example.com',
      cookie: `cb_ref=${click.cookies[0]?.value}`,
      ip: '198.51.100.20',
    });

    // Ben installs the widget: three visitors on his public site, which carries his snippet
    // (the platform checks). Ana earns the bounty, held.
    sites.page('bakery.example.com', snippetPage(ben.widgetId));
    for (let i = 0; i < 3; i++) {
      await app.inject({
        method: 'POST',
        url: '/v1/pings',
        payload: ping(ben.widgetId, { url: bakery() }),
      });
    }
    expect(await app.installChecks.run()).toMatchObject({ found: 1 });
    let rewards = await get(ana, '/api/rewards');
    expect(rewards.stats).toMatchObject({ signups: 1, installs: 1 });
    expect(rewards.balances).toMatchObject({ pendingCents: 1000, availableCents: 0 });

    // Ben takes the Pro plan, and may now hide the footer.
    const sub = { id: 'sub_ben', customer: 'cus_ben', accountId: ben.id, status: 'active', lookupKey: 'pro_monthly' };
    await delivered(subscriptionEvent('created', sub, clock.now()));
    const hide = await as(
      app,
      ben,
    )({ method: 'PATCH', url: `/api/widgets/${ben.widgetId}`, payload: { hideBranding: true } });
    expect(hide.statusCode, hide.body).toBe(200);
    expect(await footerShown(ben.widgetId)).toBe(false);

    // Two monthly invoices of €99 + 21 % VAT: 30 % of €99 each, net of tax. The first arrives twice.
    const invoice = (n: number) =>
      invoicePaid({
        id: `in_ben_${n}`,
        customer: 'cus_ben',
        accountId: ben.id,
        subscription: 'sub_ben',
        paidCents: 11_979,
        taxCents: 2079,
        paidAt: clock.now(),
        paymentIntent: `pi_ben_${n}`,
        legacy: true,
        charge: `ch_ben_${n}`,
      });
    const first = invoice(1);
    await delivered(first);
    await delivered(first);
    rewards = await get(ana, '/api/rewards');
    expect(rewards.balances).toMatchObject({ pendingCents: 1000 + 2970 });

    // 30 days on, Ben's widget is alive: both become available. Still under the €50 minimum.
    clock.advanceDays(28);
    await heartbeat(ben.widgetId);
    await delivered(invoice(2));
    clock.advanceDays(2);
    await app.ledger.tick();
    rewards = await get(ana, '/api/rewards');
    expect(rewards.balances).toMatchObject({ availableCents: 3970, pendingCents: 2970 });
    expect(rewards.payout).toMatchObject({ canRequest: false, missingCents: 1030 });
    const early = await as(
      app,
      ana,
    )({
      method: 'POST',
      url: '/api/payouts',
      payload: { method: 'paypal', email: 'ana@bakery-supplies.example' },
    });
    expect(early.statusCode).toBe(409);

    // The second invoice's hold ends: €69.40 available, requested by PayPal, paid by the operator.
    clock.advanceDays(30);
    await app.ledger.tick();
    const request = await as(
      app,
      ana,
    )({
      method: 'POST',
      url: '/api/payouts',
      payload: { method: 'paypal', email: 'ana@bakery-supplies.example' },
    });
    expect(request.statusCode, request.body).toBe(201);
    const payoutId = request.json().payout?.id ?? request.json().id;
    expect((await get(ana, '/api/rewards')).balances).toMatchObject({ availableCents: 0, processingCents: 6940 });
    const again = await as(
      app,
      ana,
    )({
      method: 'POST',
      url: '/api/payouts',
      payload: { method: 'paypal', email: 'ana@bakery-supplies.example' },
    });
    expect(again.statusCode).toBe(409);
    for (const [action, payload] of [
      ['approve', undefined],
      ['paid', { reference: 'PAYPAL-TXN-0001' }],
    ] as const) {
      const res = await as(
        app,
        operator,
      )({
        method: 'POST',
        url: `/api/admin/payouts/${payoutId}/${action}`,
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect((await get(ana, '/api/rewards')).balances).toMatchObject({ paidCents: 6940, availableCents: 0 });

    // Ben's first invoice is refunded in full after it was paid out: a clawback, with its reason.
    await delivered(
      chargeRefunded(
        { charge: 'ch_ben_1', paymentIntent: 'pi_ben_1', amountCents: 11_979, refundedCents: 11_979 },
        clock.now(),
      ),
    );
    rewards = await get(ana, '/api/rewards');
    expect(rewards.balances).toMatchObject({ paidCents: 6940, availableCents: -2970, clawedBackCents: 2970 });
    const entries = (await get(ana, '/api/rewards/entries')).entries as { kind: string; description: string }[];
    expect(entries.find((e) => e.kind === 'clawback')?.description).toMatch(/refund/i);

    // Ben cancels: the footer comes back, and an invoice paid after the end earns nothing.
    clock.advanceDays(5);
    await delivered(subscriptionEvent('deleted', { ...sub, status: 'canceled', endedAt: clock.now() }, clock.now()));
    expect(await footerShown(ben.widgetId)).toBe(true);
    clock.advanceDays(1);
    await delivered(invoice(3));
    expect((await get(ana, '/api/rewards')).balances.pendingCents).toBe(0);

    // Whatever happened, the balances are the sum of the entries, and nothing was paid twice.
    const all = await listEntries(db(), ana.id, 1000);
    expect((await get(ana, '/api/rewards')).balances).toEqual(balancesOf(all));
    const paidKeys = all.filter((e) => e.state === 'paid').map((e) => e.sourceKey);
    expect(new Set(paidKeys).size).toBe(paidKeys.length);
    expect(all.filter((e) => e.kind === 'commission')).toHaveLength(2);
    // The operator's own view: Ben's referral and nobody else's money moved.
    expect((await get(ben, '/api/rewards')).balances).toMatchObject({ availableCents: 0, paidCents: 0 });
  });
});
