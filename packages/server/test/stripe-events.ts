import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import Stripe from 'stripe';
import { STRIPE_SECRET } from './fixtures.ts';

/**
 * Stripe events as the provider sends them, built offline: the current API shape (invoice
 * `parent.subscription_details`, `total_taxes`, payments linked through invoice_payment) by
 * default, the pre-2025-03-31 shape (`subscription`, `tax`, `charge`, `payment_intent` on the
 * invoice) on request. Amounts are cents; times are Dates (sent as Unix seconds).
 */

const unix = (d: Date) => Math.floor(d.getTime() / 1000);
let seq = 0;
const nextId = (prefix: string) => `${prefix}_${process.pid}x${++seq}`;

export type StripeJson = Record<string, unknown>;

/** An event envelope around `object`. */
export function event(type: string, object: StripeJson, at: Date, id = nextId('evt')): StripeJson {
  return {
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: unix(at),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

export interface InvoiceInput {
  id: string;
  customer: string;
  /** Put on the subscription details' metadata, as our checkout does (the invoice's own without one). */
  accountId?: string | null;
  subscription?: string | null;
  paidCents: number;
  taxCents?: number;
  /** Defaults to paid; larger when customer credit paid part of it. */
  totalCents?: number;
  currency?: string;
  paidAt: Date;
  paymentIntent?: string | null;
  charge?: string | null;
  legacy?: boolean;
}

/** An `invoice.paid` event. */
export function invoicePaid(i: InvoiceInput, at = i.paidAt, id?: string): StripeJson {
  const meta = i.accountId ? { account_id: i.accountId } : {};
  const base: StripeJson = {
    id: i.id,
    object: 'invoice',
    customer: i.customer,
    amount_paid: i.paidCents,
    total: i.totalCents ?? i.paidCents,
    currency: i.currency ?? 'eur',
    status: 'paid',
    billing_reason: 'subscription_cycle',
    status_transitions: { paid_at: unix(i.paidAt), finalized_at: unix(i.paidAt) },
    // a one-off invoice carries the account on its own metadata
    metadata: i.subscription ? {} : meta,
  };
  if (i.legacy) {
    Object.assign(base, {
      subscription: i.subscription ?? null,
      subscription_details: { metadata: meta },
      tax: i.taxCents ?? null,
      charge: i.charge ?? null,
      payment_intent: i.paymentIntent ?? null,
    });
  } else {
    Object.assign(base, {
      parent: i.subscription
        ? {
            type: 'subscription_details',
            quote_details: null,
            subscription_details: { subscription: i.subscription, metadata: meta },
          }
        : null,
      total_taxes: i.taxCents
        ? [{ amount: i.taxCents, tax_behavior: 'exclusive', type: 'tax_rate_details', taxable_amount: null }]
        : [],
    });
  }
  return event('invoice.paid', base, at, id);
}

/**
 * An `invoice_payment.paid` event: the current API's link from an invoice to its payment
 * intent, with what that payment paid on the invoice when given (one payment intent can pay
 * several invoices).
 */
export const invoicePaymentPaid = (
  invoice: string,
  paymentIntent: string,
  at: Date,
  id?: string,
  amountPaid?: number,
) =>
  event(
    'invoice_payment.paid',
    {
      id: nextId('inpay'),
      object: 'invoice_payment',
      invoice,
      is_default: true,
      status: 'paid',
      ...(amountPaid === undefined ? {} : { amount_paid: amountPaid, amount_requested: amountPaid, currency: 'eur' }),
      payment: { type: 'payment_intent', payment_intent: paymentIntent },
    },
    at,
    id,
  );

/** A `charge.refunded` event, with the cumulative amount refunded. */
export const chargeRefunded = (
  c: { charge: string; paymentIntent?: string | null; amountCents: number; refundedCents: number; invoice?: string },
  at: Date,
  id?: string,
) =>
  event(
    'charge.refunded',
    {
      id: c.charge,
      object: 'charge',
      amount: c.amountCents,
      amount_captured: c.amountCents,
      amount_refunded: c.refundedCents,
      refunded: c.refundedCents >= c.amountCents,
      payment_intent: c.paymentIntent ?? null,
      ...(c.invoice ? { invoice: c.invoice } : {}),
    },
    at,
    id,
  );

export interface DisputeInput {
  /** The dispute's id: give the same one to every event of one dispute. */
  id?: string;
  charge: string;
  paymentIntent?: string | null;
  amountCents: number;
  status?: string;
}

export type DisputeEventType = 'created' | 'updated' | 'closed' | 'funds_withdrawn' | 'funds_reinstated';

/** A `charge.dispute.*` event (the dispute object is the same for every type). */
export const disputeEvent = (type: DisputeEventType, d: DisputeInput, at: Date, id?: string) =>
  event(
    `charge.dispute.${type}`,
    {
      id: d.id ?? nextId('dp'),
      object: 'dispute',
      amount: d.amountCents,
      charge: d.charge,
      payment_intent: d.paymentIntent ?? null,
      reason: 'fraudulent',
      status: d.status ?? (type === 'funds_reinstated' ? 'won' : 'needs_response'),
    },
    at,
    id,
  );

/** A `charge.dispute.created` event. */
export const disputeCreated = (d: DisputeInput, at: Date, id?: string) => disputeEvent('created', d, at, id);

export interface SubscriptionInput {
  id: string;
  customer: string;
  accountId?: string | null;
  status: string;
  /** The price's lookup key, e.g. `pro_monthly`. */
  lookupKey?: string;
  startedAt?: Date;
  endedAt?: Date | null;
}

/** A `customer.subscription.*` event. */
export function subscriptionEvent(
  type: 'created' | 'updated' | 'deleted',
  s: SubscriptionInput,
  at: Date,
  id?: string,
): StripeJson {
  return event(
    `customer.subscription.${type}`,
    {
      id: s.id,
      object: 'subscription',
      customer: s.customer,
      status: s.status,
      metadata: s.accountId ? { account_id: s.accountId } : {},
      start_date: unix(s.startedAt ?? at),
      ended_at: s.endedAt ? unix(s.endedAt) : null,
      canceled_at: s.endedAt ? unix(s.endedAt) : null,
      items: {
        object: 'list',
        data: [
          {
            id: nextId('si'),
            object: 'subscription_item',
            price: { id: nextId('price'), lookup_key: s.lookupKey ?? 'pro_monthly', metadata: {} },
          },
        ],
      },
    },
    at,
    id,
  );
}

/** The Stripe-Signature header for a payload, signed at `at` (default: now) with `secret`. */
export const signatureFor = (payload: string, at: Date, secret = STRIPE_SECRET) =>
  Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: unix(at) });

/**
 * Delivers an event to the webhook as Stripe does: the JSON text (given, or of `e`), signed at
 * `signedAt`.
 */
export function deliver(
  app: FastifyInstance,
  e: StripeJson | string,
  opts: { signedAt?: Date; secret?: string; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  const payload = typeof e === 'string' ? e : JSON.stringify(e);
  return app.inject({
    method: 'POST',
    url: '/api/billing/stripe',
    payload,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': signatureFor(payload, opts.signedAt ?? app.clock.now(), opts.secret),
      ...opts.headers,
    },
  });
}
