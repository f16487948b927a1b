import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_ID, ORIGIN, PAID_ID, received } from '../test/network.ts';
import { captureShadowRoots, loadWidget, ready, settle } from '../test/page.ts';
import { VISITOR_KEY, widgetKey } from './pings.ts';

let roots: ShadowRoot[];
beforeEach(() => {
  roots = captureShadowRoots();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-23T10:00:00Z'));
});

/** One page view: load the widget, let it mount, load its panel and ping. */
async function pageView(widgetId = DEMO_ID, attributes: Record<string, string> = {}) {
  loadWidget(widgetId, attributes);
  const root = await ready(roots);
  await settle();
  return root;
}

/** Takes the widget down as a navigation would. */
function leavePage() {
  window.Callbell?.('destroy');
  delete window.Callbell;
  roots.length = 0;
}

describe('daily pings', () => {
  it('sends one install ping as text/plain JSON, with no query string or fragment', async () => {
    history.replaceState(null, '', '/pricing?coupon=SECRET#plans');
    await pageView();
    await vi.waitFor(() => expect(received).toHaveLength(1));
    const [ping] = received;
    expect(ping?.contentType).toMatch(/^text\/plain/);
    expect(ping?.body).toEqual({
      widgetId: DEMO_ID,
      visitorId: localStorage.getItem(VISITOR_KEY),
      kind: 'install',
      url: `${location.origin}/pricing`,
      sdkVersion: '0.1.0',
    });
    expect(ping?.body.visitorId).toMatch(/^[\w-]{21}$/);
  });

  it('sends nothing more the same UTC day, then a heartbeat the next day with the same visitor', async () => {
    await pageView();
    await vi.waitFor(() => expect(received).toHaveLength(1));
    leavePage();
    vi.setSystemTime(new Date('2026-11-23T23:59:59Z'));
    await pageView();
    await settle(50);
    expect(received).toHaveLength(1);
    leavePage();
    vi.setSystemTime(new Date('2026-11-24T00:00:01Z'));
    await pageView();
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received[1]?.body.kind).toBe('heartbeat');
    expect(received[1]?.body.visitorId).toBe(received[0]?.body.visitorId);
  });

  it('counts each widget separately for the same visitor', async () => {
    await pageView(DEMO_ID);
    leavePage();
    await pageView(PAID_ID);
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received.map((p) => [p.body.widgetId, p.body.kind])).toEqual([
      [DEMO_ID, 'install'],
      [PAID_ID, 'install'],
    ]);
    expect(received[0]?.body.visitorId).toBe(received[1]?.body.visitorId);
  });

  it('uses sendBeacon where the browser has it', async () => {
    const beacons: [string, string][] = [];
    navigator.sendBeacon = (url: string | URL, body?: BodyInit | null) => {
      beacons.push([String(url), String(body)]);
      return true;
    };
    try {
      await pageView();
      await vi.waitFor(() => expect(beacons).toHaveLength(1));
      expect(beacons[0]?.[0]).toBe(`${ORIGIN}/v1/pings`);
      expect(JSON.parse(beacons[0]?.[1] ?? '{}').kind).toBe('install');
      expect(received).toHaveLength(0);
    } finally {
      delete (navigator as Partial<Navigator>).sendBeacon;
    }
  });

  it('falls back to fetch when sendBeacon refuses (queue full)', async () => {
    navigator.sendBeacon = () => false;
    try {
      await pageView();
      await vi.waitFor(() => expect(received).toHaveLength(1));
    } finally {
      delete (navigator as Partial<Navigator>).sendBeacon;
    }
  });

  it('starts over with a fresh visitor id when the stored one is corrupt', async () => {
    localStorage.setItem(VISITOR_KEY, '<script>');
    localStorage.setItem(widgetKey(DEMO_ID), '{not json');
    await pageView();
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]?.body.visitorId).toMatch(/^[\w-]{21}$/);
    expect(received[0]?.body.kind).toBe('install');
  });
});

describe('blocked storage', () => {
  it('shows the widget, sends no ping and throws nothing when localStorage throws', async () => {
    const getter = vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    const root = await pageView();
    await settle(50);
    expect(root.querySelector('.launcher')).not.toBeNull();
    expect(received).toHaveLength(0);
    getter.mockRestore();
  });

  it('sends no ping when storage is full', async () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    });
    await pageView();
    await settle(50);
    expect(received).toHaveLength(0);
  });
});

describe('data-consent="required"', () => {
  it('writes nothing and sends nothing until the page calls Callbell("consent")', async () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const root = await pageView(DEMO_ID, { 'data-consent': 'required' });
    await settle(50);
    expect(root.querySelector('.launcher')).not.toBeNull();
    expect(setItem).not.toHaveBeenCalled();
    expect(received).toHaveLength(0);

    window.Callbell?.('consent');
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(localStorage.getItem(VISITOR_KEY)).toBe(received[0]?.body.visitorId);
  });

  it('consent given before the script loaded is replayed from the queue', async () => {
    await import('./snippet.js');
    window.Callbell?.('consent');
    await pageView(DEMO_ID, { 'data-consent': 'required' });
    await vi.waitFor(() => expect(received).toHaveLength(1));
  });

  it('withdrawing consent forgets the visitor', async () => {
    await pageView();
    await vi.waitFor(() => expect(received).toHaveLength(1));
    window.Callbell?.('consent', false);
    expect(localStorage.getItem(VISITOR_KEY)).toBeNull();
    expect(localStorage.getItem(widgetKey(DEMO_ID))).toBeNull();
  });
});

describe('footer tampering', () => {
  const tamperings: [string, (footer: HTMLElement) => void][] = [
    ['removed', (footer) => footer.remove()],
    ['given another link', (footer) => footer.setAttribute('href', 'https://example.com/')],
    ['hidden with display:none', (footer) => footer.style.setProperty('display', 'none')],
    ['made transparent', (footer) => footer.style.setProperty('opacity', '0')],
  ];

  it.each(tamperings)(
    'a footer %s is reported on the next heartbeat, and the widget keeps working',
    async (_name, tamper) => {
      const root = await pageView();
      await vi.waitFor(() => expect(received).toHaveLength(1));
      expect(received[0]?.body.brandingTampered).toBeUndefined();
      // A tampering script has to wait for the panel to render its footer, then edits it at once.
      window.Callbell?.('open');
      tamper(root.querySelector('[data-cb-branding]') as HTMLElement);
      await settle(120); // the check runs once the open panel has been laid out
      expect(root.querySelector('#cb-panel')?.hasAttribute('hidden')).toBe(false);
      leavePage();

      vi.setSystemTime(new Date('2026-11-24T09:00:00Z'));
      await pageView();
      await vi.waitFor(() => expect(received).toHaveLength(2));
      expect(received[1]?.body).toMatchObject({ kind: 'heartbeat', brandingTampered: true });
    },
  );

  it('an intact footer is never reported', async () => {
    // jsdom lays nothing out (every box is 0×0); give elements the size a browser would.
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 0, 120, 20));
    await pageView();
    window.Callbell?.('open');
    await settle(120);
    leavePage();
    vi.setSystemTime(new Date('2026-11-24T09:00:00Z'));
    await pageView();
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received.map((p) => p.body.brandingTampered)).toEqual([undefined, undefined]);
  });

  it('does not report anything when the plan hides the footer', async () => {
    await pageView(PAID_ID);
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]?.body.brandingTampered).toBeUndefined();
  });
});

afterEach(() => {
  roots.length = 0;
});
