import type { GroupBy, StatsRow } from '../../domain/stats.ts';
import type { Db } from '../client.ts';

/**
 * The column each grouping reads on a referral and on a click, and the kind of group the
 * rollups keep it under (migrations 0024 to 0026). Fixed strings: the request only ever picks
 * a key of this table.
 */
const GROUPS: Record<GroupBy | 'none', { kind: string; referral: string; click: string }> = {
  source: { kind: 'source', referral: 'r.source', click: 'c.source' },
  campaign: { kind: 'campaign', referral: 'r.campaign', click: 'c.campaign' },
  widget: { kind: 'widget', referral: 'r.widget_id', click: 'c.widget_id' },
  none: { kind: 'all', referral: 'null::text', click: 'null::text' },
};

const day = (column: string) => `(${column} at time zone 'UTC')::date`;

/** The rows of stats_days (`t`) in the range, of one kind of group. */
const rollup = (kind: string) =>
  `stats_days t, range where t.account_id = $1 and t.kind = ${kind} and t.day >= range.first and t.day < range.after`;

const METRIC_SUMS = `sum(clicks) as clicks, sum(unique_clicks) as unique_clicks, sum(signups) as signups,
  sum(installs) as installs, sum(paying) as paying, sum(commission_cents) as commission_cents,
  sum(bounty_cents) as bounty_cents`;

/**
 * A rollup of last days (`table`, its count in `column`) as distinct counts over the range:
 * what was last seen from the range's first day on, per group (lvl 3) and in all (lvl 4).
 */
const lastDays = (table: string, column: string) =>
  `select 3 as lvl, t.grp collate "C" as grp, sum(t.${column}) as n
   from ${table} t, range
   where t.account_id = $1 and t.kind = $4 and t.day >= range.first and t.${column} <> 0
   group by t.grp
   union all
   select 4, null, coalesce(sum(t.${column}), 0)
   from ${table} t, range where t.account_id = $1 and t.kind = 'all' and t.day >= range.first`;

/** A row's metrics from columns named as METRIC_SUMS names them, but for the three given. */
const ROW_METRICS = (clicks: string, uniqueClicks: string, paying: string) =>
  `coalesce(${clicks}, 0)::int as clicks, coalesce(${uniqueClicks}, 0)::int as "uniqueClicks",
   coalesce(signups, 0)::int as signups, coalesce(installs, 0)::int as installs,
   coalesce(${paying}, 0)::int as "payingCustomers",
   -- text, not int: a sum over a long range may outgrow 32 bits, and both drivers return text
   -- alike (bigint comes back as a string from one, a BigInt from the other)
   coalesce(commission_cents, 0)::text as "commissionCents", coalesce(bounty_cents, 0)::text as "bountyCents"`;

/**
 * The owner's statistics from `start` (included) to `end` (excluded), both midnights UTC,
 * aggregated per day and group, per day, per group and in all, so that distinct counts are
 * distinct at every level. domain/stats.ts says what each metric means.
 *
 * Clicks, ledger cents and paying referees come from stats_days (migrations 0024 to 0026), a
 * row per day and group and per day; the sums per group and in all add those up. Distinct
 * counts over the range do not add up: they come from click_last_days and paying_last_days
 * (what was seen last in the range) when nothing of them happened after the range, as for a
 * range that ends today; else from the clicks, and from paid_days one look per referee.
 * Sign-ups and installs come from the referrals, a few a day.
 */
