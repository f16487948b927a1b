import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { migrate, readMigrations } from '../../src/db/migrate.ts';
import { accountBalances, listEntries } from '../../src/db/queries/ledger.ts';
import { addDays } from '../../src/domain/clock.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb, emptyPglite } from '../databases.ts';
import { ADMIN_EMAIL, testApp } from '../fixtures.ts';
import { as, PASSWORD, signUp, type TestUser } from '../sessions.ts';
import {
  chargeRefunded,
  type DisputeEventType,
  deliver,
  disputeCreated,
  disputeEvent,
  event,
  type InvoiceInput,
  invoicePaid,
  invoicePaymentPaid,
  type StripeJson,
  signatureFor,
  subscriptionEvent,
} from '../stripe-events.ts';

const count = async (db: Db, table: string) =>
  (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]?.n;

describeEachDb('POST /api/billing/stripe', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let referrer: TestUser;
  let referee: TestUser;
  let n = 0;
  // One app for the suite, its clock set back before each test: the database is emptied between
  // tests (describeEachDb), and each test signs up from addresses of its own (none of them an
  // address a test signs someone else up from), so the sign-up limit per address (20 an hour)
  // never carries over. A test that needs other settings builds its own app and closes it.
  let shared: FastifyInstance;
  beforeAll(async () => {
    clock = testClock('2026-03-01T10:00:00Z');
    shared = await testApp(db(), {}, clock);
  });
  afterAll(() => shared.close());
  beforeEach(async () => {
    clock.set('2026-03-01T10:00:00Z');
    app = shared;
    n++;
    referrer = await signUp(app, { ip: `203.0.113.${n}` });
    referee = await signUp(app, { ref: referrer.referralCode, ip: `198.51.100.${100 + n}` });
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  const ok = async (e: Record<string, unknown> | string, outcome = 'applied') => {
    const res = await deliver(app, e);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ received: true, outcome });
    return res;
  };
  const entries = async () =>
    (await listEntries(db(), referrer.id)).map((e) => [e.kind, e.amountCents, e.state] as const).reverse();
  const invoice = (over: Partial<InvoiceInput> = {}): InvoiceInput => ({
    id: `in_${n}`,
    customer: `cus_${n}`,
    accountId: referee.id,
    subscription: `sub_${n}`,
    paidCents: 10_000,
    paidAt: clock.now(),
    paymentIntent: `pi_${n}`,
    ...over,
  });
  /** A paid invoice in the current shape, with its payment link, as Stripe sends both. */
  const pay = async (over: Partial<InvoiceInput> = {}) => {
    const i = invoice(over);
    await ok(invoicePaid(i));
    if (i.paymentIntent) await ok(invoicePaymentPaid(i.id, i.paymentIntent, clock.now()));
    return i;
  };
  const refund = (refundedCents: number, i = invoice()) =>
    chargeRefunded(
      { charge: `ch_${n}`, paymentIntent: i.paymentIntent, amountCents: i.paidCents, refundedCents },
      clock.now(),
    );

  describe('signature', () => {
    it('refuses a body signed with another secret, storing nothing', async () => {
      const res = await deliver(app, invoicePaid(invoice()), { secret: 'whsec_someone_else' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid_signature' });
      expect(await count(db(), 'billing_events')).toBe(0);
      expect(await entries()).toEqual([]);
    });

    it('refuses a body changed after signing', async () => {
      const signed = JSON.stringify(invoicePaid(invoice()));
      const res = await app.inject({
        method: 'POST',
        url: '/api/billing/stripe',
        payload: signed.replace('"amount_paid":10000', '"amount_paid":99999'),
        headers: { 'content-type': 'application/json', 'stripe-signature': signatureFor(signed, clock.now()) },
      });
      expect(res.json()).toMatchObject({ error: 'invalid_signature' });
      expect(await count(db(), 'invoices')).toBe(0);
    });

    it('refuses a missing signature', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/billing/stripe',
        payload: invoicePaid(invoice()),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'missing_signature' });
    });

    it('refuses a stale timestamp, judged by the app’s clock', async () => {
      const e = invoicePaid(invoice());
      const stale = await deliver(app, e, { signedAt: new Date(clock.now().getTime() - 301_000) });
      expect(stale.statusCode).toBe(400);
      expect(stale.json()).toMatchObject({ error: 'stale_signature' });
      clock.advanceDays(90); // a clock that moved: signed now, it is fresh
      await ok(e);
    });

    it('answers 503 when no signing secret is configured', async () => {
      const bare = await testApp(db(), { STRIPE_WEBHOOK_SECRET: '' }, clock);
      try {
        const res = await deliver(bare, invoicePaid(invoice()));
        expect(res.statusCode).toBe(503);
        expect(res.json()).toMatchObject({ error: 'billing_not_configured' });
      } finally {
        await bare.close();
      }
    });

    it('refuses what is not a JSON Stripe event: too large, wrong type, not JSON, not an event', async () => {
      const big = { ...invoicePaid(invoice()), padding: 'x'.repeat(300 * 1024) };
      expect((await deliver(app, big)).statusCode).toBe(413);
      const text = await app.inject({
        method: 'POST',
        url: '/api/billing/stripe',
        payload: 'hello',
        headers: { 'content-type': 'text/plain', 'stripe-signature': signatureFor('hello', clock.now()) },
      });
      expect(text.statusCode).toBe(415);
      const garbage = '{"id": "evt_1", ';
      const notJson = await app.inject({
        method: 'POST',
        url: '/api/billing/stripe',
        payload: garbage,
        headers: { 'content-type': 'application/json', 'stripe-signature': signatureFor(garbage, clock.now()) },
      });
      expect(notJson.statusCode).toBe(400);
      expect(notJson.json()).toMatchObject({ error: 'invalid_json' });
      const notEvent = await deliver(app, { id: 'evt_x', object: 'event' });
      expect(notEvent.statusCode).toBe(400);
      expect(notEvent.json()).toMatchObject({ error: 'invalid_event' });
      const farFuture = { ...invoicePaid(invoice()), created: 1e15 }; // no Date can hold it
      expect((await deliver(app, farFuture)).json()).toMatchObject({ error: 'invalid_event' });
      const noAmount = invoicePaid(invoice());
      delete ((noAmount.data as { object: Record<string, unknown> }).object as Record<string, unknown>).amount_paid;
      expect((await deliver(app, noAmount)).json()).toMatchObject({ error: 'invalid_event' });
      expect(await count(db(), 'billing_events')).toBe(0);
    });

    it('is in the OpenAPI document', async () => {
      const doc = (await app.inject('/openapi.json')).json();
      expect(doc.paths['/api/billing/stripe'].post.responses).toHaveProperty('200');
    });

    it('stores the event with the provider’s time and the time it was received', async () => {
      const e = invoicePaid(invoice(), addDays(clock.now(), -2));
      clock.advanceDays(1);
      await ok(e);
      const { rows } = await db().query<{ id: string; type: string; createdAt: Date; receivedAt: Date }>(
        'select id, type, created_at as "createdAt", received_at as "receivedAt" from billing_events',
      );
      expect(rows).toEqual([
        { id: e.id, type: 'invoice.paid', createdAt: addDays(clock.now(), -3), receivedAt: clock.now() },
      ]);
    });

    it('keeps an event whose customer-entered text holds a NUL, which jsonb cannot store', async () => {
      const e = invoicePaid(invoice());
      ((e.data as { object: Record<string, unknown> }).object as Record<string, unknown>).customer_name =
        'Ana\u0000 López';
      await ok(e);
      const { rows } = await db().query<{ name: string }>(
        `select payload #>> '{data,object,customer_name}' as name from billing_events`,
      );
      expect(rows).toEqual([{ name: 'Ana\ufffd López' }]);
      expect(await entries()).toEqual([['commission', 3000, 'pending']]);
    });

    it('keeps an event whose customer-entered text holds a lone surrogate, which jsonb cannot store', async () => {
      const e = invoicePaid(invoice());
      ((e.data as { object: Record<string, unknown> }).object as Record<string, unknown>).customer_name =
        'Ana\ud800 López \udc00 \ud83d\ude00';
      await ok(e);
      const { rows } = await db().query<{ name: string }>(
        `select payload #>> '{data,object,customer_name}' as name from billing_events`,
      );
      expect(rows).toEqual([{ name: 'Ana\ufffd López \ufffd \ud83d\ude00' }]);
      expect(await entries()).toEqual([['commission', 3000, 'pending']]);
    });

    it('keeps and applies an event whose ids hold a NUL or a lone surrogate, which text columns refuse or change', async () => {
      await ok(invoicePaid(invoice({ id: `in_${n}\u0000`, customer: `cus_${n}\ud800` })));
      const { rows } = await db().query<{ id: string; customer: string }>(
        `select i.id, c.customer_id as customer from invoices i join billing_customers c using (account_id)`,
      );
      expect(rows).toEqual([{ id: `in_${n}\ufffd`, customer: `cus_${n}\ufffd` }]);
      expect(await entries()).toEqual([['commission', 3000, 'pending']]);
    });

    /** An invoice.paid event's text with `depth` levels of `shape` in a field nothing reads. */
    const deepInvoice = (depth: number, shape: 'object' | 'array', i = invoice()) => {
      // Written as text: JSON.stringify itself cannot go that deep.
      const [open, close] = shape === 'object' ? ['{"a":', '}'] : ['[', ']'];
      const deep = `${open.repeat(depth)}"bottom"${close.repeat(depth)}`;
      const text = JSON.stringify(invoicePaid(i)).replace('"object":"invoice",', `"object":"invoice","deep":${deep},`);
      expect(text).toContain('"bottom"');
      return text;
    };

    it.each([
      [10_000, 'object'],
      [40_000, 'object'], // about as deep as the size limit lets it be
      [120_000, 'array'],
    ] as const)('keeps an event nested %i levels deep (%s)', async (depth, shape) => {
      await ok(deepInvoice(depth, shape));
      expect(await count(db(), 'billing_events')).toBe(1);
      expect(await entries()).toEqual([['commission', 3000, 'pending']]);
      expect((await app.inject('/health')).statusCode).toBe(200);
    });

    it('applies a deep event kept for an unknown customer once the customer is linked', async () => {
      await ok(deepInvoice(10_000, 'object', invoice({ accountId: null })), 'unmatched');
      await ok(
        event(
          'customer.created',
          { id: `cus_${n}`, object: 'customer', metadata: { account_id: referee.id } },
          clock.now(),
        ),
      );
      expect(await entries()).toEqual([['commission', 3000, 'pending']]);
    });

    it('leaves the other routes’ JSON parsing alone', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: referee.email, password: 'correct horse battery staple' },
      });
      expect(res.statusCode).toBe(200);
    });
  });

  describe('commission on a paid invoice', () => {
    it.each([
      { name: 'no tax', paid: 4900, tax: 0, commission: 1470 },
      { name: '21 % VAT excluded from the base', paid: 5929, tax: 1029, commission: 1470 },
      { name: 'rounds half up (300.3)', paid: 1001, tax: 0, commission: 300 },
      { name: 'rounds half up (301.5)', paid: 1005, tax: 0, commission: 302 },
      { name: 'rounds half up (0.5)', paid: 2, tax: 0, commission: 1 },
    ])('$name: $paid paid, $tax tax → $commission', async ({ paid, tax, commission }) => {
      await pay({ paidCents: paid, taxCents: tax });
      const [entry] = await listEntries(db(), referrer.id);
      expect(entry).toMatchObject({
        kind: 'commission',
        amountCents: commission,
        state: 'pending',
        sourceKey: `commission:in_${n}`,
        invoiceId: `in_${n}`,
        reason: `30 % of invoice in_${n}`,
      });
      expect(entry?.holdUntil?.toISOString()).toBe(addDays(clock.now(), 30).toISOString());
    });

    it('reads the pre-2025 invoice shape (subscription, tax, charge on the invoice)', async () => {
      await ok(invoicePaid(invoice({ legacy: true, paidCents: 12_100, taxCents: 2100, charge: `ch_${n}` })));
      expect(await entries()).toEqual([['commission', 3000, 'pending']]);
      const { rows } = await db().query('select charge_id, tax_cents from invoices');
      expect(rows).toEqual([{ charge_id: `ch_${n}`, tax_cents: 2100 }]);
    });

    it('counts only the paid share of the tax when credit paid part of the invoice', async () => {
      await pay({ totalCents: 12_100, taxCents: 2100, paidCents: 6050 }); // net paid 5000
      expect(await entries()).toEqual([['commission', 1500, 'pending']]);
    });

    it.each([
      { name: 'a zero-amount invoice', over: { paidCents: 0 } },
      { name: 'a commission that rounds to zero', over: { paidCents: 1 } },
      { name: 'an invoice in another currency', over: { currency: 'usd' } },
      { name: 'an invoice of no subscription', over: { subscription: null } },
    ])('earns nothing on $name', async ({ over }) => {
      await pay(over);
      expect(await entries()).toEqual([]);
      expect(await count(db(), 'invoices')).toBe(1);
    });

    it('uses the rate copied onto the referral at signup, not today’s', async () => {
      app = await testApp(db(), { COMMISSION_RATE_BPS: '5000' }, clock);
      await pay({ paidCents: 10_000 });
      expect(await entries()).toEqual([['commission', 3000, 'pending']]);
    });

    it('waits on hold when the referral is flagged, and earns nothing when it was rejected', async () => {
      await db().query(`update referrals set review = 'flagged' where referee_id = $1`, [referee.id]);
      await pay();
      expect(await entries()).toEqual([['commission', 3000, 'on_hold']]);
      const rejected = await signUp(app, { ref: referrer.referralCode, ip: '198.51.100.78' });
      await db().query(`update referrals set review = 'rejected' where referee_id = $1`, [rejected.id]);
      await pay({ id: `in_r${n}`, customer: `cus_r${n}`, accountId: rejected.id, paymentIntent: `pi_r${n}` });
      expect(await entries()).toEqual([['commission', 3000, 'on_hold']]);
    });

    it('earns nothing for an account nobody referred', async () => {
      const loner = await signUp(app, { ip: '198.51.100.79' });
      await pay({ accountId: loner.id });
      expect(await count(db(), 'ledger_entries')).toBe(0);
      expect(await count(db(), 'invoices')).toBe(1);
    });

    it('counts a replay once, even two deliveries at the same moment', async () => {
      const e = invoicePaid(invoice());
      const [a, b] = await Promise.all([deliver(app, e), deliver(app, e)]);
      expect([a.json().outcome, b.json().outcome].sort()).toEqual(['applied', 'duplicate']);
      await ok(e, 'duplicate');
      await ok(invoicePaid(invoice())); // the same invoice under a new event id
      expect(await entries()).toEqual([['commission', 3000, 'pending']]);
      expect(await count(db(), 'billing_events')).toBe(2);
    });

    it('stores an unknown event type and answers 200', async () => {
      await ok(event('customer.tax_id.created', { id: 'txi_1', object: 'tax_id' }, clock.now()), 'ignored');
      expect(await count(db(), 'billing_events')).toBe(1);
    });
  });

  describe('refunds and disputes', () => {
    it('reverses proportionally across partial refunds, never counting a replay or a late one twice', async () => {
      await pay({ paidCents: 999 }); // commission 300 (299.7 half up)
      const steps: [number, string[]][] = [
        [333, ['commission 300', 'reversal -100']],
        [666, ['commission 300', 'reversal -100', 'reversal -100']],
        [333, ['commission 300', 'reversal -100', 'reversal -100']], // older event arriving late
        [666, ['commission 300', 'reversal -100', 'reversal -100']], // a replay under a new id
        [999, ['commission 300', 'reversal -100', 'reversal -100', 'reversal -100']],
      ];
      for (const [refunded, expected] of steps) {
        await ok(refund(refunded, invoice({ paidCents: 999 })));
        expect((await entries()).map(([k, c]) => `${k} ${c}`)).toEqual(expected);
      }
      expect((await entries()).every(([, , state]) => state === 'reversed')).toBe(true);
      expect(await accountBalances(db(), referrer.id)).toMatchObject({ pendingCents: 0, reversedCents: 300 });
      const [latest] = await listEntries(db(), referrer.id);
      expect(latest?.reason).toBe(`Refund on invoice in_${n} (€9.99 refunded)`);
    });

    it('inside the hold: a reversal that matures with its commission', async () => {
      await pay();
      await ok(refund(4000));
      expect(await entries()).toEqual([
        ['commission', 3000, 'pending'],
        ['reversal', -1200, 'pending'],
      ]);
      clock.advanceDays(30);
      await app.ledger.tick();
      expect(await accountBalances(db(), referrer.id)).toMatchObject({
        pendingCents: 0,
        availableCents: 1800,
      });
    });

    it('after the hold: a clawback, available at once, with its reason', async () => {
      await pay();
      clock.advanceDays(30);
      await app.ledger.tick();
      await ok(refund(5000));
      const list = await listEntries(db(), referrer.id);
      expect(list[0]).toMatchObject({ kind: 'clawback', amountCents: -1500, state: 'available' });
      expect(list[0]?.reason).toBe(`Refund on invoice in_${n} (€50.00 refunded)`);
      expect(await accountBalances(db(), referrer.id)).toMatchObject({ availableCents: 1500, clawedBackCents: 1500 });
    });

    it('after the hold, with a payout open: the clawback stays outside it; the operator is warned and cannot approve it', async () => {
      const big = invoice({ paidCents: 20_000 });
      await pay({ paidCents: 20_000 });
      clock.advanceDays(30);
      await app.ledger.tick();
      // A month on, the sign-up session has expired: the ambassador logs in again.
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: referrer.email, password: PASSWORD },
      });
      expect(login.statusCode, login.body).toBe(200);
      const session = {
        cookie: `cb_session=${login.cookies.find((c) => c.name === 'cb_session')?.value}`,
        csrfToken: login.json().csrfToken,
      };
      const paypal = { method: 'paypal', email: 'ref@example.com' };
      const payout = await as(app, session)({ method: 'POST', url: '/api/payouts', payload: paypal });
      expect(payout.statusCode, payout.body).toBe(201);
      await ok(refund(20_000, big));
      expect(await accountBalances(db(), referrer.id)).toMatchObject({ availableCents: -6000, processingCents: 6000 });
      const admin = await signUp(app, { email: ADMIN_EMAIL, ip: '192.0.2.1' });
      const queue = await as(app, admin)({ method: 'GET', url: '/api/admin/payouts' });
      expect(queue.json().payouts).toMatchObject([
        {
          id: payout.json().id,
          amountCents: 6000,
          otherAvailableCents: -6000,
          warning:
            'Clawbacks since the request leave -€60.00: the account has earned nothing net; reject this payout rather than pay it',
        },
      ]);
      const approve = await as(app, admin)({ method: 'POST', url: `/api/admin/payouts/${payout.json().id}/approve` });
      expect([approve.statusCode, approve.json().error]).toEqual([409, 'overpays']);
    });

    it('takes a dispute back like a refund, refunds and disputes together never beyond what was paid', async () => {
      await pay();
      clock.advanceDays(31);
      await app.ledger.tick();
      await ok(disputeCreated({ charge: `ch_${n}`, paymentIntent: `pi_${n}`, amountCents: 6000 }, clock.now()));
      await ok(refund(7000));
      expect(await entries()).toEqual([
        ['commission', 3000, 'available'],
        ['clawback', -1800, 'available'],
        ['clawback', -1200, 'available'],
      ]);
      const [last] = await listEntries(db(), referrer.id);
      expect(last?.reason).toBe(`Refund and dispute on invoice in_${n} (€70.00 refunded, €60.00 disputed)`);
    });

    it('ignores an inquiry, which moves no money', async () => {
      await pay();
      const inquiry = disputeCreated(
        { charge: `ch_${n}`, paymentIntent: `pi_${n}`, amountCents: 10_000, status: 'warning_needs_response' },
        clock.now(),
      );
      await ok(inquiry, 'ignored');
      expect(await entries()).toEqual([['commission', 3000, 'pending']]);
    });

    it('applies a refund that came before its invoice when the invoice arrives (current shape)', async () => {
      const i = invoice();
      await ok(refund(2500));
      await ok(invoicePaymentPaid(i.id, `pi_${n}`, clock.now()));
      expect(await entries()).toEqual([]);
      await ok(invoicePaid(i));
      expect(await entries()).toEqual([
        ['commission', 3000, 'pending'],
        ['reversal', -750, 'pending'],
      ]);
    });

    it('links a refund to its invoice through the charge in the pre-2025 shape', async () => {
      await ok(chargeRefunded({ charge: `ch_${n}`, amountCents: 10_000, refundedCents: 10_000 }, clock.now()));
      await ok(invoicePaid(invoice({ legacy: true, charge: `ch_${n}`, paymentIntent: null })));
      expect(await entries()).toEqual([
        ['commission', 3000, 'reversed'],
        ['reversal', -3000, 'reversed'],
      ]);
    });

    it('serialises a refund and a dispute delivered at the same moment', async () => {
      await pay();
      const dispute = disputeCreated({ charge: `ch_${n}`, paymentIntent: `pi_${n}`, amountCents: 3000 }, clock.now());
      await Promise.all([deliver(app, refund(2000)), deliver(app, dispute)]);
      const total = (await entries()).reduce((sum, [, cents]) => sum + cents, 0);
      expect(total).toBe(3000 - 1500);
    });
  });

  describe('one payment, several invoices', () => {
    // One payment intent paying two invoices, €100 and €50, as Stripe links them: an
    // invoice_payment each, with what it paid there. Commissions €30 and €15.
    const shared = { pi: () => `pi_shared_${n}`, charge: () => `ch_shared_${n}` };
    const payShared = async (id: string, paidCents: number) => {
      await ok(invoicePaid(invoice({ id, paidCents, paymentIntent: null })));
      await ok(invoicePaymentPaid(id, shared.pi(), clock.now(), undefined, paidCents));
    };
    const refundShared = (refundedCents: number) =>
      chargeRefunded(
        { charge: shared.charge(), paymentIntent: shared.pi(), amountCents: 15_000, refundedCents },
        clock.now(),
      );
    const byInvoice = async () => {
      const list = (await listEntries(db(), referrer.id)).reverse();
      const net = (invoiceId: string) =>
        list.filter((e) => e.invoiceId === invoiceId).reduce((sum, e) => sum + e.amountCents, 0);
      return { a: net(`in_a${n}`), b: net(`in_b${n}`), list };
    };

    it('shares a refund between the invoices the payment paid, by what it paid on each', async () => {
      await payShared(`in_a${n}`, 10_000);
      await payShared(`in_b${n}`, 5_000);
      await ok(refundShared(6_000)); // €40 of A's, €20 of B's
      const { a, b, list } = await byInvoice();
      expect([a, b]).toEqual([3000 - 1200, 1500 - 600]);
      expect(list.find((e) => e.invoiceId === `in_a${n}` && e.kind === 'reversal')?.reason).toBe(
        `Refund on invoice in_a${n} (€40.00 refunded, its share of a payment it shares with in_b${n})`,
      );
      // A replay, and the full refund later: each invoice loses exactly its commission.
      await ok(refundShared(6_000));
      expect((await byInvoice()).list).toHaveLength(4);
      await ok(refundShared(15_000));
      expect(await byInvoice()).toMatchObject({ a: 0, b: 0 });
    });

    it('shares a refund anew when another invoice of the payment arrives after it', async () => {
      await payShared(`in_a${n}`, 10_000);
      await ok(refundShared(6_000)); // all of it A's, as far as is known
      expect(await byInvoice()).toMatchObject({ a: 3000 - 1800, b: 0 });
      await payShared(`in_b${n}`, 5_000);
      const { a, b, list } = await byInvoice();
      expect([a, b]).toEqual([3000 - 1200, 1500 - 600]);
      expect(list.at(-2)).toMatchObject({ invoiceId: `in_a${n}`, amountCents: 600 });
      expect(list.at(-2)?.reason).toBe(
        `Invoice in_a${n}'s share of a refund or dispute is smaller now that in_b${n} shares its payment: commission given back`,
      );
      // In the other order of events the ledger ends the same.
      expect(a + b).toBe(4500 - 1800);
    });

    it('takes back a dispute of a shared payment from each invoice, and gives it back when won', async () => {
      await payShared(`in_a${n}`, 10_000);
      await payShared(`in_b${n}`, 5_000);
      const dispute = {
        id: `dp_shared_${n}`,
        charge: shared.charge(),
        paymentIntent: shared.pi(),
        amountCents: 15_000,
      };
      await ok(disputeCreated(dispute, clock.now()));
      expect(await byInvoice()).toMatchObject({ a: 0, b: 0 });
      await ok(disputeEvent('funds_reinstated', { ...dispute, status: 'won' }, clock.now()));
      expect(await byInvoice()).toMatchObject({ a: 3000, b: 1500 });
    });

    it('shares a refund anew when the invoices name the payment differently (charge, payment intent)', async () => {
      // An invoice of the pre-2025 shape names the charge; one of the current shape, its
      // payment intent. Only the refund pairs the two, and it came before the second invoice.
      await ok(
        invoicePaid(
          invoice({ id: `in_a${n}`, paidCents: 10_000, legacy: true, charge: shared.charge(), paymentIntent: null }),
        ),
      );
      await ok(refundShared(6_000));
      expect(await byInvoice()).toMatchObject({ a: 3000 - 1800, b: 0 });
      await payShared(`in_b${n}`, 5_000);
      expect(await byInvoice()).toMatchObject({ a: 3000 - 1200, b: 1500 - 600 });
    });

    it('shares anew when an invoice linked earlier without an amount is stored, whatever its event names', async () => {
      // B's invoice payment came first and said nothing of the amount; B's invoice.paid, last,
      // names no payment at all, yet storing it gives B its weight in the payment.
      await ok(invoicePaymentPaid(`in_b${n}`, shared.pi(), clock.now()));
      await payShared(`in_a${n}`, 10_000);
      await ok(refundShared(6_000));
      await ok(invoicePaid(invoice({ id: `in_b${n}`, paidCents: 5_000, paymentIntent: null })));
      expect(await byInvoice()).toMatchObject({ a: 3000 - 1200, b: 1500 - 600 });
    });

    it('weighs an invoice by what the payment paid on it, even when another link names it without an amount', async () => {
      // A is €100, of which this payment paid €40; B's €60 all came from it. The refund of the
      // whole payment names A on the charge (older shape): A keeps its other €60's commission.
      await ok(invoicePaid(invoice({ id: `in_a${n}`, paidCents: 10_000, paymentIntent: null })));
      await ok(invoicePaymentPaid(`in_a${n}`, shared.pi(), clock.now(), undefined, 4_000));
      await payShared(`in_b${n}`, 6_000);
      await ok(
        chargeRefunded(
          {
            charge: shared.charge(),
            paymentIntent: shared.pi(),
            amountCents: 10_000,
            refundedCents: 10_000,
            invoice: `in_a${n}`,
          },
          clock.now(),
        ),
      );
      expect(await byInvoice()).toMatchObject({ a: 3000 - 1200, b: 0 });
    });

    it('names the sharing, not an old won dispute, when a share shrinks', async () => {
      await payShared(`in_a${n}`, 10_000);
      const dispute = { id: `dp_old_${n}`, charge: shared.charge(), paymentIntent: shared.pi(), amountCents: 2_000 };
      await ok(disputeCreated(dispute, clock.now()));
      await ok(disputeEvent('funds_reinstated', { ...dispute, status: 'won' }, clock.now()));
      expect((await byInvoice()).list.at(-1)?.reason).toBe(`Dispute won: invoice in_a${n}'s commission given back`);
      await ok(refundShared(6_000));
      await payShared(`in_b${n}`, 5_000);
      const { a, b, list } = await byInvoice();
      expect([a, b]).toEqual([3000 - 1200, 1500 - 600]);
      expect(list.filter((e) => e.invoiceId === `in_a${n}`).at(-1)?.reason).toBe(
        `Invoice in_a${n}'s share of a refund or dispute is smaller now that in_b${n} shares its payment: commission given back`,
      );
    });

    it('keeps the greater of two amounts for one link, whatever their order', async () => {
      await ok(invoicePaid(invoice({ id: `in_a${n}`, paidCents: 1_000, paymentIntent: null })));
      await ok(invoicePaymentPaid(`in_a${n}`, shared.pi(), clock.now(), undefined, 100));
      await ok(invoicePaymentPaid(`in_a${n}`, shared.pi(), clock.now(), undefined, 900));
      await payShared(`in_b${n}`, 900);
      await ok(
        chargeRefunded(
          { charge: shared.charge(), paymentIntent: shared.pi(), amountCents: 1_800, refundedCents: 1_000 },
          clock.now(),
        ),
      );
      // 900 : 900, so €5 each: A's commission €3 loses half, B's €2.70 loses 5/9.
      expect(await byInvoice()).toMatchObject({ a: 300 - 150, b: 270 - 150 });
    });

    it('names the sharing when a dispute event links another invoice without a win', async () => {
      await ok(
        invoicePaid(
          invoice({ id: `in_a${n}`, paidCents: 1_000, legacy: true, charge: shared.charge(), paymentIntent: null }),
        ),
      );
      await ok(invoicePaid(invoice({ id: `in_b${n}`, paidCents: 1_000, paymentIntent: null })));
      await ok(chargeRefunded({ charge: shared.charge(), amountCents: 2_000, refundedCents: 1_000 }, clock.now()));
      expect(await byInvoice()).toMatchObject({ a: 0, b: 300 });
      // An open dispute of nothing, whose expanded charge names B (older shape): B shares the charge.
      const charge = { id: shared.charge(), invoice: `in_b${n}` } as unknown as string;
      await ok(disputeCreated({ id: `dp_link_${n}`, charge, amountCents: 0 }, clock.now()));
      const { a, b, list } = await byInvoice();
      expect([a, b]).toEqual([300 - 150, 300 - 150]);
      expect(list.filter((e) => e.invoiceId === `in_a${n}`).at(-1)?.reason).toBe(
        `Invoice in_a${n}'s share of a refund or dispute is smaller now that in_b${n} shares its payment: commission given back`,
      );
    });

    it('corrects on the ledger’s next tick the invoices a migration queued', async () => {
      await payShared(`in_a${n}`, 10_000);
      await payShared(`in_b${n}`, 5_000);
      // As before migration 0014: B's link had been dropped, so the refund landed on A alone.
      await db().query('delete from invoice_payments where invoice_id = $1', [`in_b${n}`]);
      await ok(refundShared(6_000));
      expect(await byInvoice()).toMatchObject({ a: 3000 - 1800, b: 1500 });
      // The migration rebuilds the link and queues the invoices; the tick reconciles them.
      await db().query('insert into invoice_payments (payment_ref, invoice_id, amount_cents) values ($1, $2, 5000)', [
        shared.pi(),
        `in_b${n}`,
      ]);
      await db().query('insert into billing_reconcile_queue (invoice_id) values ($1), ($2)', [`in_a${n}`, `in_b${n}`]);
      await app.ledger.tick();
      expect(await byInvoice()).toMatchObject({ a: 3000 - 1200, b: 1500 - 600 });
      expect(await count(db(), 'billing_reconcile_queue')).toBe(0);
      await app.ledger.tick(); // nothing left to do, nothing written twice
      expect((await byInvoice()).list).toHaveLength(5);
    });

    it('stores two invoices that name one charge (pre-2025 shape), and shares its refund', async () => {
      const legacy = (id: string, paidCents: number) =>
        invoicePaid(invoice({ id, paidCents, legacy: true, charge: shared.charge(), paymentIntent: null }));
      await ok(legacy(`in_a${n}`, 10_000));
      await ok(legacy(`in_b${n}`, 5_000));
      expect(await count(db(), 'invoices')).toBe(2);
      await ok(chargeRefunded({ charge: shared.charge(), amountCents: 15_000, refundedCents: 3_000 }, clock.now()));
      expect(await byInvoice()).toMatchObject({ a: 3000 - 600, b: 1500 - 300 });
    });
  });

  describe('dispute outcomes', () => {
    /** An event of the invoice's dispute (one dispute id per letter). */
    const dispute = (type: DisputeEventType, amountCents: number, status?: string, letter = 'a') =>
      disputeEvent(
        type,
        { id: `dp_${n}${letter}`, charge: `ch_${n}`, paymentIntent: `pi_${n}`, amountCents, status },
        clock.now(),
      );
    const won = (amountCents: number, letter = 'a') => dispute('closed', amountCents, 'won', letter);
    const net = async () => (await entries()).reduce((sum, [, cents]) => sum + cents, 0);

    it('inside the hold: a won dispute gives the commission back, maturing with it', async () => {
      await pay();
      await ok(dispute('created', 6000));
      await ok(won(6000));
      expect(await entries()).toEqual([
        ['commission', 3000, 'pending'],
        ['reversal', -1800, 'pending'],
        ['reinstatement', 1800, 'pending'],
      ]);
      const [last] = await listEntries(db(), referrer.id);
      expect(last).toMatchObject({ reason: `Dispute won: invoice in_${n}'s commission given back`, parentId: '1' });
      clock.advanceDays(30);
      await app.ledger.tick();
      expect((await entries()).every(([, , state]) => state === 'available')).toBe(true);
      expect(await accountBalances(db(), referrer.id)).toMatchObject({
        pendingCents: 0,
        availableCents: 3000,
        reversedCents: 1800,
        reinstatedCents: 1800,
      });
    });

    it('a lost dispute on a partly refunded payment stays taken, though Stripe reinstates funds', async () => {
      await pay();
      await ok(refund(3000));
      await ok(dispute('funds_withdrawn', 10_000));
      await ok(dispute('closed', 10_000, 'lost'));
      // Stripe gives back the refunded part, so the merchant is not debited twice: not a win.
      await ok(dispute('funds_reinstated', 3000, 'lost'));
      const list = await entries();
      expect(list.some(([kind]) => kind === 'reinstatement')).toBe(false);
      expect(list.reduce((sum, [, cents]) => sum + cents, 0)).toBe(0);
    });

    it('after the hold: the clawback is given back at once', async () => {
      await pay();
      clock.advanceDays(31);
      await app.ledger.tick();
      await ok(dispute('funds_withdrawn', 10_000));
      expect(await accountBalances(db(), referrer.id)).toMatchObject({ availableCents: 0, clawedBackCents: 3000 });
      await ok(dispute('funds_reinstated', 10_000));
      expect(await entries()).toEqual([
        ['commission', 3000, 'available'],
        ['clawback', -3000, 'available'],
        ['reinstatement', 3000, 'available'],
      ]);
      // taken back is history, kept gross; the balance is whole again
      expect(await accountBalances(db(), referrer.id)).toMatchObject({ availableCents: 3000, clawedBackCents: 3000 });
    });

    it('takes nothing and gives nothing back when the win arrives before the dispute', async () => {
      await pay();
      await ok(won(6000));
      await ok(dispute('created', 6000));
      await ok(dispute('funds_withdrawn', 6000));
      await ok(dispute('updated', 6000, 'under_review'));
      expect(await entries()).toEqual([['commission', 3000, 'pending']]);
    });

    it('keeps a lost dispute taken, whatever comes after it', async () => {
      await pay();
      await ok(dispute('created', 6000));
      await ok(dispute('closed', 6000, 'lost'));
      await ok(dispute('updated', 6000, 'under_review')); // older news, arriving late
      expect(await entries()).toEqual([
        ['commission', 3000, 'pending'],
        ['reversal', -1800, 'pending'],
      ]);
      const { rows } = await db().query('select status from charge_disputes');
      expect(rows).toEqual([{ status: 'lost' }]);
    });

    it('changes nothing on replays of any event, under the same id or a new one', async () => {
      await pay();
      const created = dispute('created', 6000);
      const closed = won(6000);
      for (const e of [created, closed]) {
        await ok(e);
        await ok(e, 'duplicate');
      }
      const after = await entries();
      for (const e of [dispute('created', 6000), won(6000), dispute('funds_withdrawn', 6000), refund(0)]) {
        await ok(e);
        await ok(e, 'duplicate');
      }
      expect(await entries()).toEqual(after);
      expect(await net()).toBe(3000);
    });

    it('keeps a partial refund taken when a dispute is won', async () => {
      await pay();
      await ok(refund(2000));
      await ok(dispute('created', 5000));
      expect(await net()).toBe(3000 - 600 - 1500);
      await ok(won(5000));
      expect(await entries()).toEqual([
        ['commission', 3000, 'pending'],
        ['reversal', -600, 'pending'],
        ['reversal', -1500, 'pending'],
        ['reinstatement', 1500, 'pending'],
      ]);
      // the same amount taken as before the win is still taken again: a refund after it
      await ok(refund(7000));
      expect(await net()).toBe(900);
    });

    it('gives a fully reversed commission back as a fresh earning with its own hold', async () => {
      await pay();
      clock.advanceDays(10);
      await ok(dispute('created', 10_000));
      expect(await entries()).toEqual([
        ['commission', 3000, 'reversed'],
        ['reversal', -3000, 'reversed'],
      ]);
      await ok(won(10_000));
      const [fresh] = await listEntries(db(), referrer.id);
      expect(fresh).toMatchObject({ kind: 'reinstatement', amountCents: 3000, state: 'pending', parentId: null });
      expect(fresh?.invoiceId).toBe(`in_${n}`);
      expect(fresh?.holdUntil?.toISOString()).toBe(addDays(clock.now(), 30).toISOString());
      clock.advanceDays(29);
      await app.ledger.tick();
      expect(await accountBalances(db(), referrer.id)).toMatchObject({ pendingCents: 3000, availableCents: 0 });
      // a refund now takes back from the new group, inside its hold
      await ok(refund(5000));
      expect((await listEntries(db(), referrer.id))[0]).toMatchObject({
        kind: 'reversal',
        amountCents: -1500,
        parentId: fresh?.id,
      });
      clock.advanceDays(1);
      await app.ledger.tick();
      expect(await accountBalances(db(), referrer.id)).toMatchObject({ pendingCents: 0, availableCents: 1500 });
    });

    it('starts a fresh earning on hold for a flagged referral, and nothing for a rejected one', async () => {
      await db().query(`update referrals set review = 'flagged' where referee_id = $1`, [referee.id]);
      await pay();
      await ok(dispute('created', 10_000));
      await ok(won(10_000));
      expect((await entries()).at(-1)).toEqual(['reinstatement', 3000, 'on_hold']);
      await db().query(`update referrals set review = 'rejected' where referee_id = $1`, [referee.id]);
      await ok(dispute('created', 10_000, undefined, 'b'));
      await ok(won(10_000, 'b'));
      expect(await net()).toBe(0); // the second dispute took the fresh group back; its win gives nothing
    });

    it('stores an inquiry nowhere, and a won one later counts nothing', async () => {
      await pay();
      await ok(dispute('created', 10_000, 'warning_needs_response'), 'ignored');
      await ok(dispute('closed', 10_000, 'warning_closed'), 'ignored');
      expect(await count(db(), 'charge_disputes')).toBe(0);
      expect(await net()).toBe(3000);
    });
  });

  describe('subscriptions, plans and the footer', () => {
    const sub = (status: string, over: Record<string, unknown> = {}) => ({
      id: `sub_${n}`,
      customer: `cus_${n}`,
      accountId: referee.id,
      status,
      ...over,
    });
    const plan = async () =>
      (await db().query<{ plan: string }>('select plan from accounts where id = $1', [referee.id])).rows[0]?.plan;
    const footerShown = async () => {
      const res = await app.inject({ method: 'GET', url: `/v1/widgets/${referee.widgetId}/config` });
      return res.json().branding.show as boolean;
    };

    it('lets a paying owner hide the footer, and brings it back when the subscription ends', async () => {
      await db().query('update widgets set hide_branding = true where id = $1', [referee.widgetId]);
      expect(await footerShown()).toBe(true); // free plan: the owner's choice does not count
      await ok(subscriptionEvent('created', sub('active'), clock.now()));
      expect(await plan()).toBe('pro');
      expect(await footerShown()).toBe(false);
      clock.advanceDays(40);
      await ok(subscriptionEvent('deleted', sub('canceled', { endedAt: clock.now() }), clock.now()));
      expect(await plan()).toBe('free');
      expect(await footerShown()).toBe(true);
    });

    it.each([
      ['trialing', 'pro'],
      ['past_due', 'pro'],
      ['unpaid', 'free'],
      ['incomplete', 'free'],
      ['incomplete_expired', 'free'],
      ['canceled', 'free'],
    ])('status %s means plan %s', async (status, expected) => {
      await ok(subscriptionEvent('updated', sub(status), clock.now()));
      expect(await plan()).toBe(expected);
    });

    it('reads the plan from the price lookup key', async () => {
      await ok(subscriptionEvent('updated', sub('active', { lookupKey: 'business_yearly' }), clock.now()));
      expect(await plan()).toBe('business');
    });

    it('never lets an older event overwrite a newer one, nor revive an ended subscription', async () => {
      const t0 = clock.now();
      const newer = subscriptionEvent('updated', sub('active', { lookupKey: 'business' }), addDays(t0, 2));
      const older = subscriptionEvent('updated', sub('active', { lookupKey: 'pro' }), addDays(t0, 1));
      await ok(newer);
      await ok(older);
      expect(await plan()).toBe('business');
      await ok(subscriptionEvent('deleted', sub('canceled', { endedAt: addDays(t0, 3) }), addDays(t0, 3)));
      await ok(subscriptionEvent('updated', sub('active'), addDays(t0, 4))); // cannot happen, must not revive
      expect(await plan()).toBe('free');
      const { rows } = await db().query<{ status: string }>('select status from subscriptions');
      expect(rows).toEqual([{ status: 'canceled' }]);
    });

    it('keeps the commission of an invoice paid before the end, whatever arrives first', async () => {
      const paidAt = clock.now();
      const endedAt = addDays(paidAt, 10);
      clock.advanceDays(11);
      await ok(subscriptionEvent('deleted', sub('canceled', { endedAt }), endedAt));
      await pay({ paidAt });
      expect(await entries()).toEqual([['commission', 3000, 'pending']]);
    });

    it('earns nothing on an invoice paid after the end, and takes it back if the end is learnt late', async () => {
      const endedAt = clock.now();
      const paidAt = addDays(endedAt, 1);
      clock.advanceDays(2);
      await pay({ paidAt });
      clock.advanceDays(40);
      await app.ledger.tick();
      expect(await entries()).toEqual([['commission', 3000, 'available']]);
      await ok(subscriptionEvent('deleted', sub('canceled', { endedAt }), endedAt));
      expect(await entries()).toEqual([
        ['commission', 3000, 'available'],
        ['clawback', -3000, 'available'],
      ]);
      const [claw] = await listEntries(db(), referrer.id);
      expect(claw?.reason).toBe(`Invoice in_${n} was paid after the subscription ended`);
      // the same facts in the other order: nothing is earned in the first place
      const i2 = { id: `in_b${n}`, paymentIntent: `pi_b${n}`, paidAt };
      await pay(i2);
      expect(await entries()).toHaveLength(2);
    });
  });

  describe('account mapping', () => {
    it('remembers the customer, so later events carrying only it find the account', async () => {
      await ok(
        subscriptionEvent(
          'created',
          { id: `sub_${n}`, customer: `cus_${n}`, accountId: referee.id, status: 'active' },
          clock.now(),
        ),
      );
      const { rows } = await db().query('select stripe_customer_id from accounts where id = $1', [referee.id]);
      expect(rows).toEqual([{ stripe_customer_id: `cus_${n}` }]);
      await pay({ accountId: null });
      expect(await entries()).toEqual([['commission', 3000, 'pending']]);
    });

    it('keeps an event for an unknown customer until that customer is linked, then applies it', async () => {
      const res = await ok(invoicePaid(invoice({ accountId: null })), 'unmatched');
      expect(res.json().eventId).toMatch(/^evt_/);
      expect(await count(db(), 'invoices')).toBe(0);
      await ok(
        event(
          'customer.created',
          { id: `cus_${n}`, object: 'customer', metadata: { account_id: referee.id } },
          clock.now(),
        ),
      );
      expect(await entries()).toEqual([['commission', 3000, 'pending']]);
      const { rows } = await db().query(
        'select count(*)::int as n from billing_events where unmatched_customer is not null',
      );
      expect(rows).toEqual([{ n: 0 }]);
    });

    it('knows every customer of an account, not only the first', async () => {
      // The account's first customer, then a second one (a re-created customer, a new checkout).
      await ok(
        subscriptionEvent(
          'created',
          { id: `sub_${n}`, customer: `cus_${n}`, accountId: referee.id, status: 'active' },
          clock.now(),
        ),
      );
      await ok(
        subscriptionEvent(
          'created',
          { id: `sub_${n}b`, customer: `cus_${n}b`, accountId: referee.id, status: 'active' },
          clock.now(),
        ),
      );
      // An invoice of the second customer that carries only the customer still finds the account.
      await pay({
        id: `in_${n}b`,
        customer: `cus_${n}b`,
        subscription: `sub_${n}b`,
        accountId: null,
        paymentIntent: `pi_${n}b`,
      });
      expect(await entries()).toEqual([['commission', 3000, 'pending']]);
      const { rows } = await db().query('select stripe_customer_id from accounts where id = $1', [referee.id]);
      expect(rows).toEqual([{ stripe_customer_id: `cus_${n}` }]);
    });

    it('never moves a customer from the account it was first linked to', async () => {
      const other = await signUp(app, { ip: '198.51.100.78' });
      await ok(
        subscriptionEvent(
          'created',
          { id: `sub_${n}`, customer: `cus_${n}`, accountId: referee.id, status: 'active' },
          clock.now(),
        ),
      );
      await ok(
        subscriptionEvent(
          'updated',
          { id: `sub_${n}x`, customer: `cus_${n}`, accountId: other.id, status: 'active' },
          clock.now(),
        ),
      );
      const { rows } = await db().query('select account_id from billing_customers where customer_id = $1', [
        `cus_${n}`,
      ]);
      expect(rows).toEqual([{ account_id: referee.id }]);
    });

    it('stores, and ignores, an event that names neither an account nor a customer', async () => {
      await ok(invoicePaid(invoice({ accountId: 'acc_nobody', customer: '' })), 'ignored');
      expect(await count(db(), 'billing_events')).toBe(1);
      expect(await count(db(), 'invoices')).toBe(0);
    });
  });
});

