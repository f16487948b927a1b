import type { Tone } from '../../components/Badge.tsx';
import type { Entry, Payout, Referee } from './types.ts';

/** How the Rewards page puts the server's states into words. Pure. */

/** A state in words, and the tone of its badge. */
type Status = { label: string; tone: Tone };

/** A ledger entry's state; an available entry inside an open payout request says so. */
export function entryBadge(e: Pick<Entry, 'state' | 'payoutId'>): Status {
  switch (e.state) {
    case 'pending':
      return { label: 'In its hold', tone: 'info' };
    case 'on_hold':
      return { label: 'Being reviewed', tone: 'warning' };
    case 'available':
      return e.payoutId ? { label: 'In a payout', tone: 'info' } : { label: 'Available', tone: 'success' };
    case 'paid':
      return { label: 'Paid out', tone: 'neutral' };
    case 'reversed':
      return { label: 'Cancelled', tone: 'danger' };
  }
}

export const PAYOUT_STATUS: Record<Payout['status'], Status> = {
  requested: { label: 'Requested', tone: 'info' },
  approved: { label: 'Approved', tone: 'info' },
  paid: { label: 'Paid', tone: 'success' },
  rejected: { label: 'Rejected', tone: 'danger' },
  returned: { label: 'Returned', tone: 'danger' },
};

export const REFEREE_SOURCE: Record<Referee['source'], string> = {
  widget: 'Your widget’s footer',
  link: 'Your referral link',
  banner: 'A banner',
  param: 'Your referral code',
};

export const REVIEW: Record<Referee['review'], Status | null> = {
  none: null,
  flagged: { label: 'Being reviewed', tone: 'warning' },
  approved: { label: 'Approved after review', tone: 'success' },
  rejected: { label: 'Not eligible', tone: 'danger' },
};

/** Earnings not yet available, one line per earning: its net and when (or whether) it becomes available. */
export interface Upcoming {
  id: string;
  description: string;
  netCents: number;
  state: 'pending' | 'on_hold';
  /** When the hold ends (pending); null while the referral is reviewed. */
  availableOn: string | null;
}

/**
 * The pending and on-hold earnings among `entries`, each with what was taken back from it in
 * its hold (a reversal shares its parent's state and hold), soonest first; reviewed ones last.
 * Entries come newest first, so a reversal is always listed before its parent; a reversal
 * whose parent is on a page not loaded yet stands on its own.
 */
export function upcomingEarnings(entries: readonly Entry[]): Upcoming[] {
  const groups = new Map<string, Upcoming>();
  for (const e of [...entries].reverse()) {
    if (e.state !== 'pending' && e.state !== 'on_hold') continue;
    const parent = e.parentId ? groups.get(e.parentId) : undefined;
    if (parent) {
      parent.netCents += e.amountCents;
      continue;
    }
    groups.set(e.id, {
      id: e.id,
      description: e.description,
      netCents: e.amountCents,
      state: e.state,
      availableOn: e.state === 'pending' ? e.holdUntil : null,
    });
  }
  const time = (u: Upcoming) => (u.availableOn ? Date.parse(u.availableOn) : Number.POSITIVE_INFINITY);
  return [...groups.values()].filter((u) => u.netCents !== 0).sort((a, b) => time(a) - time(b));
}
