import type { Db } from '../db/client.ts';
import { queueEmail } from '../db/queries/emails.ts';
import { reverseGroup, takeBack, takenBackCents } from '../db/queries/ledger.ts';
import {
  type LockedReferral,
  lockReferral,
  onHoldOriginals,
  releaseOnHold,
  reviewedWithHolds,
  setReview,
} from '../db/queries/referral-review.ts';
import { maskEmail } from '../domain/rewards-text.ts';
import { HttpError } from '../errors.ts';

/**
 * The operator's review of flagged referrals. What a flagged referral earns waits on hold
 * until a person decides: approved, it goes back to the ordinary hold; rejected, each entry is
 * taken back whole with the reason shown to the ambassador.
 */

/** Refuses a decision on a referral that is not this operator's to take, or not waiting for one. */
function checkReviewable(referral: LockedReferral | null, id: string, adminId: string): LockedReferral {
  if (!referral) throw new HttpError(404, 'not_found', `No referral ${id}`);
  // The operator is an ambassador too: a review of a referral it is part of (as the referrer
  // paid by it, or the referee it names) is another operator's.
  if (referral.referrerId === adminId || referral.refereeId === adminId) {
    throw new HttpError(403, 'own_referral', 'An operator cannot review a referral their own account is part of');
  }
  if (referral.review !== 'flagged') {
    throw new HttpError(409, 'not_flagged', `Referral ${id} is not waiting for review (it is ${referral.review})`);
  }
  return referral;
}

async function reviewFlagged(
  db: Db,
  id: string,
  adminId: string,
  fn: (tx: Db, referral: LockedReferral) => Promise<void>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const referral = checkReviewable(await lockReferral(tx, id), id, adminId);
    await fn(tx, referral);
  });
}

/** Most referrals an operator decides at once (a cluster). */
export const MAX_DECIDED_AT_ONCE = 200;

/**
 * Several flagged referrals of one referrer (a cluster) decided together, in one transaction:
 * every one is checked as a single decision would be, and if any is refused, none is decided.
 * Locked in id order, so two operators deciding overlapping clusters cannot deadlock.
 */
async function reviewFlaggedTogether(
  db: Db,
  ids: readonly string[],
  adminId: string,
  fn: (tx: Db, referral: LockedReferral) => Promise<void>,
): Promise<void> {
  const sorted = [...new Set(ids)].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  if (!sorted.length) throw new HttpError(400, 'invalid_request', 'referralIds: name at least one referral');
  if (sorted.length > MAX_DECIDED_AT_ONCE) {
    throw new HttpError(400, 'invalid_request', `referralIds: at most ${MAX_DECIDED_AT_ONCE} at once`);
  }
  await db.transaction(async (tx) => {
    const locked: LockedReferral[] = [];
    for (const id of sorted) locked.push(checkReviewable(await lockReferral(tx, id), id, adminId));
    if (new Set(locked.map((r) => r.referrerId)).size > 1) {
      throw new HttpError(400, 'not_one_referrer', 'Referrals decided together must have one referrer (one cluster)');
    }
    for (const referral of locked) await fn(tx, referral);
  });
}

/** Tells the referrer how the review of its held referral ended (inside the decision's transaction). */
async function tellReferrer(tx: Db, referral: LockedReferral, note: string | null | undefined, now: Date) {
  const { rows } = await tx.query<{ email: string }>('select email from accounts where id = $1', [referral.refereeId]);
  const referee = maskEmail(rows[0]?.email ?? '');
  await queueEmail(tx, {
    accountId: referral.referrerId,
    message: note === undefined ? { kind: 'referral_approved', referee } : { kind: 'referral_rejected', referee, note },
    dedupeKey: `referral_reviewed:${referral.id}`,
    now,
  });
}

/**
 * The operator clears a flagged referral: its on-hold entries go back to their ordinary hold
 * (maturing at the next tick if it is over), and later earnings start pending.
 */
export function approveReferral(db: Db, id: string, by: { adminId: string; now: Date }): Promise<void> {
  return reviewFlagged(db, id, by.adminId, (tx, referral) => approve(tx, referral, by));
}

/** Approves several flagged referrals of one referrer at once (a cluster), or none. */
export function approveReferrals(db: Db, ids: readonly string[], by: { adminId: string; now: Date }): Promise<void> {
  return reviewFlaggedTogether(db, ids, by.adminId, (tx, referral) => approve(tx, referral, by));
}

/**
 * Approving is also approving its install by hand: a bounty waiting for its page to be found
 * becomes available at the end of its hold without it (domain/ledger.ts bountyAtHoldEnd).
 */
async function approve(tx: Db, referral: LockedReferral, by: { adminId: string; now: Date }) {
  await setReview(tx, referral.id, { review: 'approved', reviewedBy: by.adminId, reviewedAt: by.now, note: null });
  await releaseOnHold(tx, referral.id, by.now);
  await tellReferrer(tx, referral, undefined, by.now);
}

const rejectionReason = (note: string | null) => `Rejected by the operator after review${note ? `: ${note}` : ''}`;

/**
 * The operator rejects a flagged referral: each on-hold entry is taken back whole, so it ends
 * 'reversed' with the reason shown to the ambassador, and the referral earns nothing more.
 */
export function rejectReferral(
  db: Db,
  id: string,
  input: { note: string | null; adminId: string; now: Date },
): Promise<void> {
  return reviewFlagged(db, id, input.adminId, (tx, referral) => reject(tx, referral, input));
}

/** Rejects several flagged referrals of one referrer at once (a cluster), or none. */
export function rejectReferrals(
  db: Db,
  ids: readonly string[],
  input: { note: string | null; adminId: string; now: Date },
): Promise<void> {
  return reviewFlaggedTogether(db, ids, input.adminId, (tx, referral) => reject(tx, referral, input));
}

async function reject(tx: Db, referral: LockedReferral, input: { note: string | null; adminId: string; now: Date }) {
  const { id } = referral;
  await setReview(tx, id, { review: 'rejected', reviewedBy: input.adminId, reviewedAt: input.now, note: input.note });
  await reverseOnHold(tx, id, rejectionReason(input.note), input.now);
  await tellReferrer(tx, referral, input.note, input.now);
}

/** Takes back whole each on-hold entry of a rejected referral (call with the referral locked). */
async function reverseOnHold(tx: Db, referralId: string, reason: string, now: Date): Promise<void> {
  for (const entry of await onHoldOriginals(tx, referralId)) {
    const remaining = entry.amountCents - (await takenBackCents(tx, entry.id));
    if (remaining > 0) {
      await takeBack(tx, entry, { cents: remaining, sourceKey: `referral_rejected:${entry.id}`, reason, now });
    } else {
      // Nothing left to take (a zero bounty, or fully reversed already): only the state moves.
      await reverseGroup(tx, entry.id);
    }
  }
}

/**
 * Settles entries written on hold after their referral was decided: a commission or bounty
 * whose transaction read the referral just before the operator's decision committed. Run by
 * the ledger's tick, so such an entry waits at most one tick, never for good.
 */
export async function settleReviewedHolds(db: Db, now: Date): Promise<number> {
  let settled = 0;
  for (const { id } of await reviewedWithHolds(db)) {
    await db.transaction(async (tx) => {
      const referral = await lockReferral(tx, id);
      if (referral?.review === 'approved') await releaseOnHold(tx, id, now);
      else if (referral?.review === 'rejected') await reverseOnHold(tx, id, rejectionReason(referral.note), now);
      else return;
      settled++;
    });
  }
  return settled;
}