/**
 * An in-memory database migrated up to, not including, `version`, holding `events` as the
 * webhook stored them (the k-th received at `receivedAt(k)`); `check` sets up the rest, runs
 * the remaining migrations and looks at what they did.
 */
async function beforeMigration(
  version: number,
  events: readonly StripeJson[],
  at: Date,
  receivedAt: (k: number) => Date,
  check: (db: Db, migrateRest: () => Promise<unknown>) => Promise<void>,
): Promise<void> {
  const db = await emptyPglite();
  try {
    const all = readMigrations();
    await migrate(
      db,
      all.filter((m) => m.version < version),
    );
    for (const [k, e] of events.entries()) {
      await db.query(
        `insert into billing_events (id, type, created_at, received_at, payload) values ($1, $2, $3, $4, $5)`,
        [e.id, e.type, at, receivedAt(k), JSON.stringify(e)],
      );
    }
    await check(db, () => migrate(db, all));
  } finally {
    await db.close();
  }
}

describe('migration 0009: disputes rebuilt from the stored events', () => {
  it('keeps each dispute furthest along, and what disputed_cents held beyond them', async () => {
    const at = new Date('2026-03-01T10:00:00Z');
    const events = [
      disputeEvent(
        'closed',
        { id: 'dp_a', charge: 'ch_a', paymentIntent: 'pi_a', amountCents: 500, status: 'won' },
        at,
      ),
      disputeCreated({ id: 'dp_a', charge: 'ch_a', paymentIntent: 'pi_a', amountCents: 500 }, at),
      disputeCreated({ id: 'dp_b', charge: { id: 'ch_b' } as unknown as string, amountCents: 700 }, at),
      disputeEvent('closed', { id: 'dp_c', charge: 'ch_c', amountCents: 900, status: 'warning_closed' }, at),
    ];
    await beforeMigration(
      9,
      events,
      at,
      (k) => addDays(at, k),
      async (db, migrateRest) => {
        await db.query(
          `insert into charge_refunds (charge_id, refunded_cents, disputed_cents, updated_at)
         values ('ch_a', 0, 500, $1), ('ch_b', 0, 700, $1), ('ch_old', 100, 300, $1)`,
          [at],
        );
        await migrateRest();
        const { rows } = await db.query(
          'select dispute_id, charge_id, payment_intent_id, amount_cents, status from charge_disputes order by 1',
        );
        expect(rows).toEqual([
          { dispute_id: 'dp_a', charge_id: 'ch_a', payment_intent_id: 'pi_a', amount_cents: 500, status: 'won' },
          {
            dispute_id: 'dp_b',
            charge_id: 'ch_b',
            payment_intent_id: null,
            amount_cents: 700,
            status: 'needs_response',
          },
          {
            dispute_id: 'legacy:ch_old',
            charge_id: 'ch_old',
            payment_intent_id: null,
            amount_cents: 300,
            status: 'needs_response',
          },
        ]);
        const checks = await db.query<{ conname: string }>(
          `select conname from pg_constraint where conrelid = 'ledger_entries'::regclass and contype = 'c' order by 1`,
        );
        expect(checks.rows.map((r) => r.conname)).toEqual([
          'ledger_entries_amount_sign_check',
          'ledger_entries_kind_check',
          'ledger_entries_state_check',
        ]);
      },
    );
  });
});

