import type { CheckOutcome, CheckState } from '../../domain/install-verification.ts';
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
  evidence: ReviewEvidence;
}

/**
 * What the platform knows that bears on a referral, for the operator to weigh. Sign-ups and
 * clicks are compared by the salted hash of their whole address (the addresses themselves were
 * never stored): the same address, not the same network, so one household's IPv6 privacy
 * addresses read as different.
 */
export interface ReviewEvidence {
  /** The referee signed up from the address the referrer signed up from; null if either is unknown. */
  referrerSameAddress: boolean | null;
  /** The referral's click came from the address the referee then signed up from; null without a click (or address). */
  clickFromRefereeAddress: boolean | null;
  /** Other referees of this referrer who signed up from this referee's address. */
  otherRefereesSameAddress: number;
  click: { at: Date; referringHost: string | null; campaign: string | null; widgetId: string | null } | null;
  referrer: { referrals: number; flagged: number; rejected: number };
  referee: {
    plan: string;
    signedUpAt: Date;
    /** Its first widget that qualified as installed, if any. */
    install: {
      widgetId: string;
      origin: string | null;
      qualifiedAt: Date;
      lastPublicPingAt: Date | null;
      /** Distinct networks its visitors came from on public pages. */
      networks: number;
      /** What the check of its page found (domain/install-verification.ts); null if never queued. */
      check: {
        state: CheckState;
        attempts: number;
        outcome: CheckOutcome | null;
        url: string | null;
        detail: string | null;
        checkedAt: Date | null;
      } | null;
    } | null;
  };
}

/**
 * The referrals `from` picks (a parenthesised select of referrals), with their accounts and
 * what each holds: its entries on hold only, by the partial index kept for this (0026).
 */
const reviewSelect = (from: string) => `select r.id::text, r.referrer_id as "referrerId", ra.email as "referrerEmail",
    r.referee_id as "refereeId", re.email as "refereeEmail", r.source, r.flagged_reason as "flaggedReason",
    r.review, r.review_note as "reviewNote", r.created_at as "createdAt", r.reviewed_at as "reviewedAt",
    coalesce(h.cents, 0)::int as "onHoldCents", coalesce(h.entries, 0)::int as "onHoldEntries"
  from ${from} r
  join accounts ra on ra.id = r.referrer_id
  join accounts re on re.id = r.referee_id
  left join lateral (
    select sum(e.amount_cents) as cents, count(*) filter (where e.parent_id is null) as entries
    from ledger_entries e where e.referral_id = r.id and e.state = 'on_hold'
  ) h on true`;

export type ReviewRow = Omit<ReferralForReview, 'evidence'>;

interface EvidenceRow {
  id: string;
  referrerSameAddress: boolean | null;
  clickFromRefereeAddress: boolean | null;
  otherRefereesSameAddress: number;
  clickedAt: Date | null;
  referringHost: string | null;
  campaign: string | null;
  widgetId: string | null;
  referrerReferrals: number;
  referrerFlagged: number;
  referrerRejected: number;
  refereePlan: string;
  refereeSignedUpAt: Date;
  installWidgetId: string | null;
  installOrigin: string | null;
  installQualifiedAt: Date | null;
  installLastPublicPingAt: Date | null;
  installNetworks: number;
  checkState: CheckState | null;
  checkAttempts: number | null;
  checkOutcome: CheckOutcome | null;
  checkUrl: string | null;
  checkDetail: string | null;
  checkedAt: Date | null;
}

/**
 * The evidence of these referrals, by id. What is counted over a referrer's referrals is
 * counted once per referrer (and once per referrer and sign-up address), not once per row.
 */
