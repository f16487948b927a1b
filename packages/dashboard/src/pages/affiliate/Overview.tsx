import { useMemo } from 'preact/hooks';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { Empty } from '../../components/States.tsx';
import { count, date, euros } from '../../format.ts';
import { CHART_METRICS, type ChartMetric, chartSummary, formatValue, isQuiet, toPlotData } from './chart-data.ts';
import { DayChart } from './DayChart.tsx';
import type { Stats } from './types.ts';

function MetricCard({ metric, report, quiet }: { metric: ChartMetric; report: Stats; quiet: boolean }) {
  const spec = useMemo(
    () => ({ label: metric.label, format: metric.money ? euros : count, data: toPlotData(report.series, metric) }),
    [report, metric],
  );
  const id = `af-metric-${metric.id}`;
  return (
    <section class="card af-metric" aria-labelledby={id}>
      <h3 id={id} class="af-metric-label">
        {metric.label}
      </h3>
      <p class="stat-value af-metric-value">{formatValue(metric, metric.value(report.totals))}</p>
      <p class="hint">{metric.detail?.(report.totals) ?? metric.note}</p>
      {!quiet && <DayChart spec={spec} summary={chartSummary(metric, report)} />}
    </section>
  );
}

/** The range's totals, one chart per metric, and every number by day in a table. */
export function Overview({ report }: { report: Stats }) {
  const quiet = isQuiet(report.totals);
  return (
    <>
      <div class="af-metrics">
        {CHART_METRICS.map((m) => (
          <MetricCard key={m.id} metric={m} report={report} quiet={quiet} />
        ))}
      </div>
      {quiet ? (
        <div class="card">
          <Empty title="Nothing happened on these days">
            <p>
              Clicks on your referral link, your banners and your widget's "⚡ by Callbell" footer show here as they
              happen, and so do the sign-ups, installs and payments they bring.
            </p>
          </Empty>
        </div>
      ) : (
        <details class="card af-days">
          <summary>Every number by day</summary>
          <DayTable report={report} />
        </details>
      )}
    </>
  );
}

function DayTable({ report }: { report: Stats }) {
  return (
    <ScrollTable label="Statistics by day" class="af-table">
      <table>
        <caption class="visually-hidden">
          Statistics by day, {date(report.from)} to {date(report.to)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {CHART_METRICS.map((m) => (
              <th key={m.id} scope="col" class="num">
                {m.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.series.map((d) => (
            <tr key={d.day}>
              <th scope="row" class="af-row-head">
                {date(d.day)}
              </th>
              {CHART_METRICS.map((m) => (
                <td key={m.id} class={m.value(d) === 0 ? 'num af-zero' : 'num'}>
                  {formatValue(m, m.value(d))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" class="af-row-head">
              All {count(report.series.length)} days
            </th>
            {CHART_METRICS.map((m) => (
              <td key={m.id} class="num">
                {formatValue(m, m.value(report.totals))}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </ScrollTable>
  );
}
