// What the widget costs a host page, in Chromium at 4x CPU throttling: a realistic page (text,
// images, a stylesheet, a little script of its own) loaded with and without the snippet, RUNS
// times each (20 by default), alternating, each in a fresh browser context (empty cache).
// Usage: pnpm build && node bench/page-impact.mjs   (RUNS=20, THROTTLE=4 by default; DEBUG=1
// also prints each long frame the widget's scripts ran in, each long task counted against it,
// and each layout shift with its source.)
//
// A run: load the page, wait for the launcher and the panel chunk (which the loader fetches
// when the page is idle after its load), wait 1 s as a reader would, click (the launcher, or
// the same point of the bare page), wait for INP to be reported, then read the figures.
//
// Two local servers, as in real life: the host site on one origin, the widget's (widget.js, the
// panel chunk, the config, the pings) on another, both answering gzip (level 9, what
// scripts/size.mjs counts) and `timing-allow-origin: *` so resource timing sees the bytes.
//
// Metrics, read in the page:
// - LCP, CLS, INP and TTFB from web-vitals (its IIFE build, injected before the page's own
//   scripts), with reportAllChanges; the last value of each is the run's. LCP ends at the
//   scripted click. INP comes from that click: on the launcher in the widget page, on the same
//   point of the page (text, no handler) in the bare one.
// - Total blocking time: the sum of (duration - 50 ms) over the long tasks
//   (PerformanceObserver 'longtask') that started before the click. The page's own TBT is
//   printed for both pages. The widget's share, `tbt_added_ms`, counts only the long tasks the
//   widget took part in: a long task is the widget's when its attribution names a container
//   served from the widget's origin (only iframes get one; the widget has none, so this is for
//   completeness), or when it overlaps the widget's script evaluation. Where the widget's
//   scripts ran comes from the long animation frames (PerformanceObserver
//   'long-animation-frame'), whose `scripts` name the file each script or callback came from
//   (widget.js or the panel chunk) with its start and duration; Chromium lists there every
//   script that ran 5 ms or more in a frame over 50 ms, so a long task the widget's code ran in
//   for 5 ms or more is found, and one it did not is not counted against it.
// - CLS: web-vitals' value for both pages; `widget_layout_shifts` counts the shifts whose
//   sources are the widget's host element or nodes in its shadow root.
// - Bytes: resource timing's transferSize and encodedBodySize. `widget_first_load_gzip` is the
//   gzip bodies of the widget's JavaScript a first page view downloads (the loader, then the
//   panel chunk the loader fetches when the page is idle).
// - Script time: CDP Performance.getMetrics ScriptDuration, the page's main-thread script time,
//   before the click and with it (HTTP Archive's third-party figures count the same kind of
//   time: Crisp 33 ms, Intercom 1.4 s a page).
//
// Prints `name=value` lines: p50 (and p95 where useful) for both pages in the same run; the
// "added" figures are widget page minus bare page at the same percentile, except tbt_added_ms,
// which is the attributed sum. Never asserts: the machine is shared and noisy.

import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { crc32, deflateSync, gzipSync } from 'node:zlib';
import { launchChromium } from '../scripts/chromium.mjs';

const RUNS = Number(process.env.RUNS ?? 20);
const THROTTLE = Number(process.env.THROTTLE ?? 4);
const VIEWPORT = { width: 360, height: 740 };
const WIDGET_ID = 'wdg_demo0000000001';
const root = new URL('..', import.meta.url);
const dist = new URL('packages/widget/dist/', root);
// The IIFE build sits beside the package's main file (its exports map does not name it). An init
// script runs in a scope of its own, so its `var webVitals` is put on the window by hand.
const webVitals = `${readFileSync(join(dirname(createRequire(import.meta.url).resolve('web-vitals')), 'web-vitals.iife.js'), 'utf8')}
window.webVitals = webVitals;`;

/** @typedef {{ status?: number, type: string, body: Buffer | string, headers?: Record<string, string> }} Asset */

/**
 * A PNG of `width` x `height`: a gradient with a little noise, so it weighs about what a photo
 * of that size does as a JPEG.
 * @param {number} width @param {number} height @param {number} seed
 */
