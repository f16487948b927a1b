// The statistics' charts, drawn with uPlot. This module is loaded on demand by DayChart.tsx,
// and loads uPlot itself on demand, so neither reaches any page but this one, nor this page
// before its statistics have arrived.
import 'uplot/dist/uPlot.min.css';
import type uPlotType from 'uplot';
import { date } from '../../format.ts';

export interface ChartSpec {
  /** The series' name, in the hover legend. */
  label: string;
  /** Formats a y value (a count or cents) for the axis and the legend. */
  format: (n: number) => string;
  /** Days (seconds, midnight UTC) and their values. */
  data: [number[], number[]];
}

export interface ChartHandle {
  update(spec: ChartSpec): void;
  destroy(): void;
}

const HEIGHT = 170;
const DAY = 86_400;
const INK = '#4b5563';
const GRID = '#e2e5ec';
const BAR = '#1d4ed8';
const BAR_FILL = 'rgba(29, 78, 216, 0.75)';

/** "3 Dec": a day for an axis tick, written as format.ts writes days, without the year. */
const tickDay = (seconds: number) => date(new Date(seconds * 1000)).replace(/ \d{4}$/, '');

/** Count ticks are whole numbers; money ticks whole euros or cents steps that read well. */
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 1e6];

const HINT = 'Point at a bar to see its day.';

function options(uPlot: typeof uPlotType, spec: ChartSpec, width: number, readout: HTMLElement): uPlotType.Options {
  return {
    width,
    height: HEIGHT,
    // Days are UTC calendar days: ticks and the legend say the day the numbers belong to.
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    padding: [8, 20, 0, 0],
    cursor: { y: false, points: { show: false }, drag: { x: false, y: false } },
    // The readout under the chart says the day pointed at; uPlot's legend would say it less plainly.
    legend: { show: false },
    hooks: {
      setCursor: [
        (u) => {
          const i = u.cursor.idx;
          const x = i == null ? undefined : u.data[0][i];
          const y = i == null ? undefined : u.data[1]?.[i];
          readout.textContent = x == null || y == null ? HINT : `${date(new Date(x * 1000))}: ${spec.format(y)}`;
        },
      ],
    },
    scales: {
      // Half a day either side, so the first and last bars are whole.
      x: { time: true, range: (_u, min, max) => [min - DAY / 2, max + DAY / 2] },
      y: { range: (_u, min, max) => [Math.min(0, min), Math.max(max, 1) * 1.1] },
    },
    axes: [
      {
        stroke: INK,
        grid: { show: false },
        ticks: { stroke: GRID },
        values: (_u, splits) => splits.map(tickDay),
        space: 56,
        size: 30,
      },
      {
        stroke: INK,
        grid: { stroke: GRID, width: 1 },
        ticks: { show: false },
        incrs: COUNT_STEPS,
        values: (_u, splits) => splits.map(spec.format),
        size: (_u, values) => 14 + Math.max(3, ...(values ?? []).map((v) => v.length)) * 7,
        space: 32,
      },
    ],
    series: [
      {},
      {
        label: spec.label,
        stroke: BAR,
        fill: BAR_FILL,
        width: 0,
        paths: uPlot.paths.bars?.({ size: [0.7, 40, 2] }),
        points: { show: false },
      },
    ],
  };
}

/** Draws a chart in `el`, sized to it now and whenever it resizes. */
export async function mountChart(el: HTMLElement, spec: ChartSpec): Promise<ChartHandle> {
  const { default: uPlot } = await import('uplot');
  let current = spec;
  const width = () => Math.max(200, Math.floor(el.clientWidth));
  const readout = document.createElement('p');
  readout.className = 'af-readout';
  readout.textContent = HINT;
  const draw = () => {
    const plot = new uPlot(options(uPlot, current, width(), readout), current.data, el);
    el.append(readout);
    return plot;
  };
  let plot = draw();
  const resize = new ResizeObserver(() => {
    if (plot.width !== width()) plot.setSize({ width: width(), height: HEIGHT });
  });
  resize.observe(el);
  return {
    update(next) {
      const sameShape = next.label === current.label && next.format === current.format;
      current = next;
      if (sameShape) plot.setData(next.data);
      else {
        plot.destroy();
        plot = draw();
      }
    },
    destroy() {
      resize.disconnect();
      plot.destroy();
      readout.remove();
    },
  };
}
