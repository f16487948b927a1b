/**
 * The rules that turn billing facts (domain/stripe-facts.ts) into commissions and plans:
 * which plan a subscription grants, which event about a subscription is the newer, what an
 * invoice earns, and what a refund or a dispute takes back or gives back. Pure.
 */

import { apportionCents, commissionCents, euros, mulDivRoundHalfUp, netOfTaxCents } from './money.ts';
import type { SubscriptionFact } from './stripe-facts.ts';

export const PLANS = ['free', 'pro', 'business'] as const;
export type BillingPlan = (typeof PLANS)[number];

/** The currency the programme pays in; invoices in another currency earn no commission. */
export const PROGRAMME_CURRENCY = 'eur';

const PAYING_STATUSES = new Set(['active', 'trialing', 'past_due']);

/** Plans in the order of what they include: free < pro < business. */
export const planRank = (plan: BillingPlan): number => PLANS.indexOf(plan);

/** The plan a subscription grants its account now: its plan while it is paid for, else free. */
export const grantedPlan = (s: Pick<SubscriptionFact, 'status' | 'plan' | 'endedAt'>): BillingPlan =>
  PAYING_STATUSES.has(s.status) && !s.endedAt ? s.plan : 'free';

/** An account's plan: the best its subscriptions grant (several may overlap during a change). */
export const accountPlan = (subscriptions: Pick<SubscriptionFact, 'status' | 'plan' | 'endedAt'>[]): BillingPlan =>
  subscriptions.map(grantedPlan).reduce<BillingPlan>((a, b) => (planRank(b) > planRank(a) ? b : a), 'free');

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

/**
 * One refund total (of a charge) or one dispute on a payment of an invoice, with every invoice
 * that payment paid and its weight: what the payment paid on it, else the invoice's amount
 * paid, else 0 (an invoice linked before its own event came).
 */
export interface TakenOnPayment {
  kind: 'refund' | 'dispute';
  /** The charge's id for a refund total, the dispute's id for a dispute. */
  key: string;
  /** A dispute's status; null for a refund. */
  status: string | null;
  amountCents: number;
  sharers: { invoiceId: string; weightCents: number }[];
}

/**
 * An invoice's share of what was taken on its payments. A payment that paid one invoice is all
 * its own; one that paid several is shared by weight (`apportionCents`, the invoices in id
 * order), so the shares of one refund add up to it whichever invoice is worked out first.
 * Disputes count only while open or lost (`disputeCounts`).
 */
export function shareOfTaken(
  invoiceId: string,
  taken: readonly TakenOnPayment[],
): { refundedCents: number; disputedCents: number; sharedWith: string[] } {
  let refundedCents = 0;
  let disputedCents = 0;
  const others = new Set<string>();
  for (const t of taken) {
    const sharers = [...t.sharers].sort((a, b) => (a.invoiceId < b.invoiceId ? -1 : a.invoiceId > b.invoiceId ? 1 : 0));
    const mine = sharers.findIndex((s) => s.invoiceId === invoiceId);
    if (mine < 0) continue;
    for (const s of sharers) if (s.invoiceId !== invoiceId) others.add(s.invoiceId);
    const share = apportionCents(
      t.amountCents,
      sharers.map((s) => s.weightCents),
    )[mine] as number;
    if (t.kind === 'refund') refundedCents += share;
    else if (t.status === null || disputeCounts(t.status)) disputedCents += share;
  }
  return { refundedCents, disputedCents, sharedWith: [...others].sort() };
}

/**
 * The reason shown on a reinstatement: a dispute won, or a smaller share of what was taken on a
 * payment now known to have paid other invoices too.
 */
export function reinstatementReason(input: {
  invoiceId: string;
  cause: 'dispute' | 'payment';
  sharedWith: string[];
}): string {
  const { invoiceId, cause, sharedWith } = input;
  if (cause === 'dispute') return `Dispute won: invoice ${invoiceId}'s commission given back`;
  if (sharedWith.length) {
    const verb = sharedWith.length > 1 ? 'share' : 'shares';
    return `Invoice ${invoiceId}'s share of a refund or dispute is smaller now that ${sharedWith.join(', ')} ${verb} its payment: commission given back`;
  }
  return `Invoice ${invoiceId}: less is taken back than before; commission given back`;
}

/** The reason shown on a take-back entry. */
export function takeBackReason(input: {
  invoiceId: string;
  refundedCents: number;
  disputedCents: number;
  earns: boolean;
  /** Other invoices its payments paid: the amounts are then this invoice's share. */
  sharedWith?: string[];
}): string {
  const { invoiceId, refundedCents, disputedCents, earns, sharedWith = [] } = input;
  if (!earns) return `Invoice ${invoiceId} was paid after the subscription ended`;
  const parts = [
    refundedCents > 0 ? `${euros(refundedCents)} refunded` : null,
    disputedCents > 0 ? `${euros(disputedCents)} disputed` : null,
  ].filter(Boolean);
  const what = disputedCents > 0 ? (refundedCents > 0 ? 'Refund and dispute' : 'Dispute') : 'Refund';
  const shared = sharedWith.length ? `, its share of a payment it shares with ${sharedWith.join(', ')}` : '';
  return `${what} on invoice ${invoiceId} (${parts.join(', ')}${shared})`;
}
