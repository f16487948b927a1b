// The built widget in a real browser: Debian's Chromium driven by playwright-core.
import { existsSync, mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureServer, startFixtureServer } from '../../../demo/fixture-server.mjs';
import { CHROMIUM_PATH, launchChromium } from '../../../scripts/chromium.mjs';

// CI installs Chromium and must run these; a newcomer without it gets a visible skip.
const haveChromium = existsSync(CHROMIUM_PATH);
if (!haveChromium) {
  if (process.env.CI) throw new Error(`Chromium is required in CI but missing at ${CHROMIUM_PATH}`);
  console.warn(
    `SKIPPING browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`,
  );
}

const SHOTS = 'test-results/screenshots';
const NONCE = 'r4nd0mN0nce';
const WIDGET = 'wdg_demo0000000001';

let server: FixtureServer;
let browser: Browser;

const page = (body: string, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">${head}</head><body>${body}</body></html>`;

beforeAll(async () => {
  if (!haveChromium) return;
  mkdirSync(SHOTS, { recursive: true });
  server = await startFixtureServer({
    pages: {
      '/csp': {
        html: page(
          `<h1>Strict CSP</h1><script nonce="${NONCE}" src="/widget.js" data-widget-id="${WIDGET}" async></script>`,
        ),
        headers: {
          'content-security-policy': `default-src 'none'; script-src 'nonce-${NONCE}'; style-src 'nonce-${NONCE}'; connect-src 'self'; img-src 'self'`,
        },
      },
      '/paid': {
        html: page('<h1>Paid plan</h1><script src="/widget.js" data-widget-id="wdg_paidplan00000001" async></script>'),
      },
      '/hostile': {
        html: page(
          `<p>${'Lorem ipsum dolor sit amet. '.repeat(200)}</p><script src="/widget.js" data-widget-id="${WIDGET}" async></script>`,
          `<style>
            * { all: unset !important; font-size: 40px !important; }
            body > * { display: block !important; margin: 30px !important; }
            callbell-widget { position: static !important; display: block !important; width: 500px !important; height: 500px !important; transform: translateX(10px) !important; }
            button, a { display: none !important; background: red !important; }
          </style>`,
        ),
      },
    },
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A page that records the widget's closed shadow root (as a tampering host page could), the
 * window's own keys before any script ran, layout shifts and CSP violations.
 */
async function open(path: string, viewport = { width: 1280, height: 800 }, init?: () => void): Promise<Page> {
  const p = await browser.newPage({ viewport });
  await p.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    w.__keys = Object.keys(window);
    w.__violations = [];
    w.__shift = 0;
    document.addEventListener('securitypolicyviolation', (e) =>
      (w.__violations as string[]).push(`${e.violatedDirective} ${e.blockedURI}`),
    );
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        w.__shift = (w.__shift as number) + (entry as unknown as { value: number }).value;
    }).observe({ type: 'layout-shift', buffered: true });
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
      const root = attach.call(this, init);
      w.__root = root;
      return root;
    };
  });
  if (init) await p.addInitScript(init);
  await p.goto(server.origin + path);
  await p.waitForFunction(() => (window as unknown as { __root?: ShadowRoot }).__root?.querySelector('.launcher'));
  return p;
}

/** Evaluates inside the widget's shadow root. */
const inRoot = <T>(p: Page, fn: (root: ShadowRoot) => T) =>
  p.evaluate(`(${fn.toString()})(window.__root)`) as Promise<Awaited<T>>;

/** Moves the widget's record of its last ping into the past, keeping any tamper report owed. */
const pretendLastPingWasLongAgo = (p: Page) =>
  p.evaluate((id) => {
    const key = `callbell:w:${id}`;
    localStorage.setItem(key, JSON.stringify({ ...JSON.parse(localStorage.getItem(key) ?? '{}'), d: '2000-01-01' }));
  }, WIDGET);