function png(width, height, seed) {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  let x = seed;
  for (let y = 0; y < height; y++) {
    for (let i = 0; i < width; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      const noise = (x >> 16) & 1;
      const at = y * stride + 1 + i * 3;
      raw[at] = (((i & ~7) * 200) / width + seed * 40 + noise) & 255;
      raw[at + 1] = (((y & ~7) * 180) / height + 40 + noise) & 255;
      raw[at + 2] = (150 + seed * 20 + noise) & 255;
    }
  }
  /** @param {string} type @param {Buffer} data */
  const chunk = (type, data) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const words =
  'Our bakery opens at seven with sourdough, rye and spelt loaves shaped by hand the evening before and baked on stone. ' +
  'Pastries follow at eight: croissants laminated over three days, cardamom buns, and a seasonal tart with fruit from the market. ';
const paragraphs = Array.from({ length: 14 }, (_, i) => `<p>${words.repeat(2 + (i % 3))}</p>`).join('\n');
const products = Array.from(
  { length: 6 },
  (_, i) =>
    `<li><img src="/img/product-${i}.png" width="400" height="300" alt="Loaf ${i + 1}"${i > 1 ? ' loading="lazy"' : ''}><h3>Loaf ${i + 1}</h3><p>From €${(3.5 + i * 0.6).toFixed(2)}</p></li>`,
).join('');

const CSS = `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.6 Georgia,'Times New Roman',serif;color:#2d2a26;background:#faf7f2}
a{color:#8a4b1f}
.top{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:12px;padding:12px 20px;background:#2d2a26;color:#faf7f2}
.top a{color:#f5d7b8;text-decoration:none;margin-left:16px}
.logo{font:700 20px/1 system-ui,sans-serif;letter-spacing:.02em}
.hero{position:relative;margin:0}
.hero img{display:block;width:100%;height:auto}
.hero figcaption{position:absolute;left:16px;bottom:16px;padding:8px 12px;background:rgb(0 0 0/55%);color:#fff;border-radius:6px}
main{max-width:760px;margin:0 auto;padding:24px 20px}
h1{font-size:2rem;line-height:1.2;margin:.5em 0}
h2{font-size:1.4rem;margin:1.6em 0 .4em}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:16px;padding:0;list-style:none}
.grid img{width:100%;height:auto;border-radius:8px}
.grid h3{margin:.4em 0 0;font-size:1rem}
.grid p{margin:0;color:#6b5b4b}
.cta{display:inline-block;padding:12px 20px;border-radius:8px;background:#8a4b1f;color:#fff;text-decoration:none;font-family:system-ui,sans-serif}
footer{padding:32px 20px;background:#e9dccb;font-size:14px}
@media (min-width:700px){h1{font-size:2.6rem}}
`;

const SITE_JS = `// The site's own script: a menu toggle and a footer year.
document.querySelector('.menu')?.addEventListener('click', () => document.body.classList.toggle('menu-open'));
document.querySelector('#year').textContent = String(new Date().getFullYear());
`;

/** @param {string} widgetOrigin @param {boolean} withWidget */
const hostPage = (widgetOrigin, withWidget) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme Bakery: sourdough since 1987</title>
<link rel="stylesheet" href="/site.css">
<script src="/site.js" defer></script>
</head><body>
<header class="top"><span class="logo">Acme Bakery</span><nav><a href="#bread">Bread</a><a href="#visit">Visit</a><a class="menu" href="#menu">Menu</a></nav></header>
<figure class="hero"><img src="/img/hero.png" width="960" height="540" alt="Loaves on a wooden shelf" fetchpriority="high"><figcaption>Baked this morning</figcaption></figure>
<main>
<h1>Sourdough, baked every morning since 1987</h1>
<p class="lead">${words}</p>
<h2 id="bread">This week's bread</h2>
<ul class="grid">${products}</ul>
${paragraphs}
<p><a class="cta" href="#order">Order for pick-up</a></p>
</main>
<footer id="visit">Acme Bakery · 12 Mill Street · © <span id="year"></span></footer>
${
  withWidget
    ? `<script>window.Callbell=window.Callbell||function(){var e=window.Callbell;e.q=e.q||[],e.q.push(arguments)};</script>
<script src="${widgetOrigin}/widget.js" data-widget-id="${WIDGET_ID}" async></script>`
    : ''
}
</body></html>`;

/**
 * Serves `assets(path)` with gzip where it helps, over HTTP/1.1 on 127.0.0.1.
 * @param {(path: string, origin: string) => Asset | undefined} assets
 * @returns {Promise<{ origin: string, close(): Promise<void> }>}
 */
async function serve(assets) {
  /** @type {Map<string, Buffer>} */
  const gzipped = new Map();
  let origin = '';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const common = {
      'access-control-allow-origin': '*',
      'timing-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...common, 'access-control-allow-headers': 'content-type' });
      return res.end();
    }
    if (req.method === 'POST') {
      req.resume();
      req.on('end', () => {
        res.writeHead(204, common);
        res.end();
      });
      return;
    }
    const asset = assets(path, origin);
    if (!asset) {
      res.writeHead(404, common);
      return res.end();
    }
    /** @type {Buffer} */
    let body = Buffer.from(asset.body);
    /** @type {Record<string, string>} */
    const headers = { ...common, 'content-type': asset.type, ...asset.headers };
    if (!asset.type.startsWith('image/') && /\bgzip\b/.test(String(req.headers['accept-encoding']))) {
      const key = `${path}\n${body.length}`;
      body = gzipped.get(key) ?? gzipSync(body, { level: 9 });
      gzipped.set(key, body);
      headers['content-encoding'] = 'gzip';
      headers.vary = 'accept-encoding';
    }
    res.writeHead(asset.status ?? 200, headers);
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { origin, close: () => new Promise((resolve) => server.close(() => resolve(undefined))) };
}

const js = 'text/javascript; charset=utf-8';
const panelFile = readdirSync(dist).find((f) => /^widget-panel-[0-9a-f]+\.js$/.test(f));
if (!panelFile) throw new Error('packages/widget/dist has no panel chunk: run `pnpm build` first');
const loaderCode = readFileSync(new URL('widget.js', dist));
const panelCode = readFileSync(new URL(panelFile, dist));
const configs = readFileSync(new URL('demo/fixtures/widgets.json', root), 'utf8');

const widgetServer = await serve((path, origin) => {
  if (path === '/widget.js') return { type: js, body: loaderCode, headers: { 'cache-control': 'public, max-age=300' } };
  if (path === `/${panelFile}`)
    return { type: js, body: panelCode, headers: { 'cache-control': 'public, max-age=31536000, immutable' } };
  if (path === `/v1/widgets/${WIDGET_ID}/config`) {
    const config = JSON.parse(configs.replaceAll('{{ORIGIN}}', origin))[WIDGET_ID];
    return {
      type: 'application/json',
      body: JSON.stringify(config),
      headers: { 'cache-control': 'public, max-age=60' },
    };
  }
  return undefined;
});
/** @type {Record<string, Asset>} */
const images = { '/img/hero.png': { type: 'image/png', body: png(960, 540, 1) } };
for (let i = 0; i < 6; i++) images[`/img/product-${i}.png`] = { type: 'image/png', body: png(400, 300, i + 2) };
const hostServer = await serve((path) => {
  if (path === '/bare') return { type: 'text/html; charset=utf-8', body: hostPage(widgetServer.origin, false) };
  if (path === '/widget') return { type: 'text/html; charset=utf-8', body: hostPage(widgetServer.origin, true) };
  if (path === '/site.css') return { type: 'text/css; charset=utf-8', body: CSS };
  if (path === '/site.js') return { type: js, body: SITE_JS };
  return images[path];
});

const browser = await launchChromium();
console.log(
  `runs=${RUNS} cpu_throttle=${THROTTLE}x viewport=${VIEWPORT.width}x${VIEWPORT.height} chromium=${browser.version()}`,
);

/**
 * @typedef {{ start: number, duration: number, containers: string[] }} LongTask
 * @typedef {{ start: number, duration: number, source: string, invoker: string, frame: number }} ScriptRun
 * @typedef {{ name: string, transfer: number, encoded: number }} Resource
 * @typedef {{ start: number, duration: number, script: number, render: number }} Frame
 * @typedef {{ lcp: number, cls: number, inp: number, ttfb: number, tasks: LongTask[], scripts: ScriptRun[],
 *   shifts: string[], widgetShifts: number, clickFrames: Frame[], resources: Resource[], navTransfer: number, clickAt: number, loadScriptMs: number, scriptMs: number,
 *   opened: boolean }} Run
 */

/** @param {boolean} withWidget @returns {Promise<Run>} */
async function measure(withWidget) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  await cdp.send('Performance.enable');
  await page.addInitScript({ content: webVitals });
  await page.addInitScript(() => {
    const w = /** @type {any} */ (window); // the page's own scratch space for this benchmark
    w.__vitals = {};
    w.__tasks = [];
    w.__scripts = [];
    for (const name of ['onLCP', 'onCLS', 'onINP', 'onTTFB'])
      w.webVitals[name](
        (/** @type {{ name: string, value: number }} */ m) => {
          w.__vitals[m.name] = m.value;
        },
        { reportAllChanges: true, durationThreshold: 16 },
      );
    new PerformanceObserver((list) => {
      for (const e of /** @type {any[]} */ (list.getEntries()))
        w.__tasks.push({
          start: e.startTime,
          duration: e.duration,
          containers: (e.attribution ?? []).map((/** @type {any} */ a) => a.containerSrc || a.containerName || ''),
        });
    }).observe({ type: 'longtask', buffered: true });
    w.__frames = [];
    w.__shifts = [];
    w.__widgetShifts = 0;
    new PerformanceObserver((list) => {
      for (const e of /** @type {any[]} */ (list.getEntries()))
        if (!e.hadRecentInput) {
          // A shift of the widget's host element or of anything in its shadow root.
          if (
            (e.sources ?? []).some(
              (/** @type {any} */ x) => x.node?.nodeName === 'CALLBELL-WIDGET' || x.node?.getRootNode() === w.__root,
            )
          )
            w.__widgetShifts += 1;
          w.__shifts.push(
            `${Math.round(e.startTime)}ms ${e.value.toFixed(4)}: ${(e.sources ?? [])
              .map(
                (/** @type {any} */ x) =>
                  `${x.node?.nodeName ?? '?'}.${x.node?.className ?? ''} ${JSON.stringify(x.previousRect)}→${JSON.stringify(x.currentRect)}`,
              )
              .join(', ')}`,
          );
        }
    }).observe({ type: 'layout-shift', buffered: true });
    new PerformanceObserver((list) => {
      for (const frame of /** @type {any[]} */ (list.getEntries())) {
        w.__frames.push({
          start: frame.startTime,
          duration: frame.duration,
          // Script, then style and layout and paint: where a long frame's time went.
          script: frame.scripts.reduce((/** @type {number} */ n, /** @type {any} */ x) => n + x.duration, 0),
          render: frame.renderStart ? frame.startTime + frame.duration - frame.renderStart : 0,
        });
        for (const s of frame.scripts)
          w.__scripts.push({
            start: s.startTime,
            duration: s.duration,
            source: s.sourceURL || s.invoker,
            invoker: s.invoker,
            frame: frame.duration,
          });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
    // Where the widget draws: its closed shadow root, as a host page's script could capture it.
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (/** @type {ShadowRootInit} */ init) {
      const root = attach.call(this, init);
      w.__root = root;
      return root;
    };
  });
  await page.goto(`${hostServer.origin}/${withWidget ? 'widget' : 'bare'}`, { waitUntil: 'load' });
  if (withWidget) {
    await page.waitForFunction(() => /** @type {any} */ (window).__root?.querySelector('.launcher'));
    // The panel chunk arrives when the page is idle after its load: wait for it, as a visitor
    // who reads for a moment would.
    await page.waitForFunction(
      () => performance.getEntriesByType('resource').some((e) => e.name.includes('/widget-panel-')),
      undefined,
      { timeout: 15_000 },
    );
  }
  await page.waitForTimeout(1000);
  // The launcher's centre (the widget page), or the same point on the bare page.
  const edge = VIEWPORT.width <= 480 ? 12 : 20;
  const point = { x: VIEWPORT.width - edge - 28, y: VIEWPORT.height - edge - 28 };
  const beforeClick = await cdp.send('Performance.getMetrics');
  const clickAt = await page.evaluate(() => performance.now());
  await page.mouse.click(point.x, point.y);
  await page.waitForFunction(() => /** @type {any} */ (window).__vitals.INP !== undefined, undefined, {
    timeout: 5000,
  });
  const metrics = await cdp.send('Performance.getMetrics');
  const result = await page.evaluate((before) => {
    const w = /** @type {any} */ (window);
    const nav = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
    const panel = w.__root?.getElementById('cb-panel');
    return {
      lcp: w.__vitals.LCP ?? Number.NaN,
      cls: w.__vitals.CLS ?? 0,
      inp: w.__vitals.INP ?? Number.NaN,
      ttfb: w.__vitals.TTFB ?? Number.NaN,
      tasks: /** @type {LongTask[]} */ (w.__tasks).filter((t) => t.start < before),
      scripts: /** @type {ScriptRun[]} */ (w.__scripts),
      shifts: /** @type {string[]} */ (w.__shifts),
      widgetShifts: /** @type {number} */ (w.__widgetShifts),
      clickFrames: /** @type {Frame[]} */ (w.__frames).filter((f) => f.start + f.duration >= before),
      resources: performance.getEntriesByType('resource').map((e) => ({
        name: e.name,
        transfer: /** @type {PerformanceResourceTiming} */ (e).transferSize,
        encoded: /** @type {PerformanceResourceTiming} */ (e).encodedBodySize,
      })),
      navTransfer: nav.transferSize,
      opened: !!panel && !panel.hidden,
    };
  }, clickAt);
  await context.close();
  /** @param {{ metrics: { name: string, value: number }[] }} m */
  const scriptSeconds = (m) => m.metrics.find((x) => x.name === 'ScriptDuration')?.value ?? 0;
  return {
    ...result,
    clickAt,
    loadScriptMs: scriptSeconds(beforeClick) * 1000,
    scriptMs: scriptSeconds(metrics) * 1000,
  };
}

/** @type {{ bare: Run[], widget: Run[] }} */
const runs = { bare: [], widget: [] };
for (let i = 0; i < RUNS; i++) {
  // Alternate which page goes first, so neither always meets a warmer or colder machine.
  for (const withWidget of i % 2 ? [true, false] : [false, true])
    runs[withWidget ? 'widget' : 'bare'].push(await measure(withWidget));
}
await browser.close();
await hostServer.close();
await widgetServer.close();

/** @param {number[]} xs @param {number} p */
const q = (xs, p) => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? Number.NaN;
};
/** @param {number} n */
const ms = (n) => n.toFixed(1);
/** @param {LongTask[]} tasks */
const tbt = (tasks) => tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
const isWidget = (/** @type {string} */ url) => url.startsWith(widgetServer.origin);
/** @param {Run} run */
const widgetTasks = (run) => {
  const windows = run.scripts.filter((s) => isWidget(s.source));
  return run.tasks.filter(
    (t) =>
      t.containers.some(isWidget) ||
      windows.some((s) => s.start < t.start + t.duration && s.start + s.duration > t.start),
  );
};

/** @param {string} name @param {(run: Run) => number} of @param {(n: number) => string} [fmt] */
const both = (name, of, fmt = ms) => {
  const bare = runs.bare.map(of);
  const widget = runs.widget.map(of);
  console.log(`${name}_bare_p50=${fmt(q(bare, 0.5))} ${name}_bare_p95=${fmt(q(bare, 0.95))}`);
  console.log(`${name}_widget_p50=${fmt(q(widget, 0.5))} ${name}_widget_p95=${fmt(q(widget, 0.95))}`);
  return { bare, widget };
};

const ttfb = both('ttfb_ms', (r) => r.ttfb);
const lcp = both('lcp_ms', (r) => r.lcp);
console.log(`lcp_bare_iqr_ms=${ms(q(lcp.bare, 0.75) - q(lcp.bare, 0.25))}`);
console.log(`lcp_added_ms=${ms(q(lcp.widget, 0.5) - q(lcp.bare, 0.5))}`);
console.log(`lcp_added_p95_ms=${ms(q(lcp.widget, 0.95) - q(lcp.bare, 0.95))}`);
const cls = both(
  'cls',
  (r) => r.cls,
  (n) => n.toFixed(4),
);
console.log(`cls_widget_max=${Math.max(...cls.widget).toFixed(4)} cls_bare_max=${Math.max(...cls.bare).toFixed(4)}`);
if (process.env.DEBUG)
  for (const [name, rs] of Object.entries(runs))
    rs.forEach((r, i) => {
      for (const shift of r.shifts) console.log(`# ${name} run ${i} layout shift at ${shift}`);
    });
