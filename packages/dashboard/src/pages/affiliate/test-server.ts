// msw handlers for an approved affiliate, shared by this page's component tests.
import { HttpResponse, http } from 'msw';
import { type Mock, vi } from 'vitest';
import type { ChartHandle, ChartSpec } from './day-chart.ts';
import { approved, banners, report } from './fixtures.ts';
import type { Access, Stats } from './types.ts';

export interface StatsCall {
  groupBy: string | null;
  params: Record<string, string>;
}

/**
 * Handlers for the approved view: the access, the statistics (answered by `stats`, every call
 * recorded), the widgets and the banners.
 */
export function approvedView(
  opts: { access?: Access; stats?: (call: StatsCall) => Stats | Response; widgets?: unknown[] } = {},
) {
  const calls: StatsCall[] = [];
  const bannerCalls: (string | null)[] = [];
  const stats =
    opts.stats ??
    ((call: StatsCall) =>
      report({ from: '2026-11-01', to: '2026-11-07', groupBy: (call.groupBy as Stats['groupBy']) ?? undefined }));
  const handlers = [
    http.get('/api/affiliate', () => HttpResponse.json(opts.access ?? approved())),
    http.get('/api/affiliate/stats', ({ request }) => {
      const params = Object.fromEntries(new URL(request.url).searchParams);
      const { groupBy = null, ...rest } = params;
      const call = { groupBy, params: rest };
      calls.push(call);
      const answer = stats(call);
      return answer instanceof Response ? answer : HttpResponse.json(answer);
    }),
    http.get('/api/widgets', () => HttpResponse.json({ widgets: opts.widgets ?? [] })),
    http.get('/api/affiliate/banners', ({ request }) => {
      const campaign = new URL(request.url).searchParams.get('campaign');
      bannerCalls.push(campaign);
      return HttpResponse.json(banners(campaign));
    }),
  ];
  return { handlers, calls, bannerCalls };
}

/** The chart module, replaced: jsdom has no canvas. Records what each chart was given. */
export const chartMock = (): { mountChart: Mock<(el: HTMLElement, spec: ChartSpec) => Promise<ChartHandle>> } => ({
  mountChart: vi.fn(async () => ({ update: vi.fn(), destroy: vi.fn() })),
});
