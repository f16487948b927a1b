/**
 * Stripe events read into the facts the Rewards engine keeps (domain/billing.ts has the rules
 * that turn those facts into commissions and plans). Pure: the payload is plain JSON (already
 * verified by the route), read defensively because two API shapes are accepted.
 *
 * Account mapping. An event belongs to the account named by `metadata.account_id`, looked for
 * on the subscription, on the invoice's subscription details (`parent.subscription_details`
 * now, `subscription_details` before 2025-03-31), on the invoice itself and on the customer.
 * Our checkout sets it on the customer and the subscription. Failing that, the event's
 * `customer` is looked up in accounts.stripe_customer_id, which the first event naming both
 * fills in. Refunds, disputes and invoice payments need no account: they attach to a charge.
 *
 * Plans. A subscription's plan is its `metadata.plan` if that is `pro` or `business`;
 * otherwise the best plan among its items, read from each price's `metadata.plan`, else its
 * `lookup_key`, whose first word names the plan (`pro`, `pro_monthly`, `business-yearly`).
 * Anything else is `free`. Status active, trialing or past_due grants the plan; every other
 * status (canceled, unpaid, incomplete, incomplete_expired, paused) means free.
 */
import { type BillingPlan, type PaidInvoice, planRank } from './billing.ts';
import { mulDivRoundHalfUp } from './money.ts';

type Json = Record<string, unknown>;
const rec = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);
/** An id, whether the field holds the id or the expanded object. */
const idOf = (v: unknown): string | null => str(v) ?? str(rec(v)?.id);
/** The elements of an array or of a Stripe list (`{ data: [...] }`). */
const items = (v: unknown): unknown[] => {
  if (Array.isArray(v)) return v;
  const data = rec(v)?.data;
  return Array.isArray(data) ? data : [];
};
const seconds = (s: number): Date => new Date(s * 1000);
/**
 * A Unix time in seconds within ±8.64e9 (about the year 2243, well inside what a Date holds);
 * anything else is no real time.
 */
const epoch = (v: unknown): number | null => {
  const n = int(v);
  return n !== null && Math.abs(n) <= 8.64e9 ? n : null;
};

/** The verified envelope of an event. */
export interface StripeEventEnvelope {
  id: string;
  type: string;
  createdAt: Date;
  object: Json;
}

/** The envelope of a Stripe event, or null if the JSON is not one. */
export function readEnvelope(value: unknown): StripeEventEnvelope | null {
  const event = rec(value);
  const id = str(event?.id);
  const type = str(event?.type);
  const created = epoch(event?.created);
  const object = rec(rec(event?.data)?.object);
  if (!id || !type || created === null || created < 0 || !object) return null;
  return { id, type, createdAt: seconds(created), object };
}

/** Who an event says it belongs to: our account id (metadata) and the provider's customer. */
export interface AccountRef {
  accountId: string | null;
  customerId: string | null;
}

/**
 * A payment of an invoice: the charge and payment intent ids that name it, and what it paid on
 * this invoice where the event says (one payment may pay several invoices); null otherwise.
 */
export interface PaymentLink {
  refs: string[];
  amountCents: number | null;
}

/** A paid invoice as its event tells it: the stored invoice, and what paid it. */
export interface InvoiceFact extends PaidInvoice {
  /** The payments that paid it, where the event names them. */
  payments: PaymentLink[];
}

export interface SubscriptionFact {
  id: string;
  status: string;
  plan: BillingPlan;
  startedAt: Date | null;
  /** Set once the subscription has ended (canceled or expired); it never starts again. */
  endedAt: Date | null;
  /** The event's creation time: a fact from an older event never overwrites a newer one. */
  eventAt: Date;
}

/** One dispute as an event reports it (never an inquiry: those move no money). */
export interface DisputeFact {
  id: string;
  chargeId: string;
  paymentIntentId: string | null;
  /** Older API versions name the invoice on an expanded charge. */
  invoiceId: string | null;
  amountCents: number;
  /** The provider's status; `won` for funds_reinstated. */
  status: string;
}