console.log(`widget_layout_shifts=${runs.widget.reduce((n, r) => n + r.widgetShifts, 0)} (sources in the widget)`);
console.log(`cls_added=${(q(cls.widget, 0.5) - q(cls.bare, 0.5)).toFixed(4)}`);
const pageTbt = both('tbt_page_ms', (r) => tbt(r.tasks));
console.log(`tbt_page_added_p50_ms=${ms(q(pageTbt.widget, 0.5) - q(pageTbt.bare, 0.5))}`);
const attributed = runs.widget.map((r) => widgetTasks(r));
if (process.env.DEBUG)
  runs.widget.forEach((r, i) => {
    for (const t of attributed[i] ?? []) {
      const inside = r.scripts
        .filter((s) => s.start < t.start + t.duration && s.start + s.duration > t.start)
        .map(
          (s) =>
            `${s.source.replace(widgetServer.origin, '').replace(hostServer.origin, '')} ${s.invoker} ${ms(s.duration)}`,
        );
      console.log(`# run ${i}: long task at ${ms(t.start)} of ${ms(t.duration)} ms: ${inside.join(' | ')}`);
    }
  });
const added = attributed.map(tbt);
console.log(
  `tbt_added_ms=${ms(q(added, 0.5))} tbt_added_p95_ms=${ms(q(added, 0.95))} tbt_added_max_ms=${ms(Math.max(...added))}`,
);
console.log(
  `widget_long_tasks=${attributed.flat().length} widget_long_task_max_ms=${ms(Math.max(0, ...attributed.flat().map((t) => t.duration)))}`,
);
// The widget's scripts that ran 5 ms or more inside a long frame, before the click and after it.
const inLongFrames = runs.widget.flatMap((r) => r.scripts.filter((s) => isWidget(s.source)).map((s) => ({ ...s, r })));
if (process.env.DEBUG)
  for (const x of inLongFrames)
    console.log(
      `# ${x.start < x.r.clickAt ? 'before' : 'after'} click: ${x.source.replace(widgetServer.origin, '')} ${x.invoker} ${ms(x.duration)} ms in a ${ms(x.frame)} ms frame`,
    );
