import { within } from '@testing-library/preact';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configs, DEMO_ID, ORIGIN, PAID_ID, received, server } from '../test/network.ts';
import { captureShadowRoots, host, loadWidget, mounted, ready, settle } from '../test/page.ts';

let roots: ShadowRoot[];
let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  roots = captureShadowRoots();
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => warn.mockRestore());

// The container div the widget renders into: an element, so failed queries can print the DOM.
const inside = (root: ShadowRoot) => within(root.lastElementChild as HTMLElement);

describe('a widget whose config is found', () => {
  it('mounts a launcher in a closed shadow root at the end of the body', async () => {
    loadWidget(DEMO_ID);
    const root = await mounted(roots);
    expect(host()?.shadowRoot).toBeNull(); // closed: the host page cannot reach in
    expect(document.body.lastElementChild).toBe(host());
    const launcher = inside(root).getByRole('button', { name: 'Open chat' });
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(root.getElementById('cb-panel')).toBeNull(); // rendered on first opening, not at start-up
    expect(warn).not.toHaveBeenCalled();
  });

  it('opens a panel with one deep link per channel and the referral footer', async () => {
    loadWidget(DEMO_ID);
    const root = await mounted(roots);
    const ui = inside(root);
    ui.getByRole('button', { name: 'Open chat' }).click();
    // jsdom never invalidates computed styles cached inside a shadow tree (the idle tamper check
    // read them while the panel was closed), so `hidden: true` skips its visibility test here;
    // the browser specs check real visibility. testing-library cannot follow aria-labelledby
    // inside a shadow root either, so the dialog's name is checked by hand.
    const dialog = await vi.waitFor(() => ui.getByRole('dialog', { hidden: true }));
    expect(dialog.hidden).toBe(false);
    expect(root.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent).toBe('Lucía from Callbell');
    expect(ui.getByRole('button', { name: 'Close chat', expanded: true })).toBeTruthy();
    const hrefs = ui.getAllByRole('link', { hidden: true }).map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([
      'https://wa.me/34600123456?text=Hi!%20I%20have%20a%20question%20about%20my%20order',
      'https://m.me/callbell.eu',
      'https://t.me/callbell_support',
      'https://ig.me/m/callbell',
      'mailto:hello@callbell.eu?subject=Question%20from%20the%20website',
      'tel:+34911234567',
      `${ORIGIN}/r/demo1234?src=widget&w=${DEMO_ID}`,
    ]);
    const footer = ui.getByRole('link', { name: '⚡ by Callbell', hidden: true });
    expect(footer.getAttribute('target')).toBe('_blank');
    expect(footer.getAttribute('rel')).toBe('noopener');
  });

  it('renders no footer at all when the config says branding is hidden', async () => {
    loadWidget(PAID_ID);
    const root = await mounted(roots);
    const ui = inside(root);
    ui.getByRole('button', { expanded: false }).click();
    await vi.waitFor(() => expect(ui.getByRole('dialog')).toBeTruthy());
    expect(root.querySelector('[data-cb-branding]')).toBeNull();
    expect(ui.queryByText(/Callbell/)).toBeNull();
    // The launcher shows its label, and dark text on the light brand colour.
    expect(ui.getByRole('button', { name: 'Chat with us' })).toBeTruthy();
  });
});

describe('a widget that cannot be shown', () => {
  const expectNothingShown = async (pattern: RegExp) => {
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1));
    expect(String(warn.mock.calls[0]?.[0])).toMatch(pattern);
    await settle();
    expect(host()).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
  };

  it('warns once for an unknown widget id', async () => {
    loadWidget('wdg_doesnotexist01');
    await expectNothingShown(/^\[Callbell\] Widget not shown: widget wdg_doesnotexist01 does not exist \(404\)/);
  });

  it('warns once when the server cannot be reached', async () => {
    server.use(http.get(`${ORIGIN}/v1/widgets/:id/config`, () => HttpResponse.error()));
    loadWidget(DEMO_ID);
    await expectNothingShown(/could not reach https:\/\/cdn\.callbell\.test/);
  });

  it('warns once when the server fails', async () => {
    server.use(http.get(`${ORIGIN}/v1/widgets/:id/config`, () => new HttpResponse('oops', { status: 503 })));
    loadWidget(DEMO_ID);
    await expectNothingShown(/answered 503/);
  });

  it('refuses a config whose footer link is not http(s)', async () => {
    const config = configs[DEMO_ID] as { branding: { href: string } };
    config.branding.href = 'javascript:alert(document.cookie)';
    loadWidget(DEMO_ID);
    await expectNothingShown(/did not answer a usable config/);
  });

  it('refuses a config that is not JSON', async () => {
    server.use(http.get(`${ORIGIN}/v1/widgets/:id/config`, () => new HttpResponse('<html>', { status: 200 })));
    loadWidget(DEMO_ID);
    await expectNothingShown(/did not answer a usable config/);
  });

  it('asks nothing of the network when the script tag has no valid widget id', async () => {
    const requests: string[] = [];
    server.events.on('request:start', ({ request }) => requests.push(request.url));
    loadWidget('not-a-widget');
    await expectNothingShown(/data-widget-id "not-a-widget" is missing or malformed/);
    expect(requests).toEqual([]);
  });
});