export async function statsRows(
  db: Db,
  input: { accountId: string; start: Date; end: Date; groupBy: GroupBy | null },
): Promise<StatsRow[]> {
  const g = GROUPS[input.groupBy ?? 'none'];
  const params = [input.accountId, input.start, input.end, g.kind];
  // Whether anything counted distinctly happened after the range: then the range's distinct
  // counts cannot come from the last days, and are counted from the facts.
  const { rows: after } = await db.query<{ clicks: boolean; paying: boolean }>(
    `select coalesce(bool_or(clicks > 0), false) as clicks, coalesce(bool_or(paying > 0), false) as paying
     from stats_days where account_id = $1 and kind = 'all' and day >= ${day('$2::timestamptz')}`,
    [input.accountId, input.end],
    'stats-after-range',
  );
  const later = { clicks: after[0]?.clicks ?? true, paying: after[0]?.paying ?? true };
  // The distinct addresses over the range, per group and in all (grp null, lvl 4).
  const rangeAddresses = later.clicks
    ? `select case when grouping(grp) = 1 then 4 else 3 end as lvl, grp, count(distinct ip_hash) as n
       from (select ${g.click} collate "C" as grp, c.ip_hash from clicks c
             where c.account_id = $1 and not c.bot and c.created_at >= $2 and c.created_at < $3) c
       group by grouping sets ((grp), ())`
    : lastDays('click_last_days', 'addresses');
  // The paying referees over the range, likewise; a referee is bound by one referral, so it is
  // in one group.
  const rangePaying = later.paying
    ? `select case when grouping(grp) = 1 then 4 else 3 end as lvl, grp, count(*) as n
       from (select ${g.referral} collate "C" as grp from referrals r, range
             where r.referrer_id = $1
               and exists (select 1 from paid_days p
                           where p.account_id = r.referee_id and p.day >= range.first and p.day < range.after)) r
       group by grouping sets ((grp), ())`
    : lastDays('paying_last_days', 'referees');
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
    `with range as (
       select ${day('$2::timestamptz')} as first, ${day('$3::timestamptz')} as after
     ), referral_facts as (
       select ${day('r.created_at')} as day, ${g.referral} collate "C" as grp, 1 as signups, 0 as installs
       from referrals r
       where r.referrer_id = $1 and r.created_at >= $2 and r.created_at < $3
       union all
       select ${day('q.first_at')}, ${g.referral}, 0, 1
       from referrals r
       join lateral (select min(w.qualified_at) as first_at from widgets w where w.account_id = r.referee_id) q on true
       where r.referrer_id = $1 and q.first_at >= $2 and q.first_at < $3
     ), cells as (
       -- one stats_days row at most per day and group: max() takes it, without a sum's numeric
       select day, grp, max(clicks) as clicks, max(unique_clicks) as unique_clicks, sum(signups) as signups,
              sum(installs) as installs, max(paying) as paying, max(commission_cents) as commission_cents,
              max(bounty_cents) as bounty_cents
       from (
         select t.day, t.grp collate "C" as grp, t.clicks, t.addresses as unique_clicks, null::int as signups,
                null::int as installs, t.paying, t.commission_cents, t.bounty_cents
         from ${rollup('$4')}
         union all
         select day, grp, null, null, signups, installs, null, null, null from referral_facts
       ) f
       group by day, grp
     ), days as (
       select day, max(clicks) as clicks, max(unique_clicks) as unique_clicks, sum(signups) as signups,
              sum(installs) as installs, max(paying) as paying, max(commission_cents) as commission_cents,
              max(bounty_cents) as bounty_cents
       from (
         select t.day, t.clicks, t.addresses as unique_clicks, null::int as signups, null::int as installs, t.paying,
                t.commission_cents, t.bounty_cents
         from ${rollup(`'all'`)}
         union all
         select day, null, null, signups, installs, null, null, null from referral_facts
       ) f
       group by day
     ), distinct_counts as (
       select lvl, grp, n as addresses, 0 as paying from (${rangeAddresses}) a
       union all
       select lvl, grp, 0, n from (${rangePaying}) p
     ), group_distinct as (
       select grp, sum(addresses) as addresses, sum(paying) as paying from distinct_counts where lvl = 3 group by grp
     ), groups as (
       select grp, ${METRIC_SUMS} from cells group by grp
     )
     select to_char(day, 'YYYY-MM-DD') as day, grp as "group", false as "allDays", false as "allGroups",
            ${ROW_METRICS('clicks', 'unique_clicks', 'paying')}
     from cells
     union all
     select to_char(day, 'YYYY-MM-DD'), null, false, true, ${ROW_METRICS('clicks', 'unique_clicks', 'paying')}
     from days
     union all
     -- every group has cells: whatever a distinct count counts in the range is counted in a day too
     select null, g.grp, true, false, ${ROW_METRICS('clicks', 'd.addresses', 'd.paying')}
     from groups g left join group_distinct d on d.grp is not distinct from g.grp
     union all
     select null, null, true, true, ${ROW_METRICS('clicks', 'd.addresses', 'd.paying')}
     from (select ${METRIC_SUMS} from days) t,
          (select sum(addresses) as addresses, sum(paying) as paying from distinct_counts where lvl = 4) d`,
    params,
    // one plan per text: the grouping picks the columns, the clicks after the range the path
    `stats-${g.kind}-${later.clicks ? 'clicks' : 'last'}-${later.paying ? 'paid' : 'last'}`,
  );
  return rows.map((row) => ({
    ...row,
    commissionCents: Number(row.commissionCents),
    bountyCents: Number(row.bountyCents),
  }));
}
