import type { Db } from '../client.ts';
import { ENTRY_COLUMNS, type LedgerEntry } from './ledger.ts';

// The operator's review of flagged referrals: money earned on hold until a person decides.

export type Review = 'none' | 'flagged' | 'approved' | 'rejected';

/** A referral as the operator reviews it: who referred whom, why it was flagged, what waits. */
export interface ReferralForReview {
  id: string;
  referrerId: string;
  referrerEmail: string;
  refereeId: string;
  refereeEmail: string;
  source: string;
  flaggedReason: string | null;
  review: Review;
  reviewNote: string | null;
  createdAt: Date;
  reviewedAt: Date | null;
  /** The net of the entries on hold (originals less what was already taken back). */
  onHoldCents: number;
  onHoldEntries: number;
}

const REVIEW_SELECT = `select r.id::text, r.referrer_id as "referrerId", ra.email as "referrerEmail",
    r.referee_id as "refereeId", re.email as "refereeEmail", r.source, r.flagged_reason as "flaggedReason",
    r.review, r.review_note as "reviewNote", r.created_at as "createdAt", r.reviewed_at as "reviewedAt",
    coalesce(sum(e.amount_cents) filter (where e.state = 'on_hold'), 0)::int as "onHoldCents",
    (count(e.id) filter (where e.state = 'on_hold' and e.parent_id is null))::int as "onHoldEntries"
  from referrals r
  join accounts ra on ra.id = r.referrer_id
  join accounts re on re.id = r.referee_id
  left join ledger_entries e on e.referral_id = r.id`;
const REVIEW_GROUP = 'group by r.id, ra.email, re.email';

/** Referrals in one review state, oldest first. */
export async function referralsForReview(db: Db, review: Review, limit = 200): Promise<ReferralForReview[]> {
  const { rows } = await db.query<ReferralForReview>(
    `${REVIEW_SELECT} where r.review = $1 ${REVIEW_GROUP} order by r.created_at, r.id limit $2`,
    [review, limit],
  );
  return rows;
}

/** One referral as the operator reviews it. */
export async function referralForReview(db: Db, id: string): Promise<ReferralForReview | null> {
  const { rows } = await db.query<ReferralForReview>(`${REVIEW_SELECT} where r.id = $1 ${REVIEW_GROUP}`, [id]);
  return rows[0] ?? null;
}

interface LockedReferral {
  id: string;
  review: Review;
  note: string | null;
  referrerId: string;
  refereeId: string;
}

/** A referral's review state and its two accounts, locked for the rest of the transaction. */
export async function lockReferral(db: Db, id: string): Promise<LockedReferral | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const { rows } = await db.query<LockedReferral>(
    `select id::text, review, review_note as note, referrer_id as "referrerId", referee_id as "refereeId"
     from referrals where id = $1 for update`,
    [id],
  );
  return rows[0] ?? null;
}

/** Records the operator's decision on a referral. */
export async function setReview(
  db: Db,
  id: string,
  d: { review: 'approved' | 'rejected'; reviewedBy: string; reviewedAt: Date; note: string | null },
): Promise<void> {
  await db.query(
    'update referrals set review = $2, reviewed_by = $3, reviewed_at = $4, review_note = $5 where id = $1',
    [id, d.review, d.reviewedBy, d.reviewedAt, d.note],
  );
}

/**
 * An approved referral's entries leave their hold for the ordinary one: on_hold becomes
 * pending with its hold_until kept (or now, if it had none), so the next tick matures what is
 * due. Returns how many entries moved.
 */
export async function releaseOnHold(db: Db, referralId: string, now: Date): Promise<number> {
  return (
    await db.query(
      `update ledger_entries set state = 'pending', hold_until = coalesce(hold_until, $2)
       where referral_id = $1 and state = 'on_hold'`,
      [referralId, now],
    )
  ).rowCount;
}

/** A referral's on-hold original entries (bounties and commissions), locked. */
export async function onHoldOriginals(db: Db, referralId: string): Promise<LedgerEntry[]> {
  const { rows } = await db.query<LedgerEntry>(
    `select ${ENTRY_COLUMNS} from ledger_entries
     where referral_id = $1 and state = 'on_hold' and parent_id is null order by id for update`,
    [referralId],
  );
  return rows;
}

/** Decided referrals that still have entries on hold (see services/referral-review.ts). */
export async function reviewedWithHolds(db: Db): Promise<{ id: string }[]> {
  const { rows } = await db.query<{ id: string }>(
    `select distinct r.id::text from referrals r join ledger_entries e on e.referral_id = r.id
     where r.review in ('approved', 'rejected') and e.state = 'on_hold'`,
  );
  return rows;
}
