import { utcDay } from '@callbell/protocol';
import { DAY_MS } from './clock.ts';

/**
 * The affiliate statistics, pure: date ranges, day series with every day present, grouping,
 * and CSV. Days are UTC calendar days written `YYYY-MM-DD`.
 *
 * What each metric counts (the SQL in db/queries/stats.ts implements this):
 * - clicks: the owner's referral-link clicks not marked as bots, by the click's day.
 * - uniqueClicks: distinct (salted, hashed) addresses among those clicks.
 * - signups: referrals bound to the owner, by the day the referee signed up.
 * - installs: the owner's referees, on the day their first widget qualified as installed
 *   (the behaviour, not the bounty: a bounty may be written later, or never if rejected).
 * - payingCustomers: distinct referees with an invoice of more than zero paid that day.
 * - commissionCents: recurring commission entries written that day, minus the reversals and
 *   clawbacks of commission entries written that day, plus the reinstatements written that day
 *   (a won dispute giving a commission back), whatever the entries' state now (pending, on
 *   hold, available or paid). A take-back or give-back counts on its own day, so a day can be
 *   negative.
 * - bountyCents: the same for install bounties and their reversals.
 * Non-click metrics are grouped by the referral's source, campaign and widget, clicks by the
 * click's own. Counts add up across days and groups; distinct counts (uniqueClicks,
 * payingCustomers) are distinct within the cell they describe (a day, a group, the range),
 * so a total can be less than the sum of its parts.
 */

