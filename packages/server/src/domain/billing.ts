/**
 * Stripe events read into the facts the Rewards engine keeps, and the rules that turn those
 * facts into commissions and plans. Pure: the payload is plain JSON (already verified by the
 * route), read defensively because two API shapes are accepted.
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
import { commissionCents, euros, mulDivRoundHalfUp, netOfTaxCents } from './money.ts';

export const PLANS = ['free', 'pro', 'business'] as const;
export type BillingPlan = (typeof PLANS)[number];

/** The currency the programme pays in; invoices in another currency earn no commission. */
export const PROGRAMME_CURRENCY = 'eur';

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
  const created = int(event?.created);
  const object = rec(rec(event?.data)?.object);
  if (!id || !type || created === null || created < 0 || !object) return null;
  return { id, type, createdAt: seconds(created), object };
}

/** Who an event says it belongs to: our account id (metadata) and the provider's customer. */
export interface AccountRef {
  accountId: string | null;
  customerId: string | null;
}

/** A paid invoice as its event tells it: the stored invoice, and what paid it. */
export interface InvoiceFact extends PaidInvoice {
  /** The charges and payment intents that paid it, where the event names them. */
  paymentRefs: string[];
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
  | { kind: 'invoice_payment'; invoiceId: string; paymentRefs: string[] }
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
      const payment = rec(o.payment);
      const refs = [idOf(payment?.charge), idOf(payment?.payment_intent)].filter((r): r is string => r !== null);
      return { kind: 'invoice_payment', invoiceId, paymentRefs: refs };
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
  const paidAt = int(rec(o.status_transitions)?.paid_at);
  const refs = [idOf(o.charge), idOf(o.payment_intent)];
  for (const p of items(o.payments)) {
    const payment = rec(rec(p)?.payment);
    refs.push(idOf(payment?.charge), idOf(payment?.payment_intent));
  }
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
      paymentRefs: [...new Set(refs.filter((r): r is string => r !== null))],
    },
  };
}

const TERMINAL_STATUSES = new Set(['canceled', 'incomplete_expired']);
const PAYING_STATUSES = new Set(['active', 'trialing', 'past_due']);

const planRank = (plan: BillingPlan): number => PLANS.indexOf(plan);

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

/** The plan a subscription grants its account now: its plan while it is paid for, else free. */
export const grantedPlan = (s: Pick<SubscriptionFact, 'status' | 'plan' | 'endedAt'>): BillingPlan =>
  PAYING_STATUSES.has(s.status) && !s.endedAt ? s.plan : 'free';

/** An account's plan: the best its subscriptions grant (several may overlap during a change). */
export const accountPlan = (subscriptions: Pick<SubscriptionFact, 'status' | 'plan' | 'endedAt'>[]): BillingPlan =>
  subscriptions.map(grantedPlan).reduce<BillingPlan>((a, b) => (planRank(b) > planRank(a) ? b : a), 'free');

function subscriptionFacts(o: Json, deleted: boolean, eventAt: Date): BillingFacts {
  const id = str(o.id);
  const status = deleted ? 'canceled' : str(o.status);
  if (!id || !status) return invalid('subscription without an id or status');
  const ended = deleted || TERMINAL_STATUSES.has(status);
  const endedAt = int(o.ended_at) ?? int(o.canceled_at);
  const startedAt = int(o.start_date);
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

const STATUS_ORDER = ['incomplete', 'trialing', 'active', 'past_due', 'unpaid', 'paused'];

/**
 * Whether `incoming` is newer than `existing`, so that applying events in any order leaves the
 * same row: an ended subscription never comes back, then the later event wins, and events of
 * the same second are ordered by status and plan so the outcome never depends on arrival.
 */
export function supersedes(incoming: SubscriptionFact, existing: SubscriptionFact): boolean {
  const key = (s: SubscriptionFact) => [
    s.endedAt ? 1 : 0,
    s.eventAt.getTime(),
    STATUS_ORDER.indexOf(s.status),
    s.status,
    planRank(s.plan),
  ];
  const a = key(incoming);
  const b = key(existing);
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i] as number | string, b[i] as number | string];
    if (x !== y) return x > y;
  }
  return false;
}

