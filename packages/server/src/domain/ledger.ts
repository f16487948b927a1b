import { DAY_MS } from './clock.ts';

/**
 * The ledger's rules, pure. An entry's amount never changes; its state only moves forward:
 *
 *   pending ──hold ends──▶ available ──payout paid──▶ paid
 *   on_hold (flagged) ──operator approves──▶ pending
 *   pending ──its referral flagged on later evidence──▶ on_hold
 *   pending | on_hold ──taken back whole──▶ reversed
 *
 * save one way back: a paid payout that the bank or PayPal returns never reached the
 * ambassador, so the entries it paid are available again (paid ──payout returned──▶ available),
 * once, with the payout marked returned and its reason kept.
 *
 * Taking money back appends an entry: a `reversal` while the original is still in its hold
 * (it shares the original's state and matures with it), a `clawback` once the original has
 * become available (it is available at once, and may make the balance negative). When a
 * reversal brings an original's net to zero, the original and its reversals all become
 * `reversed`: a reversed group always sums to zero, so the sum of every entry is the sum of
 * the balances.
 *
 * Giving money back (a dispute the merchant won) appends a `reinstatement`, positive, placed as
 * the take-back it undoes would have been (see reinstatementPlacement): in a group still in its
 * hold it shares the group's state and matures with it; after the hold it is available at once;
 * and a group already `reversed` never comes back (states only move forward), so the
 * reinstatement starts a new group of its own, a fresh earning with its own hold. A group's
 * net (original, take-backs and reinstatements) is what decides that it is taken back whole.
 */

export const ENTRY_KINDS = ['install_bounty', 'commission', 'reversal', 'clawback', 'reinstatement'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const ENTRY_STATES = ['pending', 'on_hold', 'available', 'paid', 'reversed'] as const;
export type EntryState = (typeof ENTRY_STATES)[number];

/** How an operator's review of a referral affects the entries it earns. */
export type ReferralReview = 'none' | 'flagged' | 'approved' | 'rejected';

/** The state a new earning starts in; null when the referral earns nothing (rejected). */
export function initialState(review: ReferralReview): 'pending' | 'on_hold' | null {
  if (review === 'rejected') return null;
  return review === 'flagged' ? 'on_hold' : 'pending';
}

/**
 * Whether taking money back from an entry in `state` is a reversal (still in its hold, never
 * available) or a clawback (it became available, and may have been paid out already).
 */
export function takeBackKind(state: EntryState): 'reversal' | 'clawback' | null {
  if (state === 'pending' || state === 'on_hold') return 'reversal';
  if (state === 'available' || state === 'paid') return 'clawback';
  return null;
}

/**
 * Where money given back to an entry's group goes, by the state of the group's original:
 * `with_hold` (still in its hold: the reinstatement shares its state and hold), `available`
 * (the hold is over: available at once, the mirror of a clawback) or `fresh` (the group was
 * reversed and stays so: a new top-level earning with a hold of its own).
 */
export function reinstatementPlacement(state: EntryState): 'with_hold' | 'available' | 'fresh' {
  if (state === 'pending' || state === 'on_hold') return 'with_hold';
  if (state === 'available' || state === 'paid') return 'available';
  return 'fresh';
}

/**
 * The install bounty needs the referee's widget seen alive when the hold ends: a ping from a
 * public page (localhost or a private name never counts) no earlier than `livenessDays`
 * before the end of the hold (a later one counts too: the check
 * may run after the hold has ended).
 */
export function aliveAtHoldEnd(lastPingAt: Date | null, holdUntil: Date, livenessDays: number): boolean {
  if (!lastPingAt) return false;
  return lastPingAt.getTime() >= holdUntil.getTime() - livenessDays * DAY_MS;
}

/** What the install checks of a referee's widgets found (domain/install-verification.ts). */
export interface RefereeChecks {
  /** One of its pages was found carrying a widget's snippet. */
  found: boolean;
  /** A check is still trying. */
  checking: boolean;
}

/**
 * What becomes of an install bounty whose hold has ended:
 * - `reverse`: the widget was not seen alive (aliveAtHoldEnd), whatever else is known;
 * - `available`: its page was found carrying the snippet, or the operator approved the
 *   referral by hand (having seen the check's result among its evidence);
 * - `wait`: the page is still being checked (or its check was never queued: the tick queues
 *   it), so the bounty stays pending, neither paid nor dropped;
 * - `hold`: every check ended without finding the snippet: the referral goes to the operator,
 *   and the bounty on hold with it. Weak evidence is never paid, and never silently dropped.
 */
export function bountyAtHoldEnd(input: {
  alive: boolean;
  review: ReferralReview;
  checks: RefereeChecks | null;
}): 'available' | 'reverse' | 'wait' | 'hold' {
  if (!input.alive) return 'reverse';
  if (input.review === 'approved' || input.checks?.found) return 'available';
  if (!input.checks || input.checks.checking) return 'wait';
  return 'hold';
}

export interface Balances {
  /** In their hold period. */
  pendingCents: number;
  /** Flagged for the operator's review. */
  onHoldCents: number;
  /** Can be requested as a payout now (may be negative after a clawback). */
  availableCents: number;
  /** Held by an open payout request. */
  processingCents: number;
  paidCents: number;
  /**
   * Taken back inside holds (reversals), shown to the ambassador, never part of a balance.
   * Gross, as the history is: what a won dispute gives back is a `reinstatement` entry, counted
   * in the balance of its state like any earning, and never subtracted here (which of a
   * group's reversals or clawbacks it undoes is not a fact the entries record).
   */
  reversedCents: number;
  /** Taken back after holds (clawbacks); gross too. */
  clawedBackCents: number;
  /** Given back by won disputes (reinstatements): shown beside the gross amounts taken back. */
  reinstatedCents: number;
}

export interface EntryLike {
  kind: EntryKind;
  state: EntryState;
  amountCents: number;
  payoutId: string | null;
}

/** The balances of a list of entries: the reference the SQL in db/queries/ledger.ts must match. */
export function balancesOf(entries: Iterable<EntryLike>): Balances {
  const b: Balances = {
    pendingCents: 0,
    onHoldCents: 0,
    availableCents: 0,
    processingCents: 0,
    paidCents: 0,
    reversedCents: 0,
    clawedBackCents: 0,
    reinstatedCents: 0,
  };
  for (const e of entries) {
    if (e.kind === 'reversal') b.reversedCents -= e.amountCents;
    if (e.kind === 'clawback') b.clawedBackCents -= e.amountCents;
    if (e.kind === 'reinstatement') b.reinstatedCents += e.amountCents;
    if (e.state === 'pending') b.pendingCents += e.amountCents;
    else if (e.state === 'on_hold') b.onHoldCents += e.amountCents;
    else if (e.state === 'available' && e.payoutId) b.processingCents += e.amountCents;
    else if (e.state === 'available') b.availableCents += e.amountCents;
    else if (e.state === 'paid') b.paidCents += e.amountCents;
  }
  return b;
}
