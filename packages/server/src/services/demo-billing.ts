/**
 * The demo billing provider, for running without a Stripe key: checkout hands out a signed
 * session token instead of a Stripe URL, and paying or cancelling produces the Stripe-shaped
 * events a real checkout or Billing Portal would, signed with the webhook secret and delivered
 * through the real webhook. The server trusts nothing the browser says: the token states the
 * account, the plan and an expiry under an HMAC of the cookie secret.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client.ts';
import type { DemoInvoice } from '../db/queries/demo.ts';
import { accountForPlan, customerOfAccount, latestSubscriptions } from '../db/queries/plans.ts';
import { grantedPlan } from '../domain/billing.ts';
import { DAY_MS } from '../domain/clock.ts';
import { euros } from '../domain/money.ts';
import { DEMO_PRICE_CENTS, isPaidPlan, type PaidPlan } from '../domain/plans.ts';
import { HttpError } from '../errors.ts';

/** How long a demo checkout session can be paid. */
export const DEMO_SESSION_MINUTES = 30;

export interface DemoSession {
  accountId: string;
  plan: PaidPlan;
  /** Unique per session: every id of the events it produces is made from it. */
  nonce: string;
  expiresAt: Date;
}

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url');
const mac = (secret: string, body: string) => createHmac('sha256', secret).update(`demo-checkout:${body}`).digest();

/** A signed token for a demo checkout of `plan` by `accountId`, valid for half an hour. */
export function demoSessionToken(secret: string, s: { accountId: string; plan: PaidPlan; now: Date }): string {
  const body = b64(
    JSON.stringify({
      a: s.accountId,
      p: s.plan,
      n: randomBytes(9).toString('base64url'),
      e: Math.floor(s.now.getTime() / 1000) + DEMO_SESSION_MINUTES * 60,
    }),
  );
  return `${body}.${b64(mac(secret, body))}`;
}

const refused = (message: string) => new HttpError(400, 'invalid_session', message);

/** The session a token states, if its signature holds and it has not expired; else 400. */
export function readDemoSession(secret: string, token: string, now: Date): DemoSession {
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) throw refused('This checkout link is not valid');
  const expected = mac(secret, body);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw refused('This checkout link is not valid: it was changed or made elsewhere');
  }
  let parsed: { a?: unknown; p?: unknown; n?: unknown; e?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw refused('This checkout link is not valid');
  }
  const { a, p, n, e } = parsed;
  if (
    typeof a !== 'string' ||
    typeof p !== 'string' ||
    !isPaidPlan(p) ||
    typeof n !== 'string' ||
    typeof e !== 'number'
  ) {
    throw refused('This checkout link is not valid');
  }
  if (e * 1000 <= now.getTime()) throw refused('This checkout link has expired: start the upgrade again');
  return { accountId: a, plan: p, nonce: n, expiresAt: new Date(e * 1000) };
}

/** Sends one signed event through the webhook and answers its outcome. */
export type DeliverEvent = (payload: string, signature: string) => Promise<{ statusCode: number; body: string }>;

/** The Stripe-Signature header Stripe would send for `payload` at `now`. */
export function stripeSignature(secret: string, payload: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex')}`;
}

export interface Deps {
  db: Db;
  webhookSecret: string;
  lookupKeys: Record<PaidPlan, string>;
  deliver: DeliverEvent;
  now: Date;
}

/**
 * What the demo provider needs from the app: its events are signed with the webhook secret and
 * delivered to the real webhook in-process (inject), so they take Stripe's path exactly.
 */
export function demoBillingDeps(app: FastifyInstance): Deps {
  const { config, db, clock } = app;
  const webhookSecret = config.stripeWebhookSecret;
  if (!webhookSecret) {
    throw new HttpError(
      503,
      'billing_not_configured',
      'The demo provider needs STRIPE_WEBHOOK_SECRET to sign its events',
    );
  }
  const deliver: DeliverEvent = async (payload, signature) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/billing/stripe',
      payload,
      headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature },
    });
    return { statusCode: res.statusCode, body: res.body };
  };
  return { db, webhookSecret, lookupKeys: config.billing.priceLookupKeys, deliver, now: clock.now() };
}

