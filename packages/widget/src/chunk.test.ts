import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_ID, ORIGIN, received } from '../test/network.ts';
import {
  captureShadowRoots,
  failNextPanelLoad,
  holdPanel,
  loadWidget,
  mounted,
  panelLoads,
  ready,
  settle,
} from '../test/page.ts';
import { loadPanelScript } from './chunk.ts';
import { PANEL_EVENT, type PanelModule } from './panel-api.ts';

let roots: ShadowRoot[];
beforeEach(() => {
  roots = captureShadowRoots();
});

const launcher = (root: ShadowRoot) => root.querySelector('.launcher') as HTMLButtonElement;
const panel = (root: ShadowRoot) => root.getElementById('cb-panel');

describe('the loader without its panel chunk', () => {
  it('draws the launcher and sends the ping while the chunk has not arrived', async () => {
    holdPanel();
    loadWidget(DEMO_ID);
    const root = await mounted(roots);
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]?.body).toMatchObject({ widgetId: DEMO_ID, kind: 'install' });
    expect(launcher(root).getAttribute('aria-label')).toBe('Open chat');
    expect(panelLoads).toHaveLength(1); // asked for once the page was idle, still on its way
    expect(panel(root)).toBeNull();
  });

  it('keeps a click that comes before the chunk, and opens the panel with focus when it arrives', async () => {
    const release = holdPanel();
    loadWidget(DEMO_ID);
    const root = await mounted(roots);
    const opened = vi.fn();
    window.Callbell?.('on', 'open', opened);
    launcher(root).focus();
    launcher(root).click();
    await settle();
    expect(panel(root)).toBeNull();
    expect(opened).not.toHaveBeenCalled();
    release();
    await vi.waitFor(() => expect(panel(root)?.hidden).toBe(false));
    expect(opened).toHaveBeenCalledTimes(1);
    expect(launcher(root).getAttribute('aria-expanded')).toBe('true');
    expect(panel(root)?.contains(root.activeElement)).toBe(true);
  });

  it('opens at once on a click once the chunk is there', async () => {
    loadWidget(DEMO_ID);
    const root = await ready(roots);
    launcher(root).click();
    expect(panel(root)?.hidden).toBe(false); // no await: the same task as the click
  });
});

describe('loading the panel chunk', () => {
  let idle: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    // No idle time: only the visitor's intent asks for the chunk.
    idle = vi.spyOn(window, 'requestIdleCallback').mockImplementation(() => 0);
  });
  afterEach(() => idle.mockRestore());

  it.each([
    ['a pointer over the launcher', (root: ShadowRoot) => launcher(root).dispatchEvent(new Event('pointerover'))],
    ['focus on the launcher', (root: ShadowRoot) => launcher(root).focus()],
    ['Callbell("open")', () => window.Callbell?.('open')],
  ])('starts on %s', async (_name, intent) => {
    loadWidget(DEMO_ID);
    const root = await mounted(roots);
    await settle();
    expect(panelLoads).toHaveLength(0);
    intent(root);
    expect(panelLoads).toHaveLength(1);
  });

  it('starts when the page is idle after its load, once', async () => {
    idle.mockRestore();
    loadWidget(DEMO_ID);
    await ready(roots);
    window.Callbell?.('open');
    expect(panelLoads).toHaveLength(1);
  });

  it('comes from beside the loader, whatever the page origin, with its nonce', async () => {
    loadWidget(DEMO_ID, { nonce: 'n0nc3' }, `${ORIGIN}/v2/widget.js?x=1`);
    window.Callbell?.('open');
    expect(location.origin).not.toBe(ORIGIN);
    expect(panelLoads).toEqual([{ src: `${ORIGIN}/v2/widget-panel.js`, nonce: 'n0nc3', done: expect.any(Promise) }]);
  });
});

describe('loadPanelScript', () => {
  const module: PanelModule = { attach: vi.fn() };
  const added = () => document.head.querySelector<HTMLScriptElement>(`script[src="${ORIGIN}/widget-panel-abc.js"]`);

  it('adds a script with the nonce, takes the module the chunk hands over, and removes the script', async () => {
    const loading = loadPanelScript(document, `${ORIGIN}/widget-panel-abc.js`, 'n0nc3');
    const script = added();
    expect(script?.nonce).toBe('n0nc3');
    // What the chunk does when it runs (src/panel/index.ts), then the browser's load event.
    script?.dispatchEvent(new CustomEvent(PANEL_EVENT, { detail: module }));
    script?.dispatchEvent(new Event('load'));
    await expect(loading).resolves.toBe(module);
    expect(added()).toBeNull();
  });

  it('fails when the script does not load, or hands nothing over', async () => {
    const failed = loadPanelScript(document, `${ORIGIN}/widget-panel-abc.js`, '');
    added()?.dispatchEvent(new Event('error'));
    await expect(failed).rejects.toThrow(`${ORIGIN}/widget-panel-abc.js`);
    const empty = loadPanelScript(document, `${ORIGIN}/widget-panel-abc.js`, '');
    added()?.dispatchEvent(new Event('load'));
    await expect(empty).rejects.toThrow();
    expect(added()).toBeNull();
  });
});

describe('a chunk that fails to load', () => {
  it('is reported once, and the next sign of intent tries again, keeping the open asked for', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(window, 'requestIdleCallback').mockImplementation(() => 0); // no idle retry
    failNextPanelLoad();
    loadWidget(DEMO_ID);
    window.Callbell?.('open');
    const root = await mounted(roots);
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1));
    expect(String(warn.mock.calls[0]?.[0])).toBe(`[Callbell] Chat panel not loaded: Error: ${ORIGIN}/widget-panel.js`);
    expect(panel(root)).toBeNull();
    launcher(root).dispatchEvent(new Event('pointerover'));
    await vi.waitFor(() => expect(panel(root)?.hidden).toBe(false));
    expect(panelLoads).toHaveLength(2);
  });
});