console.log(
  `widget_scripts_in_long_frames_before_click=${inLongFrames.filter((s) => s.start < s.r.clickAt).length} ` +
    `after_click=${inLongFrames.filter((s) => s.start >= s.r.clickAt).length}`,
);
const inp = both('inp_ms', (r) => r.inp);
console.log(`inp_ms=${ms(q(inp.widget, 0.5))} inp_p95_ms=${ms(q(inp.widget, 0.95))}`);
// The click's long frame, if it made one: its script (the widget's handlers, Preact's first
// render of the panel) and its rendering (style, layout, paint).
const clickFrames = runs.widget.map((r) => r.clickFrames.sort((a, b) => b.duration - a.duration)[0]);
console.log(
  `click_long_frames=${clickFrames.filter(Boolean).length}/${runs.widget.length} ` +
    `click_frame_script_p50_ms=${ms(
      q(
        clickFrames.map((f) => f?.script ?? 0),
        0.5,
      ),
    )} ` +
    `click_frame_render_p50_ms=${ms(
      q(
        clickFrames.map((f) => f?.render ?? 0),
        0.5,
      ),
    )}`,
);
console.log(`panel_opened_by_click=${runs.widget.filter((r) => r.opened).length}/${runs.widget.length}`);
const loadScript = both('script_before_click_ms', (r) => r.loadScriptMs);
console.log(`script_before_click_added_p50_ms=${ms(q(loadScript.widget, 0.5) - q(loadScript.bare, 0.5))}`);
const script = both('script_with_click_ms', (r) => r.scriptMs);
console.log(`script_with_click_added_p50_ms=${ms(q(script.widget, 0.5) - q(script.bare, 0.5))}`);

