import { useEffect, useMemo } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, urlOf } from '../../api/client.ts';
import { date } from '../../format.ts';
import { useResource } from '../../state/resource.ts';
import { Breakdowns, loadWidgets } from './Breakdowns.tsx';
import { Overview } from './Overview.tsx';
import { RangeAsync, useKeyedResource } from './parts.tsx';
import { RangePicker } from './RangePicker.tsx';
import { apiRange, parseRange, type Range, rangeSearch } from './range.ts';
import type { GroupBy } from './types.ts';

/**
 * The approved affiliate's statistics: the dates (kept in the URL), the totals and charts,
 * and the breakdowns, each section loading and failing on its own.
 */
export function Statistics() {
  const { path, query, route } = useLocation();
  const range = parseRange(query);
  const key = rangeSearch(range);
  const params = useMemo(() => apiRange(range), [key]);
  const stats = (groupBy?: GroupBy) => (signal: AbortSignal) =>
    api.get('/api/affiliate/stats', { query: { ...params, ...(groupBy ? { groupBy } : {}) }, signal });
  const overview = useKeyedResource(key, stats());
  const bySource = useKeyedResource(key, stats('source'));
  const byCampaign = useKeyedResource(key, stats('campaign'));
  const byWidget = useKeyedResource(key, stats('widget'));
  const widgets = useResource(loadWidgets, []);

  // A range the reader picks is a new history entry, so Back steps through the ranges seen.
  const change = (next: Range) => {
    if (rangeSearch(next) !== key) route(`${path}${rangeSearch(next)}`);
  };
  // An address with a range it cannot read is corrected in place: the address says what is shown.
  const unreadable = query.range !== undefined && key !== `?range=${query.range}` && !query.from && !query.to;
  useEffect(() => {
    if (unreadable) route(`${path}${key}`, true);
  }, [unreadable, key]);
  const refused = overview.error.value?.status === 400 ? overview.error.value.message : undefined;
  const shown = overview.error.value ? undefined : overview.data.value;
  const csv = urlOf('/api/affiliate/stats', { query: { ...params, format: 'csv' } });

  return (
    <>
      <section aria-labelledby="af-stats">
        <div class="af-stats-head">
          <div>
            <h2 id="af-stats">Statistics</h2>
            <p class="muted af-lead" aria-live="polite">
              {shown ? (
                <>
                  {shown.from === shown.to ? date(shown.from) : `${date(shown.from)} to ${date(shown.to)}`}
                  <span class="af-utc"> (days in UTC)</span>
                </>
              ) : (
                'Days in UTC'
              )}
            </p>
          </div>
          <a class="btn btn-secondary btn-small" href={csv} download>
            Download CSV
          </a>
        </div>
        <RangePicker range={range} shown={shown} refusal={refused} onChange={change} />
        <RangeAsync resource={overview} label="Loading your statistics…">
          {(report) => <Overview report={report} />}
        </RangeAsync>
      </section>
      <Breakdowns
        bySource={bySource}
        byCampaign={byCampaign}
        byWidget={byWidget}
        widgets={widgets}
        query={params as Record<string, string | number>}
      />
    </>
  );
}