/** What an event tells, in the terms the engine stores. */
export type BillingFacts =
  | { kind: 'invoice_paid'; account: AccountRef; invoice: InvoiceFact }
  | { kind: 'invoice_payment'; invoiceId: string; payment: PaymentLink }
  | {
      kind: 'charge';
      chargeId: string;
      paymentIntentId: string | null;
      /** Older API versions name the invoice on the charge. */
      invoiceId: string | null;
      /** Cumulative, as the provider reports it; a fact only ever grows. */
      refundedCents: number;
    }
  | { kind: 'dispute'; dispute: DisputeFact }
  | { kind: 'subscription'; account: AccountRef; subscription: SubscriptionFact }
  | { kind: 'customer'; account: AccountRef }
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; reason: string };

const metadataAccount = (...objects: unknown[]): string | null => {
  for (const o of objects) {
    const id = str(rec(rec(o)?.metadata)?.account_id);
    if (id) return id;
  }
  return null;
};

const invalid = (reason: string): BillingFacts => ({ kind: 'invalid', reason });

/** The facts an event carries. Unknown types are ignored; malformed known ones are invalid. */
export function factsOf(event: StripeEventEnvelope): BillingFacts {
  const o = event.object;
  switch (event.type) {
    case 'invoice.paid':
      return invoiceFacts(o, event.createdAt);
    case 'invoice_payment.paid': {
      const invoiceId = idOf(o.invoice);
      if (!invoiceId) return invalid('invoice_payment without an invoice');
      return { kind: 'invoice_payment', invoiceId, payment: paymentLink(o) };
    }
    case 'charge.refunded': {
      const chargeId = str(o.id);
      const refunded = int(o.amount_refunded);
      if (!chargeId || refunded === null || refunded < 0) return invalid('charge without an id or amount_refunded');
      return {
        kind: 'charge',
        chargeId,
        paymentIntentId: idOf(o.payment_intent),
        invoiceId: idOf(o.invoice),
        refundedCents: refunded,
      };
    }
    case 'charge.dispute.created':
    case 'charge.dispute.updated':
    case 'charge.dispute.closed':
    case 'charge.dispute.funds_withdrawn':
    case 'charge.dispute.funds_reinstated': {
      const disputeId = str(o.id);
      const chargeId = idOf(o.charge);
      const amount = int(o.amount);
      if (!disputeId || !chargeId || amount === null || amount < 0) {
        return invalid('dispute without an id, a charge or an amount');
      }
      // The dispute's own status decides, funds_reinstated included: Stripe also reinstates the
      // refunded part of a partially refunded payment whose dispute was lost.
      const status = str(o.status) ?? 'needs_response';
      // An inquiry (warning_*) moves no money; if it becomes a chargeback, funds_withdrawn follows.
      if (status.startsWith('warning_')) return { kind: 'ignored', reason: 'inquiry, no funds withdrawn' };
      const charge = rec(o.charge);
      return {
        kind: 'dispute',
        dispute: {
          id: disputeId,
          chargeId,
          paymentIntentId: idOf(o.payment_intent) ?? idOf(charge?.payment_intent),
          invoiceId: idOf(charge?.invoice),
          amountCents: amount,
          status,
        },
      };
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
      return subscriptionFacts(o, event.type === 'customer.subscription.deleted', event.createdAt);
    case 'customer.created':
    case 'customer.updated': {
      const customerId = str(o.id);
      if (!customerId) return invalid('customer without an id');
      return { kind: 'customer', account: { accountId: metadataAccount(o), customerId } };
    }
    default:
      return { kind: 'ignored', reason: `${event.type} is not used` };
  }
}

const MAX_INT = 2_147_483_647;
const refsOf = (ids: (string | null)[]): string[] => [...new Set(ids.filter((r): r is string => r !== null))];

/**
 * An invoice payment's link: its payment's charge or payment intent (on `payment`, or on the
 * object itself in some versions) and what it paid on its invoice (`amount_paid`, set once paid).
 */
function paymentLink(o: Json): PaymentLink {
  const payment = rec(o.payment);
  const amount = int(o.amount_paid);
  return {
    refs: refsOf([idOf(payment?.charge), idOf(payment?.payment_intent), idOf(o.charge), idOf(o.payment_intent)]),
    // Stored as an int, like every amount here; one that does not fit is as good as unknown.
    amountCents: amount !== null && amount >= 0 && amount <= MAX_INT ? amount : null,
  };
}

/** The taxes on an invoice: `total_taxes` now, `tax` or `total_tax_amounts` before 2025-03-31. */
function invoiceTaxCents(o: Json): number | null {
  const sum = (list: unknown[]): number | null =>
    list.reduce<number | null>((acc, t) => {
      const amount = int(rec(t)?.amount);
      return acc === null || amount === null || amount < 0 ? null : acc + amount;
    }, 0);
  if (Array.isArray(o.total_taxes)) return sum(o.total_taxes);
  const tax = int(o.tax);
  if (tax !== null) return tax >= 0 ? tax : null;
  if (Array.isArray(o.total_tax_amounts)) return sum(o.total_tax_amounts);
  return 0;
}

function invoiceFacts(o: Json, eventAt: Date): BillingFacts {
  const id = str(o.id);
  const paid = int(o.amount_paid);
  const currency = str(o.currency)?.toLowerCase();
  const tax = invoiceTaxCents(o);
  if (!id || paid === null || paid < 0 || !currency || tax === null) {
    return invalid('invoice without an id, amount_paid, currency or readable taxes');
  }
  const total = int(o.total) ?? paid;
  // When credit covered part of the invoice, only the paid share of its tax is in the payment.
  const taxCents = Math.min(paid, total > paid && total > 0 ? mulDivRoundHalfUp(tax, paid, total) : tax);
  const details = rec(rec(o.parent)?.subscription_details) ?? rec(o.subscription_details);
  const paidAt = epoch(rec(o.status_transitions)?.paid_at);
  // Before 2025-03-31 the invoice names its one payment; since, each of its invoice payments.
  // Only paid ones: an open or canceled invoice payment moved no money.
  const payments = items(o.payments)
    .map((p) => rec(p) ?? {})
    .filter((p) => p.status === undefined || p.status === 'paid')
    .map(paymentLink);
  const legacy = refsOf([idOf(o.charge), idOf(o.payment_intent)]);
  if (legacy.length) payments.unshift({ refs: legacy, amountCents: null });
  return {
    kind: 'invoice_paid',
    account: { accountId: metadataAccount(details, o, o.customer), customerId: idOf(o.customer) },
    invoice: {
      id,
      subscriptionId: idOf(details?.subscription) ?? idOf(o.subscription),
      amountPaidCents: paid,
      taxCents,
      currency,
      paidAt: paidAt !== null ? seconds(paidAt) : eventAt,
      payments: payments.filter((p) => p.refs.length),
    },
  };
}

const TERMINAL_STATUSES = new Set(['canceled', 'incomplete_expired']);

/** `pro`, `business` or null, from a metadata value or the first word of a lookup key. */
export function planFromKey(key: unknown): BillingPlan | null {
  const word = str(key)
    ?.toLowerCase()
    .split(/[^a-z]/)[0];
  return word === 'pro' || word === 'business' ? word : null;
}

/** The plan a subscription is for, whatever its status (see the rule at the top). */
export function planOfSubscription(o: Json): BillingPlan {
  const own = planFromKey(rec(o.metadata)?.plan);
  if (own) return own;
  let best: BillingPlan = 'free';
  for (const item of items(o.items)) {
    const price = rec(rec(item)?.price) ?? rec(rec(item)?.plan);
    const plan = planFromKey(rec(price?.metadata)?.plan) ?? planFromKey(price?.lookup_key);
    if (plan && planRank(plan) > planRank(best)) best = plan;
  }
  return best;
}

function subscriptionFacts(o: Json, deleted: boolean, eventAt: Date): BillingFacts {
  const id = str(o.id);
  const status = deleted ? 'canceled' : str(o.status);
  if (!id || !status) return invalid('subscription without an id or status');
  const ended = deleted || TERMINAL_STATUSES.has(status);
  const endedAt = epoch(o.ended_at) ?? epoch(o.canceled_at);
  const startedAt = epoch(o.start_date);
  return {
    kind: 'subscription',
    account: { accountId: metadataAccount(o, o.customer), customerId: idOf(o.customer) },
    subscription: {
      id,
      status,
      plan: planOfSubscription(o),
      startedAt: startedAt !== null ? seconds(startedAt) : null,
      endedAt: ended ? (endedAt !== null ? seconds(endedAt) : eventAt) : null,
      eventAt,
    },
  };
}
