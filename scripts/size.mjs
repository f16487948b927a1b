// Size budgets, run after `pnpm build`. Prints the figures and exits 1 when one is over.
// - the widget: dist/widget.js, everything included, at most 12 KB gzip;
// - the dashboard: the JavaScript each route needs before it can draw (the entry and the page's
//   chunk with everything they import statically, from Vite's manifest), at most 40 KB gzip.
//   Chunks a page loads later by itself (the charts' uPlot, the QR code) are listed apart.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const WIDGET_BUDGET_GZIP = 12 * 1024;
const ROUTE_BUDGET_GZIP = 40 * 1024;
/** @param {Buffer} buf */
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
let over = false;

const widget = readFileSync(new URL('../packages/widget/dist/widget.js', import.meta.url));
const widgetGzip = gz(widget);
console.log(
  `widget.js raw=${widget.length} gzip=${widgetGzip} brotli=${brotliCompressSync(widget).length} budget_gzip=${WIDGET_BUDGET_GZIP}`,
);
console.log(`widget_gzip_vs_budget_ratio=${(widgetGzip / WIDGET_BUDGET_GZIP).toFixed(3)}`);
if (widgetGzip > WIDGET_BUDGET_GZIP) {
  console.error(`widget.js is ${widgetGzip - WIDGET_BUDGET_GZIP} B over its ${WIDGET_BUDGET_GZIP} B gzip budget`);
  over = true;
}

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
