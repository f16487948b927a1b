import { isWidgetId, type WidgetConfig } from '@callbell/protocol';
import { loadPanelScript } from './chunk.ts';
import { fetchConfig } from './config.ts';
import { drawLauncher, type Launcher } from './launcher.ts';
import { warn } from './log.ts';
import type { LoadPanel, PanelModule, PanelRuntime } from './panel-api.ts';
import { sendDailyPing, VISITOR_KEY, widgetKey } from './pings.ts';
import { safeStorage } from './storage.ts';

/** One widget on one page, from its script tag to its removal. */
export interface WidgetController {
  command(name: string, args: unknown[]): void;
}

/** Runs `fn` when the browser is idle, so the widget never competes with the host page's start-up. */
function whenIdle(win: Window, fn: () => void) {
  if (win.requestIdleCallback) win.requestIdleCallback(fn, { timeout: 3000 });
  else win.setTimeout(fn, 500);
}

/**
 * Starts the widget described by a script tag: fetch the config, draw the launcher once the
 * page has loaded, send today's ping when it is idle. The rest (the open state, its events,
 * the panel: Preact) is a second script beside this one, `widget-panel-<hash>.js`, loaded on
 * the visitor's first sign of intent (pointer over or focus on the launcher, an open) or when
 * the page is idle after its load, whichever comes first. Commands and clicks wait for it in
 * a queue. Returns null, after one console warning, when the tag cannot describe a widget.
 */
export function startWidget(
  win: Window,
  script: HTMLScriptElement,
  onDestroy: () => void,
  loadPanel: LoadPanel = loadPanelScript,
): WidgetController | null {
  const doc = win.document;
  const widgetId = script.getAttribute('data-widget-id');
  if (!isWidgetId(widgetId)) {
    warn(`Widget not shown: data-widget-id "${widgetId ?? ''}" is missing or malformed.`);
    return null;
  }
  // The chunk comes from where this script came from, never from the page's own origin.
  const src = script.src || doc.baseURI;
  const origin = new URL(src).origin;
  // Browsers hide the nonce attribute once a page's policy applies; the property keeps it.
  const nonce = script.nonce ?? '';
  let consent = script.getAttribute('data-consent') !== 'required';
  const storage = safeStorage(win, () => consent);
  const queue: ((panel: PanelRuntime) => void)[] = [];
  let config: WidgetConfig | null = null;
  let launcher: Launcher | null = null;
  let module: PanelModule | null = null;
  let panel: PanelRuntime | null = null;
  let loading = false;
  let destroyed = false;

  const ping = () => {
    if (launcher && consent) sendDailyPing(win, storage, origin, widgetId, !!panel?.tampered());
  };

  // The panel needs its chunk and the launcher (its place), which arrive in either order.
  const attach = () => {
    if (destroyed || panel || !module || !launcher || !config) return;
    panel = module.attach({ ...launcher, config, nonce, widgetId, storage });
    for (const fn of queue.splice(0)) fn(panel);
  };

  const requestPanel = () => {
    if (loading || destroyed) return;
    loading = true;
    loadPanel(doc, new URL(__PANEL_FILE__, src).href, nonce).then(
      (loaded) => {
        module = loaded;
        attach();
      },
      (err) => {
        loading = false; // the next sign of intent tries again
        warn(`Chat panel not loaded: ${err}`); // names the URL
      },
    );
  };

  /** Runs `fn` with the panel: now, or once it has arrived; `intent` asks for it at once. */
  const withPanel = (fn: (panel: PanelRuntime) => void, intent: boolean) => {
    if (panel) return fn(panel);
    queue.push(fn);
    if (intent) requestPanel();
  };

  fetchConfig(win, origin, widgetId).then((result) => {
    if (destroyed) return;
    if (typeof result === 'string') return warn(`Widget not shown: ${result}.`);
    // Drawn once the page has loaded: nothing of the widget's runs among the page's own first
    // paints (its largest contentful paint above all).
    const draw = () => {
      if (destroyed) return;
      config = result;
      launcher = drawLauncher(doc, result, nonce, () => withPanel((p) => p.click(), true));
      launcher.button.onpointerover = launcher.button.onfocus = requestPanel;
      attach();
      whenIdle(win, ping);
      whenIdle(win, requestPanel);
    };
    if (doc.readyState === 'complete' && doc.body) draw();
    else win.addEventListener('load', draw, { once: true });
  });

  return {
    command(name, args) {
      if (destroyed) return;
      // Consent and destroy are the loader's; the rest is the panel's, which an open asks for.
      if (name === 'consent') {
        consent = args[0] !== false;
        if (consent) return whenIdle(win, ping);
        storage.remove(VISITOR_KEY);
        storage.remove(widgetKey(widgetId));
      } else if (name === 'destroy') {
        destroyed = true;
        panel?.unmount();
        launcher?.host.remove();
        launcher = null;
        onDestroy();
      } else withPanel((p) => p.command(name, args), name === 'open' || name === 'toggle');
    },
  };
}
