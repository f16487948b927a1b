import { describeEntry, maskEmail } from '../../domain/rewards-text.ts';
import type { Db } from '../client.ts';
import type { LedgerEntry } from './ledger.ts';

/**
 * What an ambassador's Rewards page reads: its clicks, its referees and its ledger. Every query
 * is scoped by the ambassador's own account id. Referees' e-mails leave this module masked
 * only, so no route can show one whole by mistake.
 */

export interface ClickStats {
  total: number;
  unique: number;
  last30Days: number;
  uniqueLast30Days: number;
}

/**
 * Clicks on the ambassador's links, bots left out; unique counts distinct visitors' networks
 * (the salted IP hash), which is what a click row knows of its visitor. Read from the rollups
 * every click write keeps: the totals ever (migration 0023); since `since`, the whole UTC days
 * after its own from the daily ones (0024: stats_days, and click_last_days, the addresses by
 * the day of their last click), and the rest of its day from the clicks and from each
 * address's last click (0023).
 */
export async function clickStats(db: Db, accountId: string, since: Date): Promise<ClickStats> {
  const { rows } = await db.query<ClickStats>(
    `with since as (
       select ($2::timestamptz at time zone 'UTC')::date + 1 as next_day,
              (($2::timestamptz at time zone 'UTC')::date + 1)::timestamp at time zone 'UTC' as next_midnight
     )
     select coalesce((select clicks from click_totals where account_id = $1), 0)::int as total,
       coalesce((select addresses from click_totals where account_id = $1), 0)::int as "unique",
       ((select coalesce(sum(d.clicks), 0) from stats_days d, since
         where d.account_id = $1 and d.kind = 'all' and d.day >= since.next_day)
        + (select count(*) from clicks c, since
           where c.account_id = $1 and not c.bot and c.created_at >= $2 and c.created_at < since.next_midnight)
       )::int as "last30Days",
       ((select coalesce(sum(l.addresses), 0) from click_last_days l, since
         where l.account_id = $1 and l.kind = 'all' and l.day >= since.next_day)
        + (select count(*) from click_addresses a, since
           where a.account_id = $1 and a.last_at >= $2 and a.last_at < since.next_midnight)
       )::int as "uniqueLast30Days"`,
    [accountId, since],
  );
  return rows[0] as ClickStats;
}

export interface ReferralStats {
  signups: number;
  /** Referees with a widget that qualified as installed. */
  installs: number;
  /** Referees with at least one paid invoice of more than nothing. */
  payingCustomers: number;
}

const INSTALLED = `exists (select 1 from widgets w where w.account_id = r.referee_id and w.qualified_at is not null)`;
// paid_days (migration 0026) has a row for each day the account paid an invoice of more than nothing.
const PAYING = `exists (select 1 from paid_days p where p.account_id = r.referee_id)`;

/** How far the ambassador's referees have come: signed up, installed, paying. */
export async function referralStats(db: Db, accountId: string): Promise<ReferralStats> {
  const { rows } = await db.query<ReferralStats>(
    `select count(*)::int as signups, count(*) filter (where ${INSTALLED})::int as installs,
       count(*) filter (where ${PAYING})::int as "payingCustomers"
     from referrals r where r.referrer_id = $1`,
    [accountId],
  );
  return rows[0] as ReferralStats;
}

export interface Referee {
  id: string;
  /** Masked, e.g. `an***@example.com`. */
  email: string;
  signedUpAt: Date;
  source: 'widget' | 'link' | 'banner' | 'param';
  campaign: string | null;
  review: 'none' | 'flagged' | 'approved' | 'rejected';
  installed: boolean;
  paying: boolean;
  /**
   * Net of every entry the referral earned: reversed ones cancel out, clawbacks subtract,
   * reinstatements (won disputes) add back.
   */
  earnedCents: number;
}

/**
 * The ambassador's referees, newest first, `limit` after the referral `before` (keyset, by its
 * public id; another account's id, or an unknown one, gives an empty page).
 */
export async function refereesPage(db: Db, accountId: string, limit: number, before?: string): Promise<Referee[]> {
  const { rows } = await db.query<Referee>(
    `select r.public_id as id, a.email, r.created_at as "signedUpAt", r.source, r.campaign, r.review,
       ${INSTALLED} as installed, ${PAYING} as paying,
       coalesce((select sum(e.amount_cents) from ledger_entries e
                 where e.account_id = r.referrer_id and e.referral_id = r.id), 0)::int as "earnedCents"
     from referrals r join accounts a on a.id = r.referee_id
     where r.referrer_id = $1
       and ($3::text is null
            or (r.created_at, r.id) < (select created_at, id from referrals where public_id = $3 and referrer_id = $1))
     order by r.created_at desc, r.id desc limit $2`,
    [accountId, limit, before ?? null],
  );
  return rows.map((row) => ({ ...row, email: maskEmail(row.email) }));
}

/** A ledger entry as its ambassador sees it: no internal keys, who earned it, and in words. */
export interface RewardsEntry extends Omit<LedgerEntry, 'accountId' | 'referralId' | 'sourceKey'> {
  /** The referee the entry was earned on, masked; null for entries of no referral. */
  referee: string | null;
  /** What the entry is, in words: the reason where one was written, else what earned it. */
  description: string;
}

/**
 * The ambassador's ledger entries, newest first, `limit` after the entry `before` (keyset, by its
 * public id). Every id is a public one: the entry's, its parent's and its payout's.
 */
export async function entriesPage(db: Db, accountId: string, limit: number, before?: string): Promise<RewardsEntry[]> {
  const { rows } = await db.query<Omit<RewardsEntry, 'description'> & { commissionRateBps: number | null }>(
    `select e.public_id as id, e.kind, e.amount_cents as "amountCents", e.state, pe.public_id as "parentId",
       e.invoice_id as "invoiceId", e.widget_id as "widgetId", e.reason, e.created_at as "createdAt",
       e.hold_until as "holdUntil", e.available_at as "availableAt", p.public_id as "payoutId",
       a.email as referee, r.commission_rate_bps as "commissionRateBps"
     from ledger_entries e
     left join ledger_entries pe on pe.id = e.parent_id
     left join payouts p on p.id = e.payout_id
     left join referrals r on r.id = e.referral_id
     left join accounts a on a.id = r.referee_id
     where e.account_id = $1
       and ($3::text is null
            or (e.created_at, e.id) < (select created_at, id from ledger_entries where public_id = $3 and account_id = $1))
     order by e.created_at desc, e.id desc limit $2`,
    [accountId, limit, before ?? null],
  );
  return rows.map(({ commissionRateBps, ...row }) => {
    const referee = row.referee ? maskEmail(row.referee) : null;
    return { ...row, referee, description: describeEntry({ ...row, referee, commissionRateBps }) };
  });
}
