import { count, date, euros } from '../../format.ts';
import type { Day, Totals } from './types.ts';

/**
 * What the statistics' charts show, shaped from the API's report: pure, so it is tested
 * without a canvas. Money stays in cents; only the formatters turn it into euros.
 */

type Metrics = Omit<Day, 'day'>;

export interface ChartMetric {
  id: string;
  /** The tile's and the chart's name. */
  label: string;
  money: boolean;
  value: (m: Metrics) => number;
  /** What the total means. */
  note: string;
  /** What the total is made of, where the tile says more than the note. */
  detail?: (totals: Totals) => string;
}

export const CHART_METRICS: readonly ChartMetric[] = [
  { id: 'clicks', label: 'Clicks', money: false, value: (m) => m.clicks, note: 'on your links, bots left out' },
  {
    id: 'unique-clicks',
    label: 'Unique clicks',
    money: false,
    value: (m) => m.uniqueClicks,
    note: 'different visitors, each counted once in the total',
  },
  { id: 'signups', label: 'Sign-ups', money: false, value: (m) => m.signups, note: 'accounts created' },
  {
    id: 'installs',
    label: 'Installs',
    money: false,
    value: (m) => m.installs,
    note: 'people you brought whose widget went live',
  },
  {
    id: 'paying',
    label: 'Paying customers',
    money: false,
    value: (m) => m.payingCustomers,
    note: 'people you brought who paid, each counted once in the total',
  },
  {
    id: 'commissions',
    label: 'Commissions',
    money: true,
    value: (m) => m.commissionCents + m.bountyCents,
    note: 'on payments and installs, minus refunds',
    detail: (t) => `${euros(t.commissionCents)} on payments, ${euros(t.bountyCents)} in install bounties`,
  },
];

/** A value as the tiles, axes and summaries write it. */
export const formatValue = (metric: Pick<ChartMetric, 'money'>, n: number): string =>
  metric.money ? euros(n) : count(n);

/** Midnight UTC of a `YYYY-MM-DD` day, in seconds: the x value uPlot takes. */
export const daySeconds = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 1000;

/** The report's days as uPlot's aligned arrays: x (seconds), then the metric's value per day. */
export function toPlotData(series: readonly Day[], metric: Pick<ChartMetric, 'value'>): [number[], number[]] {
  return [series.map((d) => daySeconds(d.day)), series.map((d) => metric.value(d))];
}

/** The day with the highest value (the first of equals), or null if every day is zero or less. */
export function busiestDay(series: readonly Day[], metric: Pick<ChartMetric, 'value'>): Day | null {
  let best: Day | null = null;
  for (const d of series) if (metric.value(d) > 0 && (!best || metric.value(d) > metric.value(best))) best = d;
  return best;
}

/**
 * The chart in words, for screen readers (and anyone): the range, the total, the best day.
 * The total is the report's, so distinct counts are distinct over the range.
 */
export function chartSummary(
  metric: ChartMetric,
  report: { from: string; to: string; series: readonly Day[]; totals: Totals },
): string {
  const top = busiestDay(report.series, metric);
  const total = formatValue(metric, metric.value(report.totals));
  const span = report.from === report.to ? date(report.from) : `${date(report.from)} to ${date(report.to)}`;
  const best = top ? `; the most on ${date(top.day)}: ${formatValue(metric, metric.value(top))}` : '';
  return `${metric.label} per day, ${span}: ${total} in all${best}.`;
}

/** Whether nothing at all happened in the report's range (every total zero). */
export const isQuiet = (totals: Totals): boolean => Object.values(totals).every((n) => n === 0);