describe('migration 0014: links of shared payments rebuilt from the stored events', () => {
  it('adds the links the first-link rule dropped, with what each payment paid', async () => {
    const at = new Date('2026-03-01T10:00:00Z');
    const base = { customer: 'cus_m', paidAt: at, paymentIntent: null };
    const expandedInvoice = invoicePaymentPaid('in_c', 'pi_s', at, undefined, 3_000);
    const object = (expandedInvoice.data as { object: Record<string, unknown> }).object;
    object.invoice = { id: 'in_c', object: 'invoice' };
    const events = [
      invoicePaymentPaid('in_a', 'pi_s', at, undefined, 6_000),
      invoicePaymentPaid('in_b', 'pi_s', at, undefined, 4_000),
      expandedInvoice,
      invoicePaid({ ...base, id: 'in_l1', paidCents: 500, legacy: true, charge: 'ch_l' }),
      invoicePaid({ ...base, id: 'in_l2', paidCents: 700, legacy: true, charge: 'ch_l' }),
      chargeRefunded({ charge: 'ch_r', amountCents: 100, refundedCents: 50, invoice: 'in_r' }, at),
      event('invoice.paid', { id: 'in_bad', object: 'invoice', charge: null, amount_paid: 'x' }, at),
      // a dispute whose expanded charge names its invoice (pre-2025)
      disputeCreated({ id: 'dp_m', charge: { id: 'ch_d', invoice: 'in_d' } as unknown as string, amountCents: 10 }, at),
      // invoice payments listed on the invoice: a bare array, one without a status, one open,
      // one with a null status, one too large for an int, an empty id
      event(
        'invoice.paid',
        {
          id: 'in_p',
          object: 'invoice',
          payments: [
            { payment_intent: 'pi_top', amount_paid: 70 },
            { payment: { payment_intent: 'pi_open' }, status: 'open' },
            { payment: { payment_intent: 'pi_nullstatus' }, status: null },
            { payment: { payment_intent: 'pi_big' }, status: 'paid', amount_paid: 3_000_000_000 },
            { payment: { payment_intent: '' }, status: 'paid' },
          ],
        },
        at,
      ),
      // the same link twice, the smaller amount last: the greater is kept
      invoicePaymentPaid('in_g', 'pi_g', at, undefined, 900),
      invoicePaymentPaid('in_g', 'pi_g', at, undefined, 100),
    ];
    await beforeMigration(
      14,
      events,
      at,
      () => at,
      async (db, migrateRest) => {
        // What the first-link rule kept, two of the invoices and a refund of the shared payment.
        await db.query(
          `insert into invoice_payments (payment_ref, invoice_id) values ('pi_s', 'in_a'), ('ch_l', 'in_l1')`,
        );
        await db.query(`insert into accounts (id, email, referral_code) values ('acc_m', 'm@example.com', 'mmmmmmmm')`);
        await db.query(
          `insert into invoices (id, account_id, amount_paid_cents, tax_cents, currency, paid_at)
         values ('in_a', 'acc_m', 6000, 0, 'eur', $1), ('in_b', 'acc_m', 4000, 0, 'eur', $1), ('in_p', 'acc_m', 70, 0, 'eur', $1)`,
          [at],
        );
        await db.query(
          `insert into charge_refunds (charge_id, payment_intent_id, refunded_cents, updated_at) values ('ch_s', 'pi_s', 100, $1)`,
          [at],
        );
        await migrateRest();
        const { rows } = await db.query(
          'select payment_ref, invoice_id, amount_cents from invoice_payments order by 1, 2',
        );
        expect(rows).toEqual([
          { payment_ref: 'ch_d', invoice_id: 'in_d', amount_cents: null },
          { payment_ref: 'ch_l', invoice_id: 'in_l1', amount_cents: null },
          { payment_ref: 'ch_l', invoice_id: 'in_l2', amount_cents: null },
          { payment_ref: 'ch_r', invoice_id: 'in_r', amount_cents: null },
          { payment_ref: 'pi_big', invoice_id: 'in_p', amount_cents: null },
          { payment_ref: 'pi_g', invoice_id: 'in_g', amount_cents: 900 },
          { payment_ref: 'pi_s', invoice_id: 'in_a', amount_cents: 6_000 },
          { payment_ref: 'pi_s', invoice_id: 'in_b', amount_cents: 4_000 },
          { payment_ref: 'pi_s', invoice_id: 'in_c', amount_cents: 3_000 },
          { payment_ref: 'pi_top', invoice_id: 'in_p', amount_cents: 70 },
        ]);
        // The stored invoices on a payment with a refund are queued for the ledger's next tick.
        const queued = await db.query('select invoice_id from billing_reconcile_queue order by 1');
        expect(queued.rows).toEqual([{ invoice_id: 'in_a' }, { invoice_id: 'in_b' }]);
      },
    );
  });
});