const activeInWidget = (p: Page) =>
  inRoot(p, (root) => root.activeElement?.className ?? root.activeElement?.tagName ?? null);

describe.skipIf(!haveChromium)('the widget in Chromium', () => {
  it('opens and closes from the keyboard, with focus trapped in the panel', async () => {
    const p = await open('/');
    await p.keyboard.press('Tab');
    expect(await activeInWidget(p)).toBe('launcher');
    await p.keyboard.press('Enter');
    expect(await inRoot(p, (root) => !root.getElementById('cb-panel')?.hidden)).toBe(true);
    const visited = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await p.keyboard.press('Tab');
      expect(await p.evaluate(() => document.activeElement?.tagName)).toBe('CALLBELL-WIDGET');
      visited.add(String(await activeInWidget(p)));
    }
    expect([...visited].sort()).toEqual(
      ['brand', 'ch email', 'ch instagram', 'ch messenger', 'ch phone', 'ch telegram', 'ch whatsapp', 'x'].sort(),
    );
    await p.keyboard.press('Escape');
    expect(await inRoot(p, (root) => root.getElementById('cb-panel')?.hidden)).toBe(true);
    expect(await activeInWidget(p)).toBe('launcher');
    await p.close();
  });

  it('shifts no layout and adds no global but window.Callbell', async () => {
    const p = await open('/');
    await p.evaluate(() => window.Callbell?.('open'));
    await p.waitForTimeout(300);
    await p.evaluate(() => window.Callbell?.('close'));
    const result = await p.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const before = new Set(w.__keys as string[]);
      return {
        shift: w.__shift,
        added: Object.keys(window).filter((k) => !before.has(k) && !k.startsWith('__')),
      };
    });
    expect(result).toEqual({ shift: 0, added: ['Callbell'] });
    await p.close();
  });

  it.each([
    ['constructable stylesheets', undefined],
    [
      'a nonce-carrying <style> where constructable stylesheets are missing',
      () => {
        // @ts-expect-error: simulate a browser without constructable stylesheets
        CSSStyleSheet.prototype.replaceSync = undefined;
      },
    ],
  ])('is styled under a strict CSP (no unsafe-inline, no eval) through %s', async (_name, init) => {
    const p = await open('/csp', undefined, init);
    await p.waitForTimeout(200);
    const styled = await inRoot(p, (root) => ({
      background: getComputedStyle(root.querySelector('.launcher') as Element).backgroundColor,
      styleTags: root.querySelectorAll('style').length,
      nonce: (root.querySelector('style') as HTMLStyleElement | null)?.nonce ?? null,
    }));
    expect(styled.background).toBe('rgb(27, 110, 243)');
    expect(styled.styleTags).toBe(init ? 1 : 0);
    if (init) expect(styled.nonce).toBe(NONCE);
    expect(await p.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    await p.close();
  });

  it('keeps its size and place whatever the host page CSS says', async () => {
    const p = await open('/hostile', { width: 1280, height: 800 });
    const box = await inRoot(p, (root) => {
      const r = (root.querySelector('.launcher') as Element).getBoundingClientRect();
      return { w: r.width, h: r.height, right: innerWidth - r.right, bottom: innerHeight - r.bottom };
    });
    expect(box).toEqual({ w: 56, h: 56, right: 20, bottom: 20 });
    const host = await p.evaluate(() => {
      const el = document.querySelector('callbell-widget') as HTMLElement;
      return [getComputedStyle(el).position, el.style.getPropertyPriority('position')];
    });
    expect(host).toEqual(['fixed', 'important']);
    await p.screenshot({ path: `${SHOTS}/hostile-css-1280.png` });
    await p.close();
  });

  it('sends its daily ping by sendBeacon, once a day, and reports a tampered footer on the next', async () => {
    const before = server.pings.length;
    const p = await open('/');
    await p.waitForFunction((n) => n, undefined, { polling: 100, timeout: 100 }).catch(() => {});
    await expect.poll(() => server.pings.length - before, { timeout: 5000 }).toBe(1);
    expect(server.pings[before]?.contentType).toBe('text/plain;charset=UTF-8');
    expect(JSON.parse(server.pings[before]?.body ?? '{}')).toMatchObject({ widgetId: WIDGET, kind: 'install' });

    // Same day: no second ping. The page removes the footer, and the open panel notices.
    await p.reload();
    await p.waitForFunction(() => (window as unknown as { __root?: ShadowRoot }).__root?.querySelector('.launcher'));
    await p.evaluate(() => window.Callbell?.('open'));
    await inRoot(p, (root) => root.querySelector('[data-cb-branding]')?.remove());
    // The panel writes down the report it owes; wait for that, not for a time (a busy machine
    // took longer than 300 ms, and the report was lost when the test rewrote the record).
    await p.waitForFunction((id) => JSON.parse(localStorage.getItem(`callbell:w:${id}`) ?? '{}').t === 1, WIDGET, {
      timeout: 5000,
    });
    expect(server.pings.length - before).toBe(1);

    // Pretend the last ping was yesterday; the next page view's heartbeat carries the report.
    await pretendLastPingWasLongAgo(p);
    await p.reload();
    await expect.poll(() => server.pings.length - before, { timeout: 5000 }).toBe(2);
    expect(JSON.parse(server.pings[before + 1]?.body ?? '{}')).toMatchObject({
      kind: 'heartbeat',
      brandingTampered: true,
    });
    await p.close();
  });

  it('does not report an intact footer', async () => {
    const before = server.pings.length;
    const p = await open('/?fresh');
    await p.evaluate(() => localStorage.clear());
    await p.reload();
    await p.waitForFunction(() => (window as unknown as { __root?: ShadowRoot }).__root?.querySelector('.launcher'));
    await p.evaluate(() => window.Callbell?.('open'));
    await p.waitForTimeout(300);
    await pretendLastPingWasLongAgo(p);
    await p.reload();
    await expect.poll(() => server.pings.length - before, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    const bodies = server.pings.slice(before).map((ping) => JSON.parse(ping.body));
    expect(bodies.every((body) => body.brandingTampered === undefined)).toBe(true);
    await p.close();
  });

  it('puts a labelled launcher on the left with dark text on a light colour, and no footer', async () => {
    const p = await open('/paid', { width: 360, height: 740 });
    await p.evaluate(() => window.Callbell?.('open'));
    await p.waitForTimeout(300);
    const look = await inRoot(p, (root) => {
      const launcher = root.querySelector('.launcher') as Element;
      const r = launcher.getBoundingClientRect();
      return {
        left: r.left,
        text: launcher.textContent,
        color: getComputedStyle(launcher).color,
        footer: root.querySelector('[data-cb-branding]'),
        panelLeft: (root.getElementById('cb-panel') as Element).getBoundingClientRect().left,
      };
    });
    expect(look).toEqual({ left: 12, text: 'Chat with us', color: 'rgb(17, 24, 39)', footer: null, panelLeft: 12 });
    await p.screenshot({ path: `${SHOTS}/paid-left-360.png` });
    await p.close();
  });

  it.each([
    [360, 740],
    [1280, 800],
  ])('looks right at %i px (screenshots in test-results/screenshots)', async (width, height) => {
    const p = await open('/', { width, height });
    await p.screenshot({ path: `${SHOTS}/closed-${width}.png` });
    await p.evaluate(() => window.Callbell?.('open'));
    await p.waitForTimeout(300);
    const panel = await inRoot(p, (root) => {
      const r = (root.getElementById('cb-panel') as Element).getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top };
    });
    expect(panel.left).toBeGreaterThanOrEqual(0);
    expect(panel.right).toBeLessThanOrEqual(width);
    expect(panel.top).toBeGreaterThanOrEqual(0);
    await p.screenshot({ path: `${SHOTS}/open-${width}.png` });
    await p.close();
  });
});
