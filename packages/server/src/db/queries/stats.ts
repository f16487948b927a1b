import { utcDay } from '@callbell/protocol';
import { DAY_MS } from '../../domain/clock.ts';
import { type GroupBy, type StatsRow, zeroMetrics } from '../../domain/stats.ts';
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

/**
 * A select's rows as one JSON array per column, in one JSON array. Parsing some 3,700 rows of
 * columns (90 days by widget) cost the client more than the query; building a JSON array per
 * row cost the database twice what one per column does.
 */
const jsonColumns = (...columns: string[]) =>
  `json_build_array(${columns.map((c) => `coalesce(json_agg(${c}), '[]')`).join(', ')})`;

/**
 * What the statement below answers, columns as jsonColumns writes them; days are counted from
 * the range's first (0).
 * - rollup: the stats_days rows of the range, of the grouping or (`all`) of 'all': clicks,
 *   addresses, paying referees, commission and bounty cents.
 * - referrals: the sign-ups and installs per day and group.
 * - distinct: the distinct counts over the range, addresses or paying referees, of a group
 *   (lvl 3) or in all (lvl 4).
 */
interface StatsColumns {
  rollup: [
    all: boolean[],
    day: number[],
    group: (string | null)[],
    clicks: number[],
    addresses: number[],
    paying: number[],
    commissionCents: number[],
    bountyCents: number[],
  ];
  referrals: [day: number[], group: (string | null)[], signups: number[], installs: number[]];
  distinct: [paying: boolean[], lvl: (3 | 4)[], group: (string | null)[], n: number[]];
}

const emptyRow = (day: string | null, group: string | null, allDays: boolean, allGroups: boolean): StatsRow => ({
  day,
  group,
  allDays,
  allGroups,
  ...zeroMetrics(),
});

/**
 * The rows per day and group, per day, per group and in all, from the statement's columns. Days
 * and cells take their rollup row as it is (one per day and group); groups and the whole range
 * add up their cells and days, but for the distinct counts, which come as counted over the
 * range. `first`: the range's first day; `allKind`: no grouping, so the cells are the days
 * under the null group.
 */
function statsRowsOf({ rollup, referrals, distinct }: StatsColumns, first: Date, allKind: boolean): StatsRow[] {
  const cells = new Map<string | null, Map<string, StatsRow>>();
  const days = new Map<string, StatsRow>();
  const dayNames: string[] = [];
  const dayName = (i: number) => {
    let name = dayNames[i];
    if (name === undefined) {
      name = utcDay(first.getTime() + i * DAY_MS);
      dayNames[i] = name;
    }
    return name;
  };
  const cell = (day: string, group: string | null) => {
    let byDay = cells.get(group);
    if (!byDay) {
      byDay = new Map();
      cells.set(group, byDay);
    }
    let row = byDay.get(day);
    if (!row) {
      row = emptyRow(day, group, false, false);
      byDay.set(day, row);
    }
    return row;
  };
  const dayRow = (day: string) => {
    let row = days.get(day);
    if (!row) {
      row = emptyRow(day, null, false, true);
      days.set(day, row);
    }
    return row;
  };

  const [all, rollupDay, rollupGroup, clicks, addresses, paying, commissionCents, bountyCents] = rollup;
  const fromRollup = (row: StatsRow, i: number) => {
    row.clicks = clicks[i] ?? 0;
    row.uniqueClicks = addresses[i] ?? 0;
    row.payingCustomers = paying[i] ?? 0;
    row.commissionCents = commissionCents[i] ?? 0;
    row.bountyCents = bountyCents[i] ?? 0;
  };
  all.forEach((isAll, i) => {
    const day = dayName(rollupDay[i] ?? 0);
    if (!isAll) fromRollup(cell(day, rollupGroup[i] ?? null), i);
    else {
      fromRollup(dayRow(day), i);
      if (allKind) fromRollup(cell(day, null), i);
    }
  });
  const [referralDay, referralGroup, signups, installs] = referrals;
  referralDay.forEach((d, i) => {
    const day = dayName(d);
    for (const row of [cell(day, referralGroup[i] ?? null), dayRow(day)]) {
      row.signups += signups[i] ?? 0;
      row.installs += installs[i] ?? 0;
    }
  });
  const distinctOf = { addresses: new Map<string | null, number>(), paying: new Map<string | null, number>() };
  let rangeAddresses = 0;
  let rangePaying = 0;
  const [isPaying, lvl, distinctGroup, n] = distinct;
  lvl.forEach((level, i) => {
    const count = n[i] ?? 0;
    if (level === 3) (isPaying[i] ? distinctOf.paying : distinctOf.addresses).set(distinctGroup[i] ?? null, count);
    else if (isPaying[i]) rangePaying = count;
    else rangeAddresses = count;
  });

  const add = (sum: StatsRow, row: StatsRow) => {
    sum.clicks += row.clicks;
    sum.signups += row.signups;
    sum.installs += row.installs;
    sum.commissionCents += row.commissionCents;
    sum.bountyCents += row.bountyCents;
  };
  const rows: StatsRow[] = [];
  // every group has cells: whatever a distinct count counts in the range is counted in a day too
  for (const [group, byDay] of cells) {
    const sum = emptyRow(null, group, true, false);
    for (const row of byDay.values()) {
      rows.push(row);
      add(sum, row);
    }
    sum.uniqueClicks = distinctOf.addresses.get(group) ?? 0;
    sum.payingCustomers = distinctOf.paying.get(group) ?? 0;
    rows.push(sum);
  }
  const total = emptyRow(null, null, true, true);
  for (const row of days.values()) {
    rows.push(row);
    add(total, row);
  }
  total.uniqueClicks = rangeAddresses;
  total.payingCustomers = rangePaying;
  rows.push(total);
  return rows;
}