async function evidenceOf(db: Db, ids: string[]): Promise<Map<string, ReviewEvidence>> {
  if (!ids.length) return new Map();
  const { rows } = await db.query<EvidenceRow>(
    `with picked as (
       select id, referrer_id, referee_id, click_id, campaign, widget_id from referrals where id = any($1::bigint[])
     ),
     referrers as (
       select o.referrer_id, count(*)::int as referrals,
         (count(*) filter (where o.review = 'flagged'))::int as flagged,
         (count(*) filter (where o.review = 'rejected'))::int as rejected
       from referrals o
       where o.referrer_id in (select referrer_id from picked)
       group by o.referrer_id
     ),
     addresses as (
       select o.referrer_id, oa.signup_ip_hash, count(*)::int as referees
       from referrals o join accounts oa on oa.id = o.referee_id
       where o.referrer_id in (select referrer_id from picked) and oa.signup_ip_hash <> ''
       group by o.referrer_id, oa.signup_ip_hash
     )
     select r.id::text,
       nullif(re.signup_ip_hash, '') = nullif(ra.signup_ip_hash, '') as "referrerSameAddress",
       case when c.id is not null then c.ip_hash = nullif(re.signup_ip_hash, '') end as "clickFromRefereeAddress",
       -- the referee itself is one of the referees counted at its address
       coalesce(ad.referees - 1, 0) as "otherRefereesSameAddress",
       c.created_at as "clickedAt", c.referring_host as "referringHost", r.campaign, r.widget_id as "widgetId",
       rr.referrals as "referrerReferrals", rr.flagged as "referrerFlagged", rr.rejected as "referrerRejected",
       re.plan as "refereePlan", re.created_at as "refereeSignedUpAt",
       w.id as "installWidgetId", w.qualified_origin as "installOrigin", w.qualified_at as "installQualifiedAt",
       w.last_public_ping_at as "installLastPublicPingAt",
       (select count(distinct n.network) from widget_networks n where n.widget_id = w.id and n.public_origin)::int
         as "installNetworks",
       ic.state as "checkState", ic.attempts as "checkAttempts", ic.outcome as "checkOutcome",
       coalesce(ic.found_url, ic.checked_url) as "checkUrl", ic.detail as "checkDetail",
       ic.last_attempt_at as "checkedAt"
     from picked r
     join accounts ra on ra.id = r.referrer_id
     join accounts re on re.id = r.referee_id
     join referrers rr on rr.referrer_id = r.referrer_id
     left join addresses ad on ad.referrer_id = r.referrer_id and ad.signup_ip_hash = re.signup_ip_hash
     left join clicks c on c.id = r.click_id
     left join lateral (
       select id, qualified_origin, qualified_at, last_public_ping_at from widgets
       where account_id = r.referee_id and qualified_at is not null order by qualified_at, id limit 1
     ) w on true
     left join install_checks ic on ic.widget_id = w.id`,
    [ids],
    'review-evidence',
  );
  return new Map(
    rows.map((e) => [
      e.id,
      {
        referrerSameAddress: e.referrerSameAddress,
        clickFromRefereeAddress: e.clickFromRefereeAddress,
        otherRefereesSameAddress: e.otherRefereesSameAddress,
        click: e.clickedAt
          ? { at: e.clickedAt, referringHost: e.referringHost, campaign: e.campaign, widgetId: e.widgetId }
          : null,
        referrer: { referrals: e.referrerReferrals, flagged: e.referrerFlagged, rejected: e.referrerRejected },
        referee: {
          plan: e.refereePlan,
          signedUpAt: e.refereeSignedUpAt,
          install:
            e.installWidgetId && e.installQualifiedAt
              ? {
                  widgetId: e.installWidgetId,
                  origin: e.installOrigin,
                  qualifiedAt: e.installQualifiedAt,
                  lastPublicPingAt: e.installLastPublicPingAt,
                  networks: e.installNetworks,
                  check: e.checkState
                    ? {
                        state: e.checkState,
                        attempts: e.checkAttempts ?? 0,
                        outcome: e.checkOutcome,
                        url: e.checkUrl,
                        detail: e.checkDetail,
                        checkedAt: e.checkedAt,
                      }
                    : null,
                }
              : null,
        },
      },
    ]),
  );
}

/** These referrals with their evidence; one not found is left out. */
export async function withEvidence(db: Db, rows: ReviewRow[]): Promise<ReferralForReview[]> {
  const evidence = await evidenceOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.flatMap((r) => {
    const e = evidence.get(r.id);
    return e ? [{ ...r, evidence: e }] : [];
  });
}

/** Referrals in one review state, oldest first, without their evidence (withEvidence adds it). */
export async function reviewRows(db: Db, review: Review, limit = 200): Promise<ReviewRow[]> {
  const { rows } = await db.query<ReviewRow>(
    `${reviewSelect('(select * from referrals where review = $1 order by created_at, id limit $2)')}
     order by r.created_at, r.id`,
    [review, limit],
    'review-rows',
  );
  return rows;
}

/** One referral as the operator reviews it, with its evidence. */
export async function referralForReview(db: Db, id: string): Promise<ReferralForReview | null> {
  const { rows } = await db.query<ReviewRow>(reviewSelect('(select * from referrals where id = $1)'), [id]);
  return (await withEvidence(db, rows))[0] ?? null;
}

/** How many referrals wait for the operator's review. */
export async function flaggedCount(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from referrals where review = 'flagged'`);
  return rows[0]?.n ?? 0;
}

export interface LockedReferral {
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
