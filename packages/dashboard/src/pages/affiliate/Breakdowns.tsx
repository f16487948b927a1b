import type { ComponentChildren } from 'preact';
import { api, type ResponseOf, urlOf } from '../../api/client.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { Empty } from '../../components/States.tsx';
import { plural, widgetLabel } from '../../format.ts';
import type { Resource } from '../../state/resource.ts';
import { CHART_METRICS, formatValue, isQuiet } from './chart-data.ts';
import { RangeAsync } from './parts.tsx';
import type { GroupBy, Stats, Totals } from './types.ts';

/** Where a click or a sign-up came from, in words. */
export const SOURCE_NAMES: Record<string, string> = {
  widget: 'Widget footer',
  link: 'Link',
  banner: 'Banner',
  param: 'Sign-up page',
};

type Widgets = ResponseOf<'/api/widgets'>['widgets'];

/** The widgets' sites, for naming the rows of the widget breakdown. */
export const loadWidgets = (signal: AbortSignal) => api.get('/api/widgets', { signal }).then((r) => r.widgets);

/**
 * A widget as the widget page's picker names it: its number in the list of widgets, and the
 * host it is installed on once known. Its id follows, as the CSV rows carry it.
 */
function widgetName(id: string, widgets: Widgets | undefined): ComponentChildren {
  const index = widgets?.findIndex((x) => x.id === id) ?? -1;
  const w = widgets?.[index];
  const name = w ? widgetLabel(index, w.install?.qualifiedOrigin) : 'A widget';
  return (
    <>
      {name}
      <span class="af-id mono">{id}</span>
    </>
  );
}

const PLURALS: Record<GroupBy, [string, string]> = {
  source: ['source', 'sources'],
  campaign: ['campaign', 'campaigns'],
  widget: ['widget', 'widgets'],
};

function GroupTable({
  report,
  groupBy,
  name,
}: {
  report: Stats;
  groupBy: GroupBy;
  name: (key: string | null) => ComponentChildren;
}) {
  const row = (key: string, head: ComponentChildren, totals: Totals) => (
    <tr key={key}>
      <th scope="row" class="af-row-head">
        {head}
      </th>
      {CHART_METRICS.map((m) => (
        <td key={m.id} class={m.value(totals) === 0 ? 'num af-zero' : 'num'}>
          {formatValue(m, m.value(totals))}
        </td>
      ))}
    </tr>
  );
  const [one, many] = PLURALS[groupBy];
  return (
    <>
      <ScrollTable label={`Numbers by ${one}`} class="af-table">
        <table>
          <caption class="visually-hidden">By {one}</caption>
          <thead>
            <tr>
              <th scope="col">{one.charAt(0).toUpperCase() + one.slice(1)}</th>
              {CHART_METRICS.map((m) => (
                <th key={m.id} scope="col" class="num">
                  {m.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{report.groups.map((g) => row(String(g.key), name(g.key), g.totals))}</tbody>
          <tfoot>{row('total', 'Total', report.totals)}</tfoot>
        </table>
      </ScrollTable>
      {report.omittedGroups > 0 && (
        <p class="hint">
          {plural(report.omittedGroups, `more ${one}`, `more ${many}`)} with less activity are not listed; the total
          includes them.
        </p>
      )}
    </>
  );
}

function BreakdownCard({
  title,
  groupBy,
  resource,
  csv,
  name,
  hint,
}: {
  title: string;
  groupBy: GroupBy;
  resource: Resource<Stats>;
  csv: string;
  name: (key: string | null) => ComponentChildren;
  hint?: ComponentChildren;
}) {
  const id = `af-by-${groupBy}`;
  return (
    <section class="card" aria-labelledby={id}>
      <div class="card-header">
        <h3 id={id}>{title}</h3>
        <a class="btn btn-ghost btn-small" href={csv} download aria-label={`Download CSV ${title.toLowerCase()}`}>
          Download CSV
        </a>
      </div>
      <RangeAsync
        resource={resource}
        label={`Loading the numbers ${title.toLowerCase()}…`}
        isEmpty={(r) => isQuiet(r.totals)}
        empty={<Empty title="Nothing to break down on these days" />}
      >
        {(report) => (
          <>
            <GroupTable report={report} groupBy={groupBy} name={name} />
            {hint && <p class="hint">{hint}</p>}
          </>
        )}
      </RangeAsync>
    </section>
  );
}

/** The range's numbers by source, by campaign and by widget, each with its total. */
export function Breakdowns({
  bySource,
  byCampaign,
  byWidget,
  widgets,
  query,
}: {
  bySource: Resource<Stats>;
  byCampaign: Resource<Stats>;
  byWidget: Resource<Stats>;
  widgets: Resource<Widgets>;
  query: Record<string, string | number>;
}) {
  const csv = (groupBy: GroupBy) =>
    urlOf('/api/affiliate/stats', { query: { ...query, groupBy, format: 'csv' } as Record<string, string> });
  return (
    <section aria-labelledby="af-breakdowns">
      <h2 id="af-breakdowns">Where it came from</h2>
      <p class="muted af-lead">
        Unique clicks and paying customers count each person once in a total, even when they appear in several rows.
      </p>
      <BreakdownCard
        title="By source"
        groupBy="source"
        resource={bySource}
        csv={csv('source')}
        name={(key) => (key && SOURCE_NAMES[key]) ?? key ?? 'Unknown'}
        hint="Sign-up page: people who signed up with your code in the sign-up page's address, without a tracked click."
      />
      <BreakdownCard
        title="By campaign"
        groupBy="campaign"
        resource={byCampaign}
        csv={csv('campaign')}
        name={(key) => key ?? <span class="muted">No campaign</span>}
        hint="A campaign is the name you put in a banner's code or in your link's c= parameter."
      />
      <BreakdownCard
        title="By widget"
        groupBy="widget"
        resource={byWidget}
        csv={csv('widget')}
        name={(key) => (key ? widgetName(key, widgets.data.value) : <span class="muted">Not from a widget</span>)}
        hint={
          widgets.error.value
            ? `Your widgets' sites could not be loaded (${widgets.error.value.message}), so widgets are shown by id.`
            : 'Clicks on the "⚡ by Callbell" footer of your own widgets, by the site each one is on.'
        }
      />
    </section>
  );
}