async function send(d: Deps, type: string, id: string, object: Record<string, unknown>): Promise<string> {
  const payload = JSON.stringify({
    id,
    object: 'event',
    api_version: '2025-08-27.basil',
    created: Math.floor(d.now.getTime() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  });
  const res = await d.deliver(payload, stripeSignature(d.webhookSecret, payload, d.now));
  if (res.statusCode !== 200) throw new Error(`demo ${type} refused by the webhook: ${res.statusCode} ${res.body}`);
  return (JSON.parse(res.body) as { outcome: string }).outcome;
}

const subscriptionObject = (
  s: { id: string; customer: string | null; accountId: string; plan: PaidPlan; lookupKey: string; nonce: string },
  status: string,
  startedAt: number,
  endedAt: number | null,
) => ({
  id: s.id,
  object: 'subscription',
  customer: s.customer,
  status,
  metadata: { account_id: s.accountId, plan: s.plan },
  start_date: startedAt,
  ended_at: endedAt,
  canceled_at: endedAt,
  cancel_at_period_end: false,
  items: {
    object: 'list',
    data: [
      {
        id: `si_demo_${s.nonce}`,
        object: 'subscription_item',
        price: {
          id: `price_demo_${s.plan}`,
          object: 'price',
          lookup_key: s.lookupKey,
          unit_amount: DEMO_PRICE_CENTS[s.plan],
          currency: 'eur',
          recurring: { interval: 'month' },
          metadata: {},
        },
        quantity: 1,
      },
    ],
  },
});

/** A paid invoice of a demo subscription, as Stripe's current API shapes `invoice.paid`. */
const invoiceObject = (i: {
  id: string;
  payment: string;
  customer: string | null;
  amount: number;
  sub: { id: string; accountId: string; plan: PaidPlan };
  at: number;
  first: boolean;
}) => ({
  id: i.id,
  object: 'invoice',
  customer: i.customer,
  amount_paid: i.amount,
  total: i.amount,
  currency: 'eur',
  status: 'paid',
  billing_reason: i.first ? 'subscription_create' : 'subscription_cycle',
  status_transitions: { paid_at: i.at, finalized_at: i.at },
  metadata: {},
  parent: {
    type: 'subscription_details',
    quote_details: null,
    subscription_details: { subscription: i.sub.id, metadata: { account_id: i.sub.accountId, plan: i.sub.plan } },
  },
  total_taxes: [],
  payments: {
    object: 'list',
    data: [
      {
        id: `inpay_${i.id.replace(/^in_/, '')}`,
        object: 'invoice_payment',
        status: 'paid',
        amount_paid: i.amount,
        payment: { type: 'payment_intent', payment_intent: i.payment },
      },
    ],
  },
});

/** How often a demo subscription renews. */
const DEMO_PERIOD_DAYS = 30;

/**
 * Bills every running demo subscription for each period that has ended since its last invoice,
 * as Stripe would at each renewal: an `invoice.paid` per period, dated at the period's end.
 * Ids are made from the subscription and the period, so running it twice bills nothing twice.
 * Answers how many invoices were paid.
 */
export async function renewDemoSubscriptions(d: Deps): Promise<number> {
  const { rows } = await d.db.query<{
    id: string;
    accountId: string;
    plan: string;
    invoices: number;
    lastPaidAt: Date;
  }>(
    `select s.id, s.account_id as "accountId", s.plan, count(i.id)::int as invoices, max(i.paid_at) as "lastPaidAt"
     from subscriptions s join invoices i on i.subscription_id = s.id
     where s.id like 'sub_demo_%' and s.status = 'active' and s.ended_at is null
     group by s.id, s.account_id, s.plan`,
  );
  let paid = 0;
  for (const s of rows) {
    if (!isPaidPlan(s.plan)) continue;
    const nonce = s.id.replace(/^sub_demo_/, '');
    const customer = await customerOfAccount(d.db, s.accountId);
    const sub = { id: s.id, accountId: s.accountId, plan: s.plan };
    for (let n = s.invoices, due = s.lastPaidAt.getTime() + DEMO_PERIOD_DAYS * DAY_MS; due <= d.now.getTime(); n++) {
      const id = `in_demo_${nonce}_${n + 1}`;
      const at = Math.floor(due / 1000);
      await send(
        d,
        'invoice.paid',
        `evt_demo_${nonce}_invoice_${n + 1}`,
        invoiceObject({
          id,
          payment: `pi_demo_${nonce}_${n + 1}`,
          customer,
          amount: DEMO_PRICE_CENTS[s.plan],
          sub,
          at,
          first: false,
        }),
      );
      paid++;
      due += DEMO_PERIOD_DAYS * DAY_MS;
    }
  }
  return paid;
}

/**
 * Pays a demo checkout session: the customer (reused if the account has one), its subscription
 * and its first paid invoice, each an event with ids made from the session's nonce, so paying
 * one session twice is a replay that changes nothing. Answers once all are applied.
 */
export async function payDemoSession(d: Deps, session: DemoSession): Promise<{ plan: string; alreadyPaid: boolean }> {
  const account = await accountForPlan(d.db, session.accountId);
  if (!account)
    throw new HttpError(400, 'invalid_session', 'This checkout link is for an account that no longer exists');
  const { nonce, plan, accountId } = session;
  // Two checkout pages paid in two tabs would run two subscriptions, each renewing and earning.
  // Paying this session again is a replay, which changes nothing.
  const running = (await latestSubscriptions(d.db, accountId)).filter((s) => grantedPlan(s) !== 'free');
  if (running.some((s) => s.id !== `sub_demo_${nonce}`)) {
    throw new HttpError(409, 'already_subscribed', 'You already pay for a plan: change it under Manage billing');
  }
  const customer = (await customerOfAccount(d.db, accountId)) ?? `cus_demo_${nonce}`;
  const at = Math.floor(d.now.getTime() / 1000);
  const outcomes = [
    await send(d, 'customer.created', `evt_demo_${nonce}_customer`, {
      id: customer,
      object: 'customer',
      email: account.email,
      metadata: { account_id: accountId },
    }),
  ];
  const sub = { id: `sub_demo_${nonce}`, customer, accountId, plan, lookupKey: d.lookupKeys[plan], nonce };
  outcomes.push(
    await send(
      d,
      'customer.subscription.created',
      `evt_demo_${nonce}_subscription`,
      subscriptionObject(sub, 'active', at, null),
    ),
  );
  const amount = DEMO_PRICE_CENTS[plan];
  outcomes.push(
    await send(
      d,
      'invoice.paid',
      `evt_demo_${nonce}_invoice`,
      invoiceObject({ id: `in_demo_${nonce}`, payment: `pi_demo_${nonce}`, customer, amount, sub, at, first: true }),
    ),
  );
  const after = await accountForPlan(d.db, accountId);
  return { plan: after?.plan ?? 'free', alreadyPaid: outcomes.every((o) => o === 'duplicate') };
}

/**
 * Cancels the account's running subscriptions as the Billing Portal would, at once: a
 * customer.subscription.deleted for each, through the webhook. 409 when none is running.
 */
export async function cancelDemoSubscriptions(d: Deps, accountId: string): Promise<{ plan: string }> {
  const running = (await latestSubscriptions(d.db, accountId)).filter((s) => grantedPlan(s) !== 'free');
  if (!running.length) throw new HttpError(409, 'no_subscription', 'There is no running subscription to cancel');
  const customer = (await customerOfAccount(d.db, accountId)) ?? null;
  const at = Math.floor(d.now.getTime() / 1000);
  for (const s of running) {
    const plan = s.plan as PaidPlan; // granted a paid plan, so it is one
    const nonce = s.id.replace(/^sub_demo_/, '');
    await send(
      d,
      'customer.subscription.deleted',
      `evt_demo_cancel_${s.id}`,
      subscriptionObject(
        { id: s.id, customer, accountId, plan, lookupKey: d.lookupKeys[plan], nonce },
        'canceled',
        Math.floor((s.startedAt ?? d.now).getTime() / 1000),
        at,
      ),
    );
  }
  const after = await accountForPlan(d.db, accountId);
  return { plan: after?.plan ?? 'free' };
}

/** The charge behind an invoice's payment: the payment's own, or one named after the invoice. */
const chargeOf = (invoice: DemoInvoice) =>
  invoice.paymentRef?.startsWith('ch_')
    ? invoice.paymentRef
    : invoice.paymentRef?.startsWith('pi_')
      ? `ch_${invoice.paymentRef.slice(3)}`
      : `ch_demo_${invoice.id}`;

/** The charge object a refund or dispute event carries, linked both ways Stripe has linked them. */
const chargeLinks = (invoice: DemoInvoice) => ({
  payment_intent: invoice.paymentRef?.startsWith('pi_') ? invoice.paymentRef : null,
  invoice: invoice.id,
});

/**
 * Refunds part or all of an invoice, as the Stripe dashboard would: a `charge.refunded` with the
 * charge's cumulative refunded amount. 409 when more than what is left is asked.
 */
export async function refundDemoInvoice(d: Deps, invoice: DemoInvoice, amountCents: number): Promise<void> {
  const left = invoice.amountPaidCents - invoice.refundedCents;
  if (amountCents > left) {
    throw new HttpError(409, 'refund_too_large', `Only ${euros(left)} of this invoice is left to refund`);
  }
  const total = invoice.refundedCents + amountCents;
  await send(d, 'charge.refunded', `evt_demo_refund_${invoice.id}_${total}`, {
    id: chargeOf(invoice),
    object: 'charge',
    amount: invoice.amountPaidCents,
    amount_captured: invoice.amountPaidCents,
    amount_refunded: total,
    refunded: total === invoice.amountPaidCents,
    currency: 'eur',
    status: 'succeeded',
    ...chargeLinks(invoice),
  });
}

export type DisputeStep = 'open' | 'won' | 'lost';

/**
 * Moves the invoice's one demo dispute a step: opened (the money is withdrawn while it lasts),
 * then closed won (given back) or lost. 409 for a step that does not follow.
 */
export async function disputeDemoInvoice(d: Deps, invoice: DemoInvoice, step: DisputeStep): Promise<void> {
  const current = invoice.disputeStatus;
  if (step === 'open' && current) throw new HttpError(409, 'dispute_exists', `This invoice's dispute is ${current}`);
  if (step !== 'open' && current !== 'needs_response') {
    throw new HttpError(409, 'no_open_dispute', 'Open a dispute on this invoice first');
  }
  const amount = invoice.amountPaidCents - invoice.refundedCents;
  if (amount <= 0) throw new HttpError(409, 'nothing_to_dispute', 'This invoice was refunded in full');
  const status = step === 'open' ? 'needs_response' : step;
  await send(
    d,
    step === 'open' ? 'charge.dispute.created' : 'charge.dispute.closed',
    `evt_demo_dispute_${invoice.id}_${step}`,
    {
      id: `dp_demo_${invoice.id}`,
      object: 'dispute',
      amount,
      currency: 'eur',
      reason: 'fraudulent',
      status,
      // Expanded, as older API versions sent it: the charge names its invoice, so the dispute finds
      // it even when no payment was linked.
      charge: { id: chargeOf(invoice), object: 'charge', ...chargeLinks(invoice) },
      payment_intent: chargeLinks(invoice).payment_intent,
    },
  );
}