/** A stored invoice, as the commission rules need it. */
export interface PaidInvoice {
  id: string;
  subscriptionId: string | null;
  amountPaidCents: number;
  /** The tax in what was paid (never more than it). */
  taxCents: number;
  currency: string;
  paidAt: Date;
}

/** The commission an invoice earns at a rate: on what was paid, net of tax, half up. */
export const invoiceCommissionCents = (invoice: PaidInvoice, rateBps: number): number =>
  commissionCents(netOfTaxCents(invoice.amountPaidCents, invoice.taxCents), rateBps);

/**
 * Whether an invoice is a licence payment made while subscribed: a subscription's invoice, in
 * the programme's currency, paid before the subscription ended (if it has).
 */
export function earnsCommission(invoice: PaidInvoice, subscriptionEndedAt: Date | null): boolean {
  if (!invoice.subscriptionId || invoice.currency !== PROGRAMME_CURRENCY) return false;
  return !subscriptionEndedAt || invoice.paidAt.getTime() < subscriptionEndedAt.getTime();
}

/**
 * How much of an invoice's payment counts as taken back: refunds and disputes together, never
 * more than was paid; all of it if the invoice turned out not to earn (it was paid after its
 * subscription ended, learnt late). Only ever grows as facts arrive.
 */
export function takenCents(input: {
  paidCents: number;
  refundedCents: number;
  disputedCents: number;
  earns: boolean;
}): number {
  if (!input.earns) return input.paidCents;
  return Math.min(input.paidCents, input.refundedCents + input.disputedCents);
}

/**
 * How far along its life a dispute status is: open, lost, appealed after the loss, then settled
 * for the merchant (won, or prevented: a prevented dispute's money moves as a refund, reported
 * apart). Unknown statuses count as open, so money is never given back on a guess.
 */
function disputeStage(status: string): number {
  if (status === 'won' || status === 'prevented') return 3;
  if (status.startsWith('appeal_')) return 2;
  if (status === 'lost') return 1;
  return 0;
}

/**
 * The status to keep when a dispute's `incoming` status arrives and `stored` is known: the one
 * further along, the stored one on a tie. Events arrive in any order, and a dispute never moves
 * back (a settled one is not reopened), so the outcome is the same whatever the order. A loss
 * is not the end, as Stripe's dispute statuses show: an appeal may follow it and win.
 */
export function keptDisputeStatus(stored: string, incoming: string): string {
  return disputeStage(incoming) > disputeStage(stored) ? incoming : stored;
}

/** Whether a dispute's amount counts as taken back: every status but won and prevented. */
export const disputeCounts = (status: string): boolean => disputeStage(status) !== 3;

/**
 * How a commission must change for what is taken back on its invoice now: positive, take that
 * much back; negative, give that much back (a dispute was won); zero, nothing. What should be
 * taken back is the commission's share of `takenCents` (see takenCents), half up, never more
 * than the commission; `takenBackSoFarCents` is what billing took back less what it gave back.
 */
export function commissionAdjustmentCents(input: {
  commissionCents: number;
  paidCents: number;
  takenCents: number;
  takenBackSoFarCents: number;
}): number {
  const { commissionCents, paidCents, takenCents: taken, takenBackSoFarCents } = input;
  const owed =
    taken === 0
      ? 0
      : Math.min(commissionCents, mulDivRoundHalfUp(commissionCents, Math.min(taken, paidCents), paidCents));
  return owed - takenBackSoFarCents;
}

/** The reason shown on a reinstatement. */
export const reinstatementReason = (invoiceId: string): string =>
  `Dispute won: invoice ${invoiceId}'s commission given back`;

/** The reason shown on a take-back entry. */
export function takeBackReason(input: {
  invoiceId: string;
  refundedCents: number;
  disputedCents: number;
  earns: boolean;
}): string {
  const { invoiceId, refundedCents, disputedCents, earns } = input;
  if (!earns) return `Invoice ${invoiceId} was paid after the subscription ended`;
  const parts = [
    refundedCents > 0 ? `${euros(refundedCents)} refunded` : null,
    disputedCents > 0 ? `${euros(disputedCents)} disputed` : null,
  ].filter(Boolean);
  const what = disputedCents > 0 ? (refundedCents > 0 ? 'Refund and dispute' : 'Dispute') : 'Refund';
  return `${what} on invoice ${invoiceId} (${parts.join(', ')})`;
}
