import type { Db } from '../client.ts';

export interface NewReferral {
  referrerId: string;
  refereeId: string;
  clickId: string | null;
  source: 'widget' | 'link' | 'banner' | 'param';
  campaign: string | null;
  widgetId: string | null;
  installBountyCents: number;
  commissionRateBps: number;
  holdDays: number;
  flaggedReason: string | null;
  createdAt: Date;
}

/** Binds a referee to its referrer, with the terms in force now; once per referee. */
export async function insertReferral(db: Db, r: NewReferral): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `insert into referrals (referrer_id, referee_id, click_id, source, campaign, widget_id, install_bounty_cents,
       commission_rate_bps, hold_days, flagged_reason, review, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     on conflict (referee_id) do nothing
     returning id::text`,
    [
      r.referrerId,
      r.refereeId,
      r.clickId,
      r.source,
      r.campaign,
      r.widgetId,
      r.installBountyCents,
      r.commissionRateBps,
      r.holdDays,
      r.flaggedReason,
      r.flaggedReason ? 'flagged' : 'none',
      r.createdAt,
    ],
  );
  return rows[0]?.id ?? null;
}

/** A click as the referral needs it, if it belongs to this referrer. */
export async function findClick(
  db: Db,
  clickId: string,
  referrerId: string,
): Promise<{
  id: string;
  source: 'widget' | 'link' | 'banner';
  campaign: string | null;
  widgetId: string | null;
} | null> {
  const { rows } = await db.query<{
    id: string;
    source: 'widget' | 'link' | 'banner';
    campaign: string | null;
    widgetId: string | null;
  }>(`select id::text, source, campaign, widget_id as "widgetId" from clicks where id = $1 and account_id = $2`, [
    clickId,
    referrerId,
  ]);
  return rows[0] ?? null;
}

/** The referral that binds a referee, with its terms; null if the account was not referred. */
export async function referralOfReferee(
  db: Db,
  refereeId: string,
): Promise<{
  id: string;
  referrerId: string;
  commissionRateBps: number;
  holdDays: number;
  review: 'none' | 'flagged' | 'approved' | 'rejected';
} | null> {
  const { rows } = await db.query<{
    id: string;
    referrerId: string;
    commissionRateBps: number;
    holdDays: number;
    review: 'none' | 'flagged' | 'approved' | 'rejected';
  }>(
    `select id::text, referrer_id as "referrerId", commission_rate_bps as "commissionRateBps",
            hold_days as "holdDays", review
     from referrals where referee_id = $1`,
    [refereeId],
  );
  return rows[0] ?? null;
}