/** @param {Run} run @param {(r: Resource) => boolean} which @param {'transfer' | 'encoded'} field */
const bytes = (run, which, field) => run.resources.filter(which).reduce((sum, r) => sum + r[field], 0);
const jsOfWidget = (/** @type {Resource} */ r) => isWidget(r.name) && r.name.endsWith('.js');
const firstLoad = runs.widget.map((r) => bytes(r, jsOfWidget, 'encoded'));
console.log(
  `widget_loader_gzip=${q(
    runs.widget.map((r) => bytes(r, (x) => x.name.endsWith('/widget.js'), 'encoded')),
    0.5,
  )} widget_panel_gzip=${q(
    runs.widget.map((r) => bytes(r, (x) => x.name.includes('/widget-panel-'), 'encoded')),
    0.5,
  )}`,
);
console.log(`widget_first_load_gzip=${q(firstLoad, 0.5)}`);
console.log(
  `widget_first_load_transfer_bytes=${q(
    runs.widget.map((r) => bytes(r, (x) => isWidget(x.name), 'transfer')),
    0.5,
  )} (JavaScript, config, headers)`,
);
const pageBytes = (/** @type {Run} */ r) => r.navTransfer + bytes(r, () => true, 'transfer');
console.log(
  `page_transfer_bytes_bare=${q(runs.bare.map(pageBytes), 0.5)} page_transfer_bytes_widget=${q(runs.widget.map(pageBytes), 0.5)}`,
);
console.log(`ttfb_added_ms=${ms(q(ttfb.widget, 0.5) - q(ttfb.bare, 0.5))}`);
