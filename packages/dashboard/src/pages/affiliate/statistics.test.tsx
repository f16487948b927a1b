import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, renderAt, server, signIn } from '../../../test/render.tsx';
import * as charts from './day-chart.ts';
import { report } from './fixtures.ts';
import { Statistics } from './Statistics.tsx';
import { approvedView, type StatsCall } from './test-server.ts';
import type { Stats } from './types.ts';

vi.mock('./day-chart.ts', async () => (await import('./test-server.ts')).chartMock());

const open = (url: string) => renderAt(url, <Statistics />);
const lastCalls = (calls: StatsCall[], n = 4) => calls.slice(-n);

describe('the statistics’ dates, kept in the URL', () => {
  // A test that steps back leaves entries ahead of the current one, which the next new entry
  // drops: a new entry of its own puts each test at the end of the history it counts.
  beforeEach(() => {
    history.pushState(null, '', '/app/');
  });

  it('reads the range from the URL, and asks every section for it', async () => {
    signIn();
    const view = approvedView();
    server.use(...view.handlers);
    open('/app/affiliate?range=7');
    await waitFor(() => expect(view.calls).toHaveLength(4));
    expect(view.calls.every((c) => c.params.days === '7' && !c.params.from)).toBe(true);
    expect(screen.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: 'Last 30 days' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('puts a new range in the URL without a reload, and loads the statistics again for it', async () => {
    signIn();
    const view = approvedView();
    server.use(...view.handlers);
    open('/app/affiliate');
    await waitFor(() => expect(view.calls).toHaveLength(4));
    const entries = history.length;

    await userEvent.click(screen.getByRole('button', { name: 'Last 90 days' }));
    expect(location.pathname).toBe('/app/affiliate');
    expect(location.search).toBe('?range=90');
    await waitFor(() => expect(view.calls).toHaveLength(8));
    expect(lastCalls(view.calls).map((c) => c.params)).toEqual(Array(4).fill({ days: '90' }));
    expect(history.length).toBe(entries + 1); // a new entry, so Back returns to the last 30 days
    expect(screen.getByRole('button', { name: 'Last 90 days' }).getAttribute('aria-pressed')).toBe('true');
    // The range already shown adds no entry.
    await userEvent.click(screen.getByRole('button', { name: 'Last 90 days' }));
    expect(history.length).toBe(entries + 1);

    await userEvent.click(screen.getByRole('button', { name: 'Pick dates' }));
    // The picker starts from the days on screen.
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2026-11-01');
    await userEvent.clear(screen.getByLabelText('From'));
    await userEvent.type(screen.getByLabelText('From'), '2026-10-01');
    await userEvent.clear(screen.getByLabelText('To'));
    await userEvent.type(screen.getByLabelText('To'), '2026-10-15');
    await userEvent.click(screen.getByRole('button', { name: 'Show these days' }));
    expect(location.search).toBe('?from=2026-10-01&to=2026-10-15');
    await waitFor(() => expect(view.calls).toHaveLength(12));
    expect(lastCalls(view.calls).map((c) => c.params)).toEqual(Array(4).fill({ from: '2026-10-01', to: '2026-10-15' }));
  });

  it('steps back through the ranges picked', async () => {
    signIn();
    const view = approvedView();
    server.use(...view.handlers);
    open('/app/affiliate?range=7');
    await waitFor(() => expect(view.calls).toHaveLength(4));
    await userEvent.click(screen.getByRole('button', { name: 'Last 90 days' }));
    await waitFor(() => expect(view.calls).toHaveLength(8));
    history.back();
    await waitFor(() => expect(location.search).toBe('?range=7'));
    await waitFor(() => expect(view.calls).toHaveLength(12));
    expect(lastCalls(view.calls).every((c) => c.params.days === '7')).toBe(true);
    expect(screen.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('corrects an address whose range it cannot read, in place', async () => {
    signIn();
    const view = approvedView();
    server.use(...view.handlers);
    open('/app/affiliate?range=14');
    const entries = history.length;
    await waitFor(() => expect(location.search).toBe('?range=30'));
    expect(history.length).toBe(entries);
    await waitFor(() => expect(view.calls.length).toBeGreaterThanOrEqual(4));
    expect(view.calls.every((c) => c.params.days === '30')).toBe(true);
  });

  it('follows the URL when it changes from outside (back, forward)', async () => {
    signIn();
    const view = approvedView();
    server.use(...view.handlers);
    open('/app/affiliate?range=7');
    await waitFor(() => expect(view.calls).toHaveLength(4));
    history.pushState(null, '', '/app/affiliate?range=90');
    dispatchEvent(new PopStateEvent('popstate'));
    await waitFor(() => expect(view.calls).toHaveLength(8));
    expect(lastCalls(view.calls).every((c) => c.params.days === '90')).toBe(true);
    expect(screen.getByRole('button', { name: 'Last 90 days' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('opens a shared link to custom dates with them filled in', async () => {
    signIn();
    const view = approvedView();
    server.use(...view.handlers);
    open('/app/affiliate?from=2026-11-01&to=2026-11-30');
    await waitFor(() => expect(view.calls).toHaveLength(4));
    expect(view.calls[0]?.params).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(screen.getByRole('button', { name: 'Pick dates' }).getAttribute('aria-pressed')).toBe('true');
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2026-11-01');
    expect((screen.getByLabelText('To') as HTMLInputElement).value).toBe('2026-11-30');
  });

  it('checks custom dates before asking, and shows the server’s refusal beside them', async () => {
    signIn();
    const view = approvedView({
      stats: (call) =>
        call.params.from === '2025-01-01'
          ? (apiError(400, 'range_too_long', 'A range covers at most 366 days; this one has 400') as Response)
          : report({ from: '2026-11-01', to: '2026-11-07' }),
    });
    server.use(...view.handlers);
    open('/app/affiliate?range=7');
    await waitFor(() => expect(view.calls).toHaveLength(4));
    await userEvent.click(screen.getByRole('button', { name: 'Pick dates' }));
    await userEvent.clear(screen.getByLabelText('From'));
    await userEvent.type(screen.getByLabelText('From'), '2026-11-09');
    await userEvent.click(screen.getByRole('button', { name: 'Show these days' }));
    expect(screen.getByText('The last day must be on or after the first')).toBeTruthy();
    expect(location.search).toBe('?range=7');
    expect(view.calls).toHaveLength(4);

    await userEvent.clear(screen.getByLabelText('From'));
    await userEvent.type(screen.getByLabelText('From'), '2025-01-01');
    await userEvent.click(screen.getByRole('button', { name: 'Show these days' }));
    const refusal = await screen.findByText('A range covers at most 366 days; this one has 400');
    expect(screen.getByLabelText('To').getAttribute('aria-describedby')).toContain(refusal.id);
    expect((await screen.findAllByText('Pick other dates above to see this.')).length).toBeGreaterThan(0);
  });

  it('offers the CSV of the range shown, by day and for each breakdown', async () => {
    signIn();
    const view = approvedView();
    server.use(...view.handlers);
    open('/app/affiliate?from=2026-11-01&to=2026-11-30');
    const link = await screen.findByRole('link', { name: 'Download CSV' });
    expect(link.getAttribute('href')).toBe('/api/affiliate/stats?from=2026-11-01&to=2026-11-30&format=csv');
    expect(link.hasAttribute('download')).toBe(true);
    expect(screen.getByRole('link', { name: 'Download CSV by campaign' }).getAttribute('href')).toBe(
      '/api/affiliate/stats?from=2026-11-01&to=2026-11-30&groupBy=campaign&format=csv',
    );
  });

  it('draws each chart from the series, as uPlot’s arrays', async () => {
    signIn();
    const view = approvedView({
      stats: () => report({ from: '2026-11-01', to: '2026-11-02', days: { '2026-11-02': { clicks: 5 } } }),
    });
    server.use(...view.handlers);
    open('/app/affiliate');
    const mount = vi.mocked(charts.mountChart);
    mount.mockClear();
    await screen.findByRole('img', { name: /^Clicks per day/ });
    await waitFor(() => expect(mount).toHaveBeenCalledTimes(6));
    const clicks = mount.mock.calls.map((c) => c[1]).find((spec) => spec.label === 'Clicks');
    expect(clicks?.data).toEqual([
      [Date.UTC(2026, 10, 1) / 1000, Date.UTC(2026, 10, 2) / 1000],
      [0, 5],
    ]);
    expect(clicks?.format(12345)).toBe('12,345');
    expect(
      mount.mock.calls
        .map((c) => c[1])
        .find((s) => s.label === 'Commissions')
        ?.format(1870),
    ).toBe('€18.70');
  });
});

describe('the breakdowns', () => {
  const grouped = (call: StatsCall): Stats => {
    const base = { from: '2026-11-01', to: '2026-11-30' };
    if (call.groupBy === 'source') {
      return report({
        ...base,
        groupBy: 'source',
        days: { '2026-11-03': { clicks: 12, uniqueClicks: 7, signups: 3, commissionCents: 870, bountyCents: 1000 } },
        totals: { uniqueClicks: 7 },
        groups: [
          { key: 'widget', totals: { clicks: 5, uniqueClicks: 4, signups: 2, bountyCents: 1000 } },
          { key: 'link', totals: { clicks: 4, uniqueClicks: 2, signups: 1, commissionCents: 870 } },
          { key: 'banner', totals: { clicks: 3, uniqueClicks: 2 } },
          { key: 'param', totals: {} },
        ],
      });
    }
    if (call.groupBy === 'campaign') {
      return report({
        ...base,
        groupBy: 'campaign',
        days: { '2026-11-03': { clicks: 7 } },
        groups: [
          { key: 'spring', totals: { clicks: 4 } },
          { key: null, totals: { clicks: 2 } },
        ],
        omittedGroups: 3,
      });
    }
    if (call.groupBy === 'widget') {
      return report({
        ...base,
        groupBy: 'widget',
        days: { '2026-11-03': { clicks: 9 } },
        groups: [
          { key: 'wdg_live0000000001', totals: { clicks: 5 } },
          { key: 'wdg_new00000000001', totals: { clicks: 1 } },
          { key: null, totals: { clicks: 3 } },
        ],
      });
    }
    return report({ ...base, days: { '2026-11-03': { clicks: 12 } } });
  };
  const cells = (row: HTMLElement) =>
    within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent);

  it('names sources in words, and totals each table from the server’s totals', async () => {
    signIn();
    server.use(...approvedView({ stats: grouped }).handlers);
    open('/app/affiliate');
    const table = within(await screen.findByRole('table', { name: 'By source' }));
    const rows = table.getAllByRole('row');
    expect(rows.map((r) => within(r).queryByRole('rowheader')?.textContent ?? null)).toEqual([
      null,
      'Widget footer',
      'Link',
      'Banner',
      'Sign-up page',
      'Total',
    ]);
    expect(table.getAllByRole('columnheader').map((c) => c.textContent)).toEqual([
      'Source',
      'Clicks',
      'Unique clicks',
      'Sign-ups',
      'Installs',
      'Paying customers',
      'Commissions',
    ]);
    expect(cells(table.getByRole('row', { name: /^Widget footer/ }))).toEqual(['5', '4', '2', '0', '0', '€10.00']);
    // Unique visitors are counted once in the total (7), not summed over the rows (8).
    expect(cells(table.getByRole('row', { name: /^Total/ }))).toEqual(['12', '7', '3', '0', '0', '€18.70']);
  });

  it('lists campaigns with “no campaign”, and says how many were left out', async () => {
    signIn();
    server.use(...approvedView({ stats: grouped }).handlers);
    open('/app/affiliate');
    const table = within(await screen.findByRole('table', { name: 'By campaign' }));
    expect(cells(table.getByRole('row', { name: /^spring/ }))[0]).toBe('4');
    expect(cells(table.getByRole('row', { name: /^No campaign/ }))[0]).toBe('2');
    expect(cells(table.getByRole('row', { name: /^Total/ }))[0]).toBe('7');
    expect(
      screen.getByText(/3 more campaigns with less activity are not listed; the total includes them/),
    ).toBeTruthy();
  });

  it('names widgets by the site they are live on', async () => {
    signIn();
    server.use(
      ...approvedView({
        stats: grouped,
        widgets: [
          { id: 'wdg_live0000000001', install: { qualified: true, qualifiedOrigin: 'https://shop.example.com' } },
          { id: 'wdg_new00000000001', install: { qualified: false, qualifiedOrigin: null } },
        ],
      }).handlers,
    );
    open('/app/affiliate');
    const table = within(await screen.findByRole('table', { name: 'By widget' }));
    // As the widget page names them: their number in the list, and the host once installed.
    await waitFor(() => expect(table.getByText('Widget 1 · shop.example.com')).toBeTruthy());
    expect(table.getByText('Widget 2')).toBeTruthy();
    expect(table.getByText('Not from a widget')).toBeTruthy();
    expect(cells(table.getByRole('row', { name: /^Total/ }))[0]).toBe('9');
  });

  it('shows a section’s failure in that section only', async () => {
    signIn();
    server.use(
      ...approvedView({
        stats: (call) =>
          call.groupBy === 'campaign'
            ? (apiError(503, 'unavailable', 'x') as Response)
            : report({ from: '2026-11-01', to: '2026-11-30', groupBy: (call.groupBy as 'source') ?? undefined }),
      }).handlers,
    );
    open('/app/affiliate');
    const section = (await screen.findByRole('heading', { name: 'By campaign' })).closest('section') as HTMLElement;
    expect((await within(section).findByRole('alert')).textContent).toContain('The server could not do this (503)');
    expect(within(section).getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });
});
