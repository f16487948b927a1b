/** How the demo console puts the server's codes and answers into words, and reads amounts typed in euros. Pure. */
import type { ResponseOf } from '../../api/client.ts';
import type { Tone } from '../../components/Badge.tsx';
import { PLAN_NAME, plural } from '../../format.ts';

export type DemoConsole = ResponseOf<'/api/admin/demo'>;
export type DemoInvoice = DemoConsole['invoices'][number];
export type DemoSubscription = DemoConsole['subscriptions'][number];
/** What moving the clock did: renewals billed, earnings made available, install bounties reversed. */
export type ClockMoved = ResponseOf<'/api/admin/demo/clock', 'post'>;
export type DisputeStep = 'open' | 'won' | 'lost';

type Status = { label: string; tone: Tone };

const DISPUTE: Record<string, Status> = {
  needs_response: { label: 'Open', tone: 'warning' },
  won: { label: 'Won', tone: 'success' },
  lost: { label: 'Lost', tone: 'danger' },
};

/** The invoice's dispute, as a badge; null when there is none. */
export function disputeBadge(status: string | null): Status | null {
  if (!status) return null;
  return DISPUTE[status] ?? { label: status.replace(/_/g, ' '), tone: 'neutral' };
}

const COMMISSION: Record<string, Status> = {
  pending: { label: 'In its hold', tone: 'info' },
  on_hold: { label: 'Held for review', tone: 'warning' },
  available: { label: 'Available', tone: 'success' },
  paid: { label: 'Paid out', tone: 'neutral' },
  reversed: { label: 'Reversed', tone: 'danger' },
};

/** The referrer's commission's state, as a badge. */
export const commissionBadge = (state: string | null): Status =>
  (state && COMMISSION[state]) || { label: state ? state.replace(/_/g, ' ') : 'Unknown', tone: 'neutral' };

const SUBSCRIPTION: Record<string, Status> = {
  active: { label: 'Active', tone: 'success' },
  trialing: { label: 'Trial', tone: 'info' },
  past_due: { label: 'Payment overdue', tone: 'warning' },
};

export const subscriptionBadge = (status: string): Status =>
  SUBSCRIPTION[status] ?? { label: status.replace(/_/g, ' '), tone: 'neutral' };

/** "Pro"; a plan this page does not know is shown as the server names it. */
export const planName = (plan: string): string => PLAN_NAME[plan as keyof typeof PLAN_NAME] ?? plan;

/** What is left of an invoice to refund or dispute. */
export const leftCents = (i: DemoInvoice): number => Math.max(0, i.amountPaidCents - i.refundedCents);

/**
 * Whether the invoice can be refunded: something is left, and no dispute is open or lost
 * (as with Stripe, a disputed payment is settled by the dispute, not by a refund).
 */
export const canRefund = (i: DemoInvoice): boolean =>
  leftCents(i) > 0 && i.disputeStatus !== 'needs_response' && i.disputeStatus !== 'lost';

/** The dispute steps that follow from where the invoice is: open one, or close the open one. */
export function disputeSteps(i: DemoInvoice): DisputeStep[] {
  if (i.disputeStatus === 'needs_response') return ['won', 'lost'];
  if (!i.disputeStatus && leftCents(i) > 0) return ['open'];
  return [];
}

/** The most the clock moves at once (the server's limit). */
export const MAX_SKIP_DAYS = 90;

/** A number of days typed to skip: a whole number from 1 to MAX_SKIP_DAYS, or null. */
export function daysOf(typed: string): number | null {
  if (!/^\s*\d{1,3}\s*$/.test(typed)) return null;
  const n = Number(typed);
  return n >= 1 && n <= MAX_SKIP_DAYS ? n : null;
}

/** What moving the clock did, in words: "2 earnings became available; 1 install bounty reversed: …". */
export function clockReport(moved: ClockMoved): string {
  const parts: string[] = [];
  if (moved.renewed) parts.push(`${plural(moved.renewed, 'subscription renewal')} billed`);
  if (moved.available) {
    parts.push(`${plural(moved.available, 'earning')} became available`);
  }
  if (moved.reversed) {
    parts.push(
      `${plural(moved.reversed, 'install bounty', 'install bounties')} reversed: ${
        moved.reversed === 1 ? 'its widget was' : 'their widgets were'
      } not seen`,
    );
  }
  return parts.length ? `${parts.join('; ')}.` : 'No hold ended and nothing was reversed.';
}

/**
 * An amount typed in euros, in cents: "12.50", "12,50", "€12.5" and "12" are read; anything
 * else (a minus, thousands separators, a third decimal) is null. Integer arithmetic only.
 */
export function centsOf(typed: string): number | null {
  const m = /^€?\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*€?$/.exec(typed.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Cents as a person types euros: 3900 → "39.00". */
export const typedEuros = (cents: number): string =>
  `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