export const GROUP_BYS = ['source', 'campaign', 'widget'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** Every referral source, shown even when zero so a series never has a missing column. */
export const SOURCES = ['widget', 'link', 'banner', 'param'] as const;

export const METRICS = [
  'clicks',
  'uniqueClicks',
  'signups',
  'installs',
  'payingCustomers',
  'commissionCents',
  'bountyCents',
] as const;
export type Metric = (typeof METRICS)[number];
export type Metrics = Record<Metric, number>;

/**
 * One aggregate from the database. `day` is null for an all-days row and `group` for an
 * all-groups row; `allDays`/`allGroups` say so, because a null group is also a real group
 * (no campaign, no widget).
 */
export interface StatsRow extends Metrics {
  day: string | null;
  group: string | null;
  allDays: boolean;
  allGroups: boolean;
}

export type DayMetrics = { day: string } & Metrics;

export interface GroupStats {
  key: string | null;
  totals: Metrics;
  series: DayMetrics[];
}

export interface StatsReport {
  from: string;
  to: string;
  groupBy: GroupBy | null;
  totals: Metrics;
  series: DayMetrics[];
  groups: GroupStats[];
  /** Groups left out beyond the limit (the least active); the totals still include them. */
  omittedGroups: number;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
/** The first day there is: Postgres's calendar, like the Gregorian, has no year 0. */
const FIRST_DAY = '0001-01-01';

/** Midnight UTC of a `YYYY-MM-DD` day that exists in the calendar (0001-01-01 on), or null. */
export function parseDay(day: string): Date | null {
  if (!DAY_RE.test(day) || day < FIRST_DAY) return null;
  const at = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(at.getTime()) || utcDay(at.getTime()) !== day ? null : at;
}

/** The day `n` days after (or before, if negative) `day`. */
export const shiftDay = (day: string, n: number): string => utcDay(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS);

/** Every day from `from` to `to`, both included. */
export function dayRange(from: string, to: string): string[] {
  const days: string[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); ms <= end; ms += DAY_MS) {
    days.push(utcDay(ms));
  }
  return days;
}

export type RangeResult =
  | { ok: true; from: string; to: string; start: Date; end: Date }
  | { ok: false; code: 'invalid_date' | 'bad_range' | 'range_too_long'; message: string };

/**
 * The range a request asks for: `to` defaults to today, `from` to `defaultDays` days ending
 * at `to`. `start` and `end` bound it as instants, `end` excluded (midnight after `to`).
 */
export function resolveRange(
  query: { from?: string | undefined; to?: string | undefined },
  today: string,
  { defaultDays, maxDays }: { defaultDays: number; maxDays: number },
): RangeResult {
  for (const name of ['from', 'to'] as const) {
    const value = query[name];
    if (value !== undefined && !parseDay(value)) {
      return {
        ok: false,
        code: 'invalid_date',
        message: `${name} must be a calendar day as YYYY-MM-DD, from ${FIRST_DAY} on`,
      };
    }
  }
  const to = query.to ?? today;
  const from = query.from ?? shiftDay(to, 1 - defaultDays);
  if (from > to) return { ok: false, code: 'bad_range', message: `from (${from}) is after to (${to})` };
  if (from < FIRST_DAY) return { ok: false, code: 'bad_range', message: `The range would begin before ${FIRST_DAY}` };
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (days > maxDays) {
    return {
      ok: false,
      code: 'range_too_long',
      message: `A range covers at most ${maxDays} days; this one has ${days}`,
    };
  }
  return { ok: true, from, to, start: new Date(`${from}T00:00:00Z`), end: new Date(`${shiftDay(to, 1)}T00:00:00Z`) };
}

export const zeroMetrics = (): Metrics => ({
  clicks: 0,
  uniqueClicks: 0,
  signups: 0,
  installs: 0,
  payingCustomers: 0,
  commissionCents: 0,
  bountyCents: 0,
});

const metricsOf = (row: Metrics): Metrics => {
  const m = zeroMetrics();
  for (const k of METRICS) m[k] = row[k];
  return m;
};

/** Busiest first, so that a cut keeps the groups that matter; the key breaks ties. */
function byActivity(a: [string | null, Metrics], b: [string | null, Metrics]): number {
  for (const k of ['signups', 'clicks', 'payingCustomers', 'installs'] as const) {
    if (a[1][k] !== b[1][k]) return b[1][k] - a[1][k];
  }
  const money = Math.abs(b[1].commissionCents) - Math.abs(a[1].commissionCents);
  if (money !== 0) return money;
  if (a[0] === b[0]) return 0;
  if (a[0] === null) return 1;
  if (b[0] === null) return -1;
  return a[0] < b[0] ? -1 : 1;
}

/**
 * The report from the database's aggregates: the totals, one entry per day of the range with
 * zeros where nothing happened, and the same per group (at most `maxGroups`, busiest first;
 * for `source`, every source in a fixed order).
 */
export function assembleStats(input: {
  from: string;
  to: string;
  groupBy: GroupBy | null;
  rows: StatsRow[];
  maxGroups: number;
}): StatsReport {
  const { from, to, groupBy, rows, maxGroups } = input;
  const days = dayRange(from, to);
  const zero = zeroMetrics();
  // One object literal per day, of one shape: a 90-day report by widget has some 4,600.
  const fill = (byDay: Map<string, Metrics> | undefined): DayMetrics[] =>
    days.map((day) => {
      const m = byDay?.get(day) ?? zero;
      return {
        day,
        clicks: m.clicks,
        uniqueClicks: m.uniqueClicks,
        signups: m.signups,
        installs: m.installs,
        payingCustomers: m.payingCustomers,
        commissionCents: m.commissionCents,
        bountyCents: m.bountyCents,
      };
    });

  let totals = zeroMetrics();
  const dayTotals = new Map<string, Metrics>();
  const groupTotals = new Map<string | null, Metrics>();
  const cells = new Map<string | null, Map<string, Metrics>>();
  for (const row of rows) {
    if (row.allDays && row.allGroups) totals = metricsOf(row);
    else if (row.allGroups && row.day !== null) dayTotals.set(row.day, row);
    else if (row.allDays) groupTotals.set(row.group, metricsOf(row));
    else if (row.day !== null) {
      // read by fill(), which copies the metrics alone
      const byDay = cells.get(row.group) ?? new Map<string, Metrics>();
      byDay.set(row.day, row);
      cells.set(row.group, byDay);
    }
  }
  const report: StatsReport = { from, to, groupBy, totals, series: fill(dayTotals), groups: [], omittedGroups: 0 };
  if (!groupBy) return report;

  let keys: (string | null)[];
  if (groupBy === 'source') {
    keys = [...SOURCES, ...[...groupTotals.keys()].filter((k) => !SOURCES.includes(k as (typeof SOURCES)[number]))];
  } else {
    keys = [...groupTotals.entries()].sort(byActivity).map(([key]) => key);
  }
  report.omittedGroups = Math.max(0, keys.length - maxGroups);
  report.groups = keys.slice(0, maxGroups).map((key) => ({
    key,
    totals: groupTotals.get(key) ?? zeroMetrics(),
    series: fill(cells.get(key)),
  }));
  return report;
}

/** Characters that make a spreadsheet read a cell as a formula (or hide one behind them). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180). Text that a spreadsheet would run as a formula is prefixed with
 * `'`, so a campaign named `=HYPERLINK(…)` stays text; numbers are written as numbers.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const CSV_COLUMNS: Record<Metric, string> = {
  clicks: 'clicks',
  uniqueClicks: 'unique_clicks',
  signups: 'signups',
  installs: 'installs',
  payingCustomers: 'paying_customers',
  commissionCents: 'commission_cents',
  bountyCents: 'bounty_cents',
};

/**
 * The report as CSV: a header row, then one row per day, or per day and group (in the report's
 * group order; no campaign or no widget is an empty cell). CRLF line ends.
 */
export function statsCsv(report: StatsReport): string {
  const header = ['day', ...(report.groupBy ? [report.groupBy] : []), ...METRICS.map((m) => CSV_COLUMNS[m])];
  const lines = [header.map(csvCell).join(',')];
  // Days are YYYY-MM-DD and metrics integers: cells as they are. Only a group's key is text
  // from outside, made a cell once per group. The columns follow METRICS.
  const row = (prefix: string, d: DayMetrics) =>
    lines.push(
      `${prefix}${d.clicks},${d.uniqueClicks},${d.signups},${d.installs},${d.payingCustomers},${d.commissionCents},${d.bountyCents}`,
    );
  if (!report.groupBy) {
    for (const d of report.series) row(`${d.day},`, d);
  } else {
    const keys = report.groups.map((g) => `,${csvCell(g.key)},`);
    report.series.forEach((_, i) => {
      report.groups.forEach((g, k) => {
        const d = g.series[i];
        if (d) row(`${d.day}${keys[k]}`, d);
      });
    });
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A file name for the CSV download: only safe characters, from the range and grouping. */
export const statsFilename = (report: StatsReport): string =>
  `callbell-stats_${report.from}_${report.to}${report.groupBy ? `_by-${report.groupBy}` : ''}.csv`;
