import { describe, expect, it } from 'vitest';
import { busiestDay, CHART_METRICS, chartSummary, daySeconds, formatValue, isQuiet, toPlotData } from './chart-data.ts';
import { report, zero } from './fixtures.ts';

const metric = (id: string) => {
  const m = CHART_METRICS.find((x) => x.id === id);
  if (!m) throw new Error(id);
  return m;
};

describe('shaping the statistics for the charts', () => {
  const r = report({
    from: '2026-11-01',
    to: '2026-11-03',
    days: {
      '2026-11-01': { clicks: 3, uniqueClicks: 2 },
      '2026-11-02': { clicks: 5, uniqueClicks: 2, commissionCents: 870, bountyCents: 1000 },
      '2026-11-03': { commissionCents: -300 },
    },
    totals: { uniqueClicks: 3 },
  });

  it('turns the series into uPlot’s aligned arrays: UTC midnights in seconds, then the values', () => {
    expect(daySeconds('2026-11-01')).toBe(Date.UTC(2026, 10, 1) / 1000);
    expect(toPlotData(r.series, metric('clicks'))).toEqual([
      [Date.UTC(2026, 10, 1) / 1000, Date.UTC(2026, 10, 2) / 1000, Date.UTC(2026, 10, 3) / 1000],
      [3, 5, 0],
    ]);
    // Commissions are payment commissions and bounties together, in cents, negative days kept.
    expect(toPlotData(r.series, metric('commissions'))[1]).toEqual([0, 1870, -300]);
  });

  it('has one chart per metric the page promises', () => {
    expect(CHART_METRICS.map((m) => m.label)).toEqual([
      'Clicks',
      'Unique clicks',
      'Sign-ups',
      'Installs',
      'Paying customers',
      'Commissions',
    ]);
    expect(CHART_METRICS.filter((m) => m.money).map((m) => m.id)).toEqual(['commissions']);
  });

  it('says each chart in words, with the report’s total (distinct over the range)', () => {
    expect(busiestDay(r.series, metric('clicks'))?.day).toBe('2026-11-02');
    expect(busiestDay(r.series, metric('signups'))).toBeNull();
    expect(chartSummary(metric('clicks'), r)).toBe(
      'Clicks per day, 1 Nov 2026 to 3 Nov 2026: 8 in all; the most on 2 Nov 2026: 5.',
    );
    expect(chartSummary(metric('unique-clicks'), r)).toBe(
      'Unique clicks per day, 1 Nov 2026 to 3 Nov 2026: 3 in all; the most on 1 Nov 2026: 2.',
    );
    expect(chartSummary(metric('commissions'), r)).toBe(
      'Commissions per day, 1 Nov 2026 to 3 Nov 2026: €15.70 in all; the most on 2 Nov 2026: €18.70.',
    );
    expect(chartSummary(metric('signups'), { ...r, from: '2026-11-01', to: '2026-11-01' })).toBe(
      'Sign-ups per day, 1 Nov 2026: 0 in all.',
    );
  });

  it('formats money as euros and counts as numbers', () => {
    expect(formatValue(metric('commissions'), 123456)).toBe('€1,234.56');
    expect(formatValue(metric('clicks'), 12345)).toBe('12,345');
    expect(metric('commissions').detail?.(r.totals)).toBe('€5.70 on payments, €10.00 in install bounties');
  });

  it('knows a range where nothing happened', () => {
    expect(isQuiet(zero())).toBe(true);
    expect(isQuiet({ ...zero(), commissionCents: -1 })).toBe(false);
  });
});
