import type { GroupBy, StatsRow } from '../../domain/stats.ts';
import type { Db } from '../client.ts';

/**
 * The column each grouping reads, for clicks (`c`) and for everything that hangs off a
 * referral (`r`). Fixed strings: the request only ever picks a key of this table.
 */
const GROUP_COLUMNS: Record<GroupBy | 'none', { click: string; referral: string }> = {
  source: { click: 'c.source', referral: 'r.source' },
  campaign: { click: 'c.campaign', referral: 'r.campaign' },
  widget: { click: 'c.widget_id', referral: 'r.widget_id' },
  none: { click: 'null::text', referral: 'null::text' },
};

const day = (column: string) => `(${column} at time zone 'UTC')::date`;

/**
 * The owner's statistics from `start` (included) to `end` (excluded), aggregated per day and
 * group, per day, per group and in all, in one pass (grouping sets), so that distinct counts
 * are distinct at every level. domain/stats.ts says what each metric means.
 */
export async function statsRows(
  db: Db,
  input: { accountId: string; start: Date; end: Date; groupBy: GroupBy | null },
): Promise<StatsRow[]> {
  const g = GROUP_COLUMNS[input.groupBy ?? 'none'];
  // Every fact of the range as (day, group, metric, who, cents); `who` is what distinct counts count.
  const facts = `
    select ${day('c.created_at')} as day, ${g.click} as grp, 'click' as metric, c.ip_hash as who, 0 as cents
    from clicks c
    where c.account_id = $1 and not c.bot and c.created_at >= $2 and c.created_at < $3
    union all
    select ${day('r.created_at')}, ${g.referral}, 'signup', null, 0
    from referrals r
    where r.referrer_id = $1 and r.created_at >= $2 and r.created_at < $3
    union all
    select ${day('q.first_at')}, ${g.referral}, 'install', null, 0
    from referrals r
    join lateral (select min(w.qualified_at) as first_at from widgets w where w.account_id = r.referee_id) q on true
    where r.referrer_id = $1 and q.first_at >= $2 and q.first_at < $3
    union all
    select ${day('i.paid_at')}, ${g.referral}, 'paying', r.referee_id, 0
    from referrals r
    join invoices i on i.account_id = r.referee_id
    where r.referrer_id = $1 and i.amount_paid_cents > 0 and i.paid_at >= $2 and i.paid_at < $3
    union all
    select ${day('e.created_at')}, ${g.referral},
           -- a reinstatement only ever gives back a commission (it may head a group of its own)
           case when coalesce(p.kind, e.kind) in ('commission', 'reinstatement') then 'commission' else 'bounty' end,
           null, e.amount_cents
    from ledger_entries e
    left join ledger_entries p on p.id = e.parent_id
    left join referrals r on r.id = e.referral_id
    where e.account_id = $1 and e.created_at >= $2 and e.created_at < $3`;
  const { rows } = await db.query<{
    day: string | null;
    group: string | null;
    allDays: boolean;
    allGroups: boolean;
    clicks: number;
    uniqueClicks: number;
    signups: number;
    installs: number;
    payingCustomers: number;
    commissionCents: string;
    bountyCents: string;
  }>(
    `with facts as (${facts})
     select to_char(day, 'YYYY-MM-DD') as day, grp as "group",
            grouping(day) = 1 as "allDays", grouping(grp) = 1 as "allGroups",
            count(*) filter (where metric = 'click')::int as clicks,
            count(distinct who) filter (where metric = 'click')::int as "uniqueClicks",
            count(*) filter (where metric = 'signup')::int as signups,
            count(*) filter (where metric = 'install')::int as installs,
            count(distinct who) filter (where metric = 'paying')::int as "payingCustomers",
            -- text, not int: a sum over a long range may outgrow 32 bits, and both drivers
            -- return text alike (bigint comes back as a string from one, a BigInt from the other)
            coalesce(sum(cents) filter (where metric = 'commission'), 0)::text as "commissionCents",
            coalesce(sum(cents) filter (where metric = 'bounty'), 0)::text as "bountyCents"
     from facts
     group by grouping sets ((day, grp), (day), (grp), ())`,
    [input.accountId, input.start, input.end],
  );
  return rows.map((row) => ({
    ...row,
    commissionCents: Number(row.commissionCents),
    bountyCents: Number(row.bountyCents),
  }));
}
