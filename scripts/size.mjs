// Size budgets, run after `pnpm build`. Prints the figures and exits 1 when one is over.
// - the widget: dist/widget.js, the loader every host page runs (launcher, queue, config,
//   pings), at most 3 KB gzip; the panel chunk it loads later (dist/widget-panel-<hash>.js:
//   Preact and the panel) within what is left of 12 KB gzip for the two together;
// - the dashboard: the JavaScript each route needs before it can draw (the entry and the page's
//   chunk with everything they import statically, from Vite's manifest), at most 40 KB gzip.
//   Chunks a page loads later by itself (the charts' uPlot, the QR code) are listed apart.
import { readdirSync, readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const LOADER_BUDGET_GZIP = 3 * 1024;
const WIDGET_BUDGET_GZIP = 12 * 1024;
const PANEL_BUDGET_GZIP = WIDGET_BUDGET_GZIP - LOADER_BUDGET_GZIP;
const ROUTE_BUDGET_GZIP = 40 * 1024;
/** @param {Buffer} buf */
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
let over = false;
/** @param {string} name @param {number} size @param {number} budget */
const check = (name, size, budget) => {
  if (size <= budget) return;
  console.error(`${name} is ${size - budget} B over its ${budget} B gzip budget`);
  over = true;
};

const widgetDist = new URL('../packages/widget/dist/', import.meta.url);
const panels = readdirSync(widgetDist).filter((f) => /^widget-panel-[0-9a-f]+\.js$/.test(f));
if (panels.length !== 1) throw new Error(`expected one panel chunk in packages/widget/dist, found ${panels.length}`);
/** @param {string} file @param {string} label @param {number} budget */
const widgetFile = (file, label, budget) => {
  const code = readFileSync(new URL(file, widgetDist));
  const gzip = gz(code);
  console.log(
    `${label} ${file} raw=${code.length} gzip=${gzip} brotli=${brotliCompressSync(code).length} budget_gzip=${budget}`,
  );
  check(file, gzip, budget);
  return gzip;
};
const loaderGzip = widgetFile('widget.js', 'widget loader', LOADER_BUDGET_GZIP);
const panelGzip = widgetFile(panels[0] ?? '', 'widget panel', PANEL_BUDGET_GZIP);
const widgetGzip = loaderGzip + panelGzip;
console.log(`widget total gzip=${widgetGzip} budget_gzip=${WIDGET_BUDGET_GZIP}`);
console.log(`widget_loader_gzip_vs_budget_ratio=${(loaderGzip / LOADER_BUDGET_GZIP).toFixed(3)}`);
console.log(`widget_gzip_vs_budget_ratio=${(widgetGzip / WIDGET_BUDGET_GZIP).toFixed(3)}`);
check('the widget (loader and panel)', widgetGzip, WIDGET_BUDGET_GZIP);

const dist = new URL('../packages/dashboard/dist/', import.meta.url);
/** @type {Record<string, { file: string, isEntry?: boolean, isDynamicEntry?: boolean, imports?: string[], dynamicImports?: string[], css?: string[] }>} */
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8'));
/** @type {Map<string, number>} */
const size = new Map();
/** @param {string} file */
const gzipOf = (file) => {
  if (!size.has(file)) size.set(file, gz(readFileSync(new URL(file, dist))));
  return size.get(file) ?? 0;
};
/** A chunk and everything it imports statically: what must arrive before it runs. */
/** @param {string} key @param {Set<string>} seen @returns {Set<string>} */
const closure = (key, seen = new Set()) => {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) closure(dep, seen);
  return seen;
};
/** @param {string} key */
const chunk = (key) => {
  const found = manifest[key];
  if (!found) throw new Error(`${key} is not in the dashboard's manifest`);
  return found;
};
/** @param {Set<string>} keys */
const jsOf = (keys) => [...keys].reduce((sum, k) => sum + gzipOf(chunk(k).file), 0);

const entry = 'index.html';
const base = closure(entry);
// The routes are the pages the entry imports lazily (app.tsx); their own lazy parts load later.
const pages = (chunk(entry).dynamicImports ?? []).map((key) => /** @type {const} */ ([key, chunk(key)]));
let worst = { name: 'entry', gzip: jsOf(base) };
console.log(`dashboard entry js_gzip=${worst.gzip}`);
for (const [key] of pages) {
  // The entry and the page load together (the page's import starts as soon as the router runs).
  const keys = closure(key, new Set(base));
  const total = jsOf(keys);
  const name = key.replace(/^.*\/pages\//, '').replace(/\.tsx?$/, '');
  const later = (chunk(key).dynamicImports ?? []).map((k) => `${chunk(k).file}=${gzipOf(chunk(k).file)}`);
  console.log(`dashboard route ${name} js_gzip=${total}${later.length ? ` loads_later ${later.join(' ')}` : ''}`);
  if (total > worst.gzip) worst = { name, gzip: total };
}
console.log(`dashboard_first_route_js_gzip_max=${worst.gzip} (${worst.name}) budget_gzip=${ROUTE_BUDGET_GZIP}`);
console.log(`dashboard_route_gzip_vs_budget_ratio=${(worst.gzip / ROUTE_BUDGET_GZIP).toFixed(3)}`);
if (worst.gzip > ROUTE_BUDGET_GZIP) {
  console.error(
    `dashboard route ${worst.name} is ${worst.gzip - ROUTE_BUDGET_GZIP} B over its ${ROUTE_BUDGET_GZIP} B budget`,
  );
  over = true;
}
if (over) process.exit(1);
