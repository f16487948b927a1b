// Widget start-up in Chromium at 4x CPU throttling (a mid-range phone): the example page with
// the widget against the same page without it, in one run. Prints figures, never asserts:
// these machines are shared and noisy. Usage: pnpm bench  (RUNS=15, THROTTLE=4 by default)

import { readFileSync } from 'node:fs';
import { startFixtureServer } from '../demo/fixture-server.mjs';
import { launchChromium } from '../scripts/chromium.mjs';

const RUNS = Number(process.env.RUNS ?? 15);
const THROTTLE = Number(process.env.THROTTLE ?? 4);
console.log(`runs=${RUNS} cpu_throttle=${THROTTLE}x viewport=360x740`);
const example = readFileSync(new URL('../examples/plain-html/index.html', import.meta.url), 'utf8');
const bare = example.replace(/<script[\s\S]*?<\/script>\s*/g, '');
const server = await startFixtureServer({ pages: { '/bare': { html: bare } } });
const browser = await launchChromium();

/** @param {string} path @param {boolean} widget */
async function measure(path, widget) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  await page.addInitScript(() => {
    const w = /** @type {any} */ (window); // the page's own scratch space for this benchmark
    w.__tasks = [];
    w.__shift = 0;
    w.__frames = [];
    // Long animation frames name the scripts that ran in them: attribution for a long task.
    new PerformanceObserver((l) => {
      for (const e of /** @type {any[]} */ (l.getEntries()))
        w.__frames.push({
          duration: e.duration,
          render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
          scripts: e.scripts.map((/** @type {any} */ sc) => ({
            source: `${sc.sourceURL.replace(location.origin, '')} ${sc.invoker}`.trim(),
            duration: Math.round(sc.duration),
            layout: Math.round(sc.forcedStyleAndLayoutDuration),
          })),
        });
    }).observe({ type: 'long-animation-frame', buffered: true });
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__tasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__shift += /** @type {any} */ (e).value;
    }).observe({ type: 'layout-shift', buffered: true });
    new MutationObserver((_, obs) => {
      if (document.querySelector('callbell-widget')) {
        w.__mounted = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(server.origin + path, { waitUntil: 'load' });
  if (widget) await page.waitForFunction(() => /** @type {any} */ (window).__mounted);
  await page.waitForTimeout(300);
  const result = await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    const nav = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
    const script = performance.getEntriesByName(`${location.origin}/widget.js`)[0];
    return {
      load: nav.loadEventEnd,
      longest: Math.max(0, ...w.__tasks),
      tasks: w.__tasks.length,
      shift: w.__shift,
      frames: w.__frames,
      mountAfterScript:
        script && w.__mounted ? w.__mounted - /** @type {PerformanceResourceTiming} */ (script).responseEnd : 0,
    };
  });
  await context.close();
  return result;
}

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
/** @type {Record<string, Awaited<ReturnType<typeof measure>>[]>} */
const runs = { bare: [], widget: [] };
for (let i = 0; i < RUNS; i++) {
  runs.bare?.push(await measure('/bare', false));
  runs.widget?.push(await measure('/', true));
}
await browser.close();
await server.close();

const fmt = (/** @type {number} */ n) => n.toFixed(1);
for (const [name, rs] of Object.entries(runs)) {
  console.log(
    `${name.padEnd(6)} runs=${rs.length} load_ms_median=${fmt(median(rs.map((r) => r.load)))} ` +
      `longest_task_ms_max=${fmt(Math.max(...rs.map((r) => r.longest)))} long_tasks_total=${rs.reduce((n, r) => n + r.tasks, 0)} ` +
      `longest_task_ms_p50=${fmt(median(rs.map((r) => r.longest)))} cls_max=${Math.max(...rs.map((r) => r.shift)).toFixed(4)}` +
      (name === 'widget' ? ` mount_after_script_ms_median=${fmt(median(rs.map((r) => r.mountAfterScript)))}` : ''),
  );
}
console.log(`widget longest task per run (ms): ${(runs.widget ?? []).map((r) => r.longest.toFixed(0)).join(' ')}`);
for (const [name, rs] of Object.entries(runs)) {
  const worst = rs.flatMap((r) => r.frames).sort((a, b) => b.duration - a.duration)[0];
  if (worst) console.log(`${name} worst long animation frame: ${JSON.stringify(worst)}`);
}
const ratio = median((runs.widget ?? []).map((r) => r.load)) / median((runs.bare ?? []).map((r) => r.load));
console.log(`widget_vs_bare_load_ratio=${ratio.toFixed(3)}`);
