import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChartHandle, ChartSpec } from './day-chart.ts';

/** The chart module (and uPlot behind it), fetched once, the first time a chart is shown. */
let charts: Promise<typeof import('./day-chart.ts')> | null = null;
const loadCharts = () => {
  charts ??= import('./day-chart.ts').catch((err) => {
    charts = null; // let a later chart try again
    throw err;
  });
  return charts;
};

/**
 * A per-day chart. The canvas is decoration for sighted readers: `summary` names it for
 * everyone else, and the page's daily table has every number.
 */
export function DayChart({ spec, summary }: { spec: ChartSpec; summary: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartHandle | null>(null);
  const latest = useRef(spec);
  latest.current = spec;
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let gone = false;
    let drawn: ChartSpec | null = null;
    loadCharts()
      .then((m) => {
        if (!box.current) return null;
        drawn = latest.current;
        return m.mountChart(box.current, drawn);
      })
      .then((handle) => {
        if (!handle) return;
        if (gone) return handle.destroy();
        // The spec may have changed (another range) while uPlot loaded: draw the latest one.
        if (latest.current !== drawn) handle.update(latest.current);
        chart.current = handle;
        setState('ready');
      })
      .catch(() => !gone && setState('failed'));
    return () => {
      gone = true;
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.update(spec);
  }, [spec]);

  return (
    <div class="af-chart" role="img" aria-label={summary}>
      <div ref={box} class="af-chart-canvas" aria-hidden="true" />
      {state === 'loading' && <div class="skeleton af-chart-skeleton" aria-hidden="true" />}
      {state === 'failed' && (
        <p class="hint" aria-hidden="true">
          The chart could not be drawn here. The numbers are in the table by day below.
        </p>
      )}
    </div>
  );
}
