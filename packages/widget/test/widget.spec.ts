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
/** The fixture server's extra pages; a test may add one (it is read on each request). */
const pages: Record<string, { html: string; headers?: Record<string, string> }> = {};

const page = (body: string, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">${head}</head><body>${body}</body></html>`;

beforeAll(async () => {
  if (!haveChromium) return;
  mkdirSync(SHOTS, { recursive: true });
  Object.assign(pages, {
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
  });
  server = await startFixtureServer({ pages });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface OpenOptions {
  viewport?: { width: number; height: number };
  /** Runs in the page before its scripts. */
  init?: () => void;
  /** The visitor id the widget finds in storage, so a test counts only its own pings. */
  visitorId?: string;
  /** Runs before the page loads (routes, listeners). */
  setup?: (p: Page) => Promise<unknown>;
}

/**
 * A page that records the widget's closed shadow root (as a tampering host page could), the
 * window's own keys before any script ran, layout shifts, CSP violations and the panel chunk's
 * script tags; it resolves once the launcher is drawn.
 */
async function open(path: string, options: OpenOptions = {}): Promise<Page> {
  const { viewport = { width: 1280, height: 800 }, init, visitorId, setup } = options;
  const p = await browser.newPage({ viewport });
  await setup?.(p);
  await p.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    w.__keys = Object.keys(window);
    w.__violations = [];
    w.__shift = 0;
    w.__chunks = [];
    // The panel chunk's script tag as the loader adds it (it removes it once it has run).
    new MutationObserver((records) => {
      for (const node of records.flatMap((r) => [...r.addedNodes]))
        if (node instanceof HTMLScriptElement && node.src.includes('/widget-panel-'))
          (w.__chunks as { src: string; nonce: string }[]).push({ src: node.src, nonce: node.nonce ?? '' });
    }).observe(document, { childList: true, subtree: true });
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
  if (visitorId)
    await p.addInitScript((id) => {
      if (!localStorage.getItem('callbell:vid')) localStorage.setItem('callbell:vid', id);
    }, visitorId);
  await p.goto(server.origin + path);
  await p.waitForFunction(() => (window as unknown as { __root?: ShadowRoot }).__root?.querySelector('.launcher'));
  return p;
}

/** The pings the fixture server received from one visitor: a page another test closed may still have one in flight. */
const pingsOf = (visitorId: string) =>
  server.pings
    .filter((ping) => JSON.parse(ping.body).visitorId === visitorId)
    .map((ping) => ({
      contentType: ping.contentType,
      body: JSON.parse(ping.body) as Record<string, unknown>,
    }));

/** Waits until the panel is drawn open (its chunk may still be on its way when it is asked for). */
const panelOpen = (p: Page) =>
  p.waitForFunction(() => {
    const panel = (window as unknown as { __root?: ShadowRoot }).__root?.getElementById('cb-panel');
    return panel && !panel.hidden && panel.getBoundingClientRect().height > 0;
  });

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
    await panelOpen(p); // focusing the launcher asked for the panel's chunk; Enter waits for it
    expect(await activeInWidget(p)).not.toBe('launcher');
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
    await panelOpen(p);
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
    const p = await open('/csp', { init });
    // The launcher's styles, then the panel's once its chunk has arrived (the page is idle).
    await p.waitForFunction(() => {
      const root = (window as unknown as { __root: ShadowRoot }).__root;
      return root.adoptedStyleSheets.length + root.querySelectorAll('style').length === 2;
    });
    const styled = await inRoot(p, (root) => ({
      background: getComputedStyle(root.querySelector('.launcher') as Element).backgroundColor,
      styleTags: root.querySelectorAll('style').length,
      nonces: [...root.querySelectorAll('style')].map((style) => style.nonce),
    }));
    expect(styled.background).toBe('rgb(27, 110, 243)');
    expect(styled.styleTags).toBe(init ? 2 : 0);
    if (init) expect(styled.nonces).toEqual([NONCE, NONCE]);
    // The panel chunk came with the loader's nonce, and opens the panel under the same policy.
    await p.evaluate(() => window.Callbell?.('open'));
    await panelOpen(p);
    expect(await p.evaluate(() => (window as unknown as { __chunks: unknown[] }).__chunks)).toEqual([
      { src: expect.stringMatching(new RegExp(`^${server.origin}/widget-panel-[0-9a-f]{12}\\.js$`)), nonce: NONCE },
    ]);
    expect(await inRoot(p, (root) => getComputedStyle(root.getElementById('cb-panel') as Element).position)).toBe(
      'fixed',
    );
    expect(await p.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    await p.close();
  });

  it('keeps its size and place whatever the host page CSS says', async () => {
    const p = await open('/hostile', { viewport: { width: 1280, height: 800 } });
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
    // Only this test's visitor counts: a page an earlier test closed may still have a beacon in
    // flight, which once made the count 2 where 1 was expected.
    const mine = () => pingsOf('dailyPingSpecVisitor01');
    const p = await open('/', { visitorId: 'dailyPingSpecVisitor01' });
    await expect.poll(() => mine().length, { timeout: 10_000 }).toBe(1);
    expect(mine()[0]?.contentType).toBe('text/plain;charset=UTF-8');
    expect(mine()[0]?.body).toMatchObject({ widgetId: WIDGET, kind: 'install' });

    // Same day: no second ping. The page removes the footer the moment the panel draws it (a
    // mutation observer runs before the widget's check, 50 ms later; a separate call from the
    // test, as before, could land after that check on a busy machine), and the panel notices.
    await p.reload();
    await p.waitForFunction(() => (window as unknown as { __root?: ShadowRoot }).__root?.querySelector('.launcher'));
    await inRoot(p, (root) => {
      new MutationObserver(() => root.querySelector('[data-cb-branding]')?.remove()).observe(root, {
        childList: true,
        subtree: true,
      });
      window.Callbell?.('open');
    });
    await p.waitForFunction((id) => JSON.parse(localStorage.getItem(`callbell:w:${id}`) ?? '{}').t === 1, WIDGET, {
      timeout: 10_000,
    });
    expect(mine()).toHaveLength(1);

    // Pretend the last ping was yesterday; the next page view's heartbeat carries the report.
    await pretendLastPingWasLongAgo(p);
    await p.reload();
    await expect.poll(() => mine().length, { timeout: 10_000 }).toBe(2);
    expect(mine()[1]?.body).toMatchObject({ kind: 'heartbeat', brandingTampered: true });
    await p.close();
  });

  it('does not report an intact footer', async () => {
    const p = await open('/', { visitorId: 'intactFooterVisitor01' });
    await p.evaluate(() => window.Callbell?.('open'));
    await panelOpen(p);
    await p.waitForTimeout(300); // the footer is checked 50 ms after the panel is drawn
    await pretendLastPingWasLongAgo(p);
    await p.reload();
    await expect.poll(() => pingsOf('intactFooterVisitor01').length, { timeout: 5000 }).toBe(2);
    expect(pingsOf('intactFooterVisitor01').map(({ body }) => body.brandingTampered)).toEqual([undefined, undefined]);
    await p.close();
  });

  it('puts a labelled launcher on the left with dark text on a light colour, and no footer', async () => {
    const p = await open('/paid', { viewport: { width: 360, height: 740 } });
    await p.evaluate(() => window.Callbell?.('open'));
    await panelOpen(p);
    await p.waitForTimeout(300); // the panel's entrance animation
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
    const p = await open('/', { viewport: { width, height } });
    await p.screenshot({ path: `${SHOTS}/closed-${width}.png` });
    await p.evaluate(() => window.Callbell?.('open'));
    await panelOpen(p);
    await p.waitForTimeout(300); // the panel's entrance animation
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

  it('draws the launcher and pings with its panel chunk blocked, and warns once when asked to open', async () => {
    const warnings: string[] = [];
    const p = await open('/', {
      visitorId: 'blockedChunkVisitor01',
      setup: async (tab) => {
        tab.on('console', (message) => {
          if (message.type() === 'warning') warnings.push(message.text());
        });
        await tab.route('**/widget-panel-*.js', (route) => route.abort());
      },
    });
    await expect.poll(() => pingsOf('blockedChunkVisitor01').length, { timeout: 5000 }).toBe(1);
    await p.evaluate(() => window.Callbell?.('open'));
    await expect
      .poll(() => warnings, { timeout: 5000 })
      .toEqual([
        expect.stringMatching(/^\[Callbell\] Chat panel not loaded: Error: http.*\/widget-panel-[0-9a-f]{12}\.js$/),
      ]);
    expect(await inRoot(p, (root) => root.getElementById('cb-panel'))).toBeNull();
    await p.close();
  });

  it('keeps a click made before the panel chunk arrives, and opens the panel when it does', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const p = await open('/', {
      setup: (tab) =>
        tab.route('**/widget-panel-*.js', async (route) => {
          await held;
          await route.continue();
        }),
    });
    const at = await inRoot(p, (root) => {
      const r = (root.querySelector('.launcher') as Element).getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    });
    await p.mouse.click(at.x, at.y);
    await p.waitForTimeout(200);
    expect(await inRoot(p, (root) => root.getElementById('cb-panel'))).toBeNull();
    release();
    await panelOpen(p);
    expect(await activeInWidget(p)).toBe('x'); // a person opened it: focus went in, to its first control
    await p.close();
  });

  it('opens the panel in the same task as a click once its chunk is there', async () => {
    const p = await open('/');
    await p.waitForFunction(() => (window as unknown as { __chunks: unknown[] }).__chunks.length === 1);
    await p.waitForFunction(() => !document.querySelector('script[src*="/widget-panel-"]')); // run and removed
    const openedInTask = await inRoot(p, (root) => {
      (root.querySelector('.launcher') as HTMLElement).click();
      return root.getElementById('cb-panel')?.hidden === false;
    });
    expect(openedInTask).toBe(true);
    await p.close();
  });

  it('loads its panel chunk from where widget.js came from, not from the page', async () => {
    const cdn = await startFixtureServer();
    try {
      pages['/elsewhere'] = {
        html: page(`<h1>A site</h1><script src="${cdn.origin}/widget.js" data-widget-id="${WIDGET}" async></script>`),
      };
      const requests: string[] = [];
      const p = await open('/elsewhere', { setup: async (tab) => tab.on('request', (r) => requests.push(r.url())) });
      await p.evaluate(() => window.Callbell?.('open'));
      await panelOpen(p);
      expect(requests.filter((url) => url.includes('/widget-panel-'))).toEqual([
        expect.stringMatching(new RegExp(`^${cdn.origin}/widget-panel-[0-9a-f]{12}\\.js$`)),
      ]);
      expect(cdn.origin).not.toBe(server.origin);
      await expect.poll(() => cdn.pings.length, { timeout: 5000 }).toBe(1);
      await p.close();
    } finally {
      delete pages['/elsewhere'];
      await cdn.close();
    }
  });
});