describe('window.Callbell', () => {
  it('replays calls queued by the snippet stub before the script loaded', async () => {
    await import('./snippet.js');
    const opened = vi.fn();
    window.Callbell?.('on', 'open', opened);
    window.Callbell?.('open');
    loadWidget(DEMO_ID);
    const root = await ready(roots);
    expect(root.getElementById('cb-panel')?.hidden).toBe(false);
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it('opens, closes and toggles, telling listeners each time', async () => {
    loadWidget(DEMO_ID);
    const root = await ready(roots);
    const events: string[] = [];
    const onOpen = () => events.push('open');
    window.Callbell?.('on', 'open', onOpen);
    window.Callbell?.('on', 'close', () => events.push('close'));
    window.Callbell?.('open');
    window.Callbell?.('open'); // already open: no second event
    window.Callbell?.('close');
    window.Callbell?.('toggle');
    window.Callbell?.('off', 'open', onOpen);
    window.Callbell?.('toggle');
    window.Callbell?.('toggle');
    expect(events).toEqual(['open', 'close', 'open', 'close']);
    expect(root.getElementById('cb-panel')?.hidden).toBe(false);
  });

  it('keeps working when a listener throws', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    loadWidget(DEMO_ID);
    const root = await ready(roots);
    window.Callbell?.('on', 'open', () => {
      throw new Error('host bug');
    });
    expect(() => window.Callbell?.('open')).not.toThrow();
    expect(root.getElementById('cb-panel')?.hidden).toBe(false);
    expect(error).toHaveBeenCalledTimes(1);
  });

  it('warns about unknown commands and malformed listeners without throwing', async () => {
    loadWidget(DEMO_ID);
    await ready(roots);
    window.Callbell?.('explode');
    window.Callbell?.('on', 'opened', () => {});
    window.Callbell?.('on', 'open', 'not a function');
    expect(warn.mock.calls.map((call: unknown[]) => String(call[0]))).toEqual([
      expect.stringContaining('Unknown command "explode"'),
      expect.stringContaining("Callbell('on', event, fn) takes an event (open, close)"),
      expect.stringContaining("Callbell('on', event, fn) takes an event (open, close)"),
    ]);
  });

  it('mounts one widget when the script is loaded twice', async () => {
    loadWidget(DEMO_ID);
    loadWidget(DEMO_ID);
    await mounted(roots);
    await settle();
    expect(document.querySelectorAll('callbell-widget')).toHaveLength(1);
  });

  it('destroy removes the widget, and a later load mounts it again', async () => {
    loadWidget(DEMO_ID);
    await mounted(roots);
    window.Callbell?.('destroy');
    expect(host()).toBeNull();
    expect(window.Callbell?.loaded).toBeFalsy();
    expect(() => window.Callbell?.('open')).not.toThrow(); // queued for a future load
    loadWidget(DEMO_ID);
    const root = await vi.waitFor(() => {
      const latest = roots[1];
      if (!latest || !host()) throw new Error('not mounted again');
      return latest;
    });
    await vi.waitFor(() => expect(root.getElementById('cb-panel')?.hidden).toBe(false));
  });

  it('destroy before the config arrives mounts nothing', async () => {
    loadWidget(DEMO_ID);
    window.Callbell?.('destroy');
    await settle(60);
    expect(host()).toBeNull();
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('the host page', () => {
  it('gets no globals from the widget beyond window.Callbell', async () => {
    const before = new Set(Object.keys(window));
    loadWidget(DEMO_ID);
    await mounted(roots);
    await settle();
    expect(Object.keys(window).filter((key) => !before.has(key))).toEqual(['Callbell']);
  });

  it('draws nothing before the page has loaded, even when the script runs in the head before the body', async () => {
    const loading = vi.spyOn(document, 'readyState', 'get').mockReturnValue('loading');
    const body = document.body;
    body.remove();
    loadWidget(DEMO_ID);
    await settle(60);
    expect(host()).toBeNull();
    document.documentElement.appendChild(body);
    await settle(60);
    expect(host()).toBeNull(); // the body is there, the images may not be
    loading.mockReturnValue('complete');
    window.dispatchEvent(new Event('load'));
    await mounted(roots);
    expect(received.length).toBeLessThanOrEqual(1);
  });
});