/**
 * The owner's statistics from `start` (included) to `end` (excluded), both midnights UTC,
 * aggregated per day and group, per day, per group and in all, so that distinct counts are
 * distinct at every level. domain/stats.ts says what each metric means.
 *
 * Clicks, ledger cents and paying referees come from stats_days (migrations 0024 to 0026), a
 * row per day and group and per day; the sums per group and in all add those up (statsRowsOf,
 * from what one statement returns). Distinct
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
  const { rows } = await db.query<{ columns: string }>(
    `with range as (
       select ${day('$2::timestamptz')} as first, ${day('$3::timestamptz')} as after
     ), referral_facts as (
       select ${day('r.created_at')} as day, ${g.referral} as grp, 1 as signups, 0 as installs
       from referrals r
       where r.referrer_id = $1 and r.created_at >= $2 and r.created_at < $3
       union all
       select ${day('q.first_at')}, ${g.referral}, 0, 1
       from referrals r
       join lateral (select min(w.qualified_at) as first_at from widgets w where w.account_id = r.referee_id) q on true
       where r.referrer_id = $1 and q.first_at >= $2 and q.first_at < $3
     ), referral_days as (
       select f.day - range.first as day, f.grp, sum(f.signups) as signups, sum(f.installs) as installs
       from referral_facts f, range group by f.day - range.first, f.grp
     ), distinct_counts as (
       select false as paying, lvl, grp, n from (${rangeAddresses}) a
       union all
       select true, lvl, grp, n from (${rangePaying}) p
     )
     select json_build_object(
       'rollup', (
         select ${jsonColumns(
           `t.kind = 'all'`,
           't.day - range.first',
           't.grp',
           't.clicks',
           't.addresses',
           't.paying',
           't.commission_cents',
           't.bounty_cents',
         )}
         from stats_days t, range
         where t.account_id = $1 and t.kind in ($4, 'all') and t.day >= range.first and t.day < range.after
       ),
       'referrals', (select ${jsonColumns('day', 'grp', 'signups', 'installs')} from referral_days),
       'distinct', (select ${jsonColumns('paying', 'lvl', 'grp', 'n')} from distinct_counts)
     )::text as columns`,
    params,
    // one plan per text: the grouping picks the columns, the clicks after the range the path
    `stats-${g.kind}-${later.clicks ? 'clicks' : 'last'}-${later.paying ? 'paid' : 'last'}`,
  );
  return statsRowsOf(JSON.parse(rows[0]?.columns ?? '{}') as StatsColumns, input.start, g.kind === 'all');
}
