import { render, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { DayChart } from './DayChart.tsx';
import type { ChartHandle, ChartSpec } from './day-chart.ts';
import * as charts from './day-chart.ts';

vi.mock('./day-chart.ts', async () => (await import('./test-server.ts')).chartMock());

const spec = (label: string, values: number[]): ChartSpec => ({
  label,
  format: String,
  data: [values.map((_, i) => i * 86_400), values],
});

describe('the day chart', () => {
  it('draws the latest data when the range changed while the chart was still loading', async () => {
    const handle: ChartHandle = { update: vi.fn(), destroy: vi.fn() };
    let mounted: (h: ChartHandle) => void = () => {};
    vi.mocked(charts.mountChart).mockImplementationOnce(
      () =>
        new Promise((resolve) => {
          mounted = resolve;
        }),
    );
    const first = spec('Clicks', [1, 2]);
    const next = spec('Clicks', [3, 4, 5]);
    const view = render(<DayChart spec={first} summary="Clicks per day" />);
    await waitFor(() => expect(charts.mountChart).toHaveBeenCalled());
    view.rerender(<DayChart spec={next} summary="Clicks per day" />);
    mounted(handle);
    await waitFor(() => expect(handle.update).toHaveBeenCalledWith(next));
    expect(vi.mocked(charts.mountChart).mock.calls.at(-1)?.[1]).toBe(first);
  });

  it('does not draw again when nothing changed while it loaded', async () => {
    const handle: ChartHandle = { update: vi.fn(), destroy: vi.fn() };
    vi.mocked(charts.mountChart).mockResolvedValueOnce(handle);
    render(<DayChart spec={spec('Clicks', [1])} summary="Clicks per day" />);
    await waitFor(() => expect(charts.mountChart).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 0));
    expect(handle.update).not.toHaveBeenCalled();
  });
});
