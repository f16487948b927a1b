// The Rewards page's largest contentful paint in Chromium at 4x CPU throttling, against the
// local built server (demo data, the demo ambassador signed in), with an empty cache on every
// run. Baseline in the same run: the server-rendered /welcome page under the same conditions.
// Prints figures, never asserts. Usage: pnpm build && node bench/dashboard-lcp.mjs
// (RUNS=15, THROTTLE=4, PAGE=/app/rewards by default)

import { startBuiltServer } from '../scripts/built-server.mjs';
import { launchChromium } from '../scripts/chromium.mjs';

const RUNS = Number(process.env.RUNS ?? 15);
const THROTTLE = Number(process.env.THROTTLE ?? 4);
const PAGE = process.env.PAGE ?? '/app/rewards';
const server = await startBuiltServer();
const ORIGIN = server.origin;

try {
  const login = await fetch(`${ORIGIN}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'free@demo.callbell.test', password: 'callbell-demo' }),
  });
  const found = /cb_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
  if (!found) throw new Error(`login failed: ${login.status}`);
  const session = found;
  const browser = await launchChromium();

  /** @param {string} path @param {string | null} waitFor a selector that means the page is drawn */
  async function lcp(path, waitFor) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    await context.addCookies([{ name: 'cb_session', value: session, url: ORIGIN }]);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    await page.addInitScript(() => {
      const w = /** @type {any} */ (window); // the page's own scratch space for this benchmark
      w.__lcp = 0;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__lcp = e.startTime;
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    await page.goto(ORIGIN + path, { waitUntil: 'load' });
    if (waitFor) await page.waitForSelector(waitFor);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    const result = await page.evaluate(() => {
      const nav = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
      const bytes = performance
        .getEntriesByType('resource')
        .reduce((s, e) => s + /** @type {PerformanceResourceTiming} */ (e).transferSize, nav.transferSize);
      return { lcp: /** @type {any} */ (window).__lcp, ttfb: nav.responseStart, bytes };
    });
    await context.close();
    return result;
  }

  /** @param {number[]} xs @param {number} p */
  const q = (xs, p) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
  };
  /** @typedef {{ lcp: number, ttfb: number, bytes: number }} Run */
  /** @type {{ page: Run[], base: Run[] }} */
  const runs = { page: [], base: [] };
  await lcp(PAGE, 'main h1'); // warm the server, not the browser (every run has a new context)
  for (let i = 0; i < RUNS; i++) {
    runs.base.push(await lcp('/welcome', null));
    runs.page.push(await lcp(PAGE, 'main h1'));
  }
  await browser.close();
  /** @param {string} name @param {Run[]} xs */
  const report = (name, xs) => {
    const l = xs.map((r) => r.lcp);
    console.log(
      `${name} lcp_p50_ms=${q(l, 0.5).toFixed(0)} lcp_p95_ms=${q(l, 0.95).toFixed(0)} ttfb_p50_ms=${q(
        xs.map((r) => r.ttfb),
        0.5,
      ).toFixed(0)} transfer_bytes=${xs[0]?.bytes}`,
    );
    return q(l, 0.5);
  };
  console.log(`runs=${RUNS} cpu_throttle=${THROTTLE}x viewport=360x740 cache=empty page=${PAGE}`);
  const base = report('welcome', runs.base);
  const page = report(PAGE.replaceAll('/', '_').replace(/^_/, ''), runs.page);
  console.log(`dashboard_lcp_p50_ms=${page.toFixed(0)} target_ms=1000`);
  console.log(`dashboard_vs_static_lcp_ratio=${(page / base).toFixed(2)}`);
} finally {
  await server.close();
}
