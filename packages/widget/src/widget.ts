import { isWidgetId, type WidgetConfig } from '@callbell/protocol';
import { fetchConfig } from './config.ts';
import { warn } from './log.ts';
import { type Mounted, mount } from './mount.tsx';
import { claimDailyPing, owePingTamperReport, pingBody, sendPing, VISITOR_KEY, widgetKey } from './pings.ts';
import { createState, type WidgetEvent } from './state.ts';
import { safeStorage } from './storage.ts';
import { footerTampered } from './tamper.ts';

/** One widget on one page, from its script tag to its removal. */
export interface WidgetController {
  command(name: string, args: unknown[]): void;
}

const EVENTS: readonly WidgetEvent[] = ['open', 'close'];

/** Runs `fn` when the browser is idle, so the ping never competes with the host page's start-up. */
function whenIdle(win: Window, fn: () => void) {
  if (win.requestIdleCallback) win.requestIdleCallback(fn, { timeout: 3000 });
  else win.setTimeout(fn, 500);
}

function whenBodyReady(doc: Document, fn: () => void) {
  if (doc.body) fn();
  else doc.addEventListener('DOMContentLoaded', fn, { once: true });
}

/**
 * Starts the widget described by a script tag: fetch the config, mount, then send today's ping.
 * Returns null, after one console warning, when the tag cannot describe a widget.
 */
export function startWidget(win: Window, script: HTMLScriptElement, onDestroy: () => void): WidgetController | null {
  const doc = win.document;
  const widgetId = script.getAttribute('data-widget-id');
  if (!isWidgetId(widgetId)) {
    warn(`Widget not shown: data-widget-id "${widgetId ?? ''}" is missing or malformed.`);
    return null;
  }
  const origin = new URL(script.src || doc.baseURI, doc.baseURI).origin;
  let consent = script.getAttribute('data-consent') !== 'required';
  const storage = safeStorage(win, () => consent);
  const state = createState();
  const abort = new AbortController();
  let config: WidgetConfig | null = null;
  let mounted: Mounted | null = null;
  let tamperSeen = false;
  let stopWatching: () => unknown = () => {};

  // Until the panel has been opened it is not rendered, and there is no footer to check.
  const tampered = (panelOpen: boolean) =>
    !!config?.branding.show &&
    !!mounted?.panelRendered() &&
    footerTampered(mounted.host, mounted.root, config.branding.href, panelOpen);

  const ping = () => {
    if (!mounted || !consent) return;
    const claim = claimDailyPing(storage, widgetId, Date.now(), tamperSeen || tampered(state.isOpen()));
    if (claim) sendPing(win, origin, pingBody(widgetId, claim, win.location.href));
  };

  // Each time the panel opens, check the footer once it has been laid out.
  const watchFooter = () =>
    state.watch((open) => {
      if (!open) return;
      win.setTimeout(() => {
        if (!tampered(true)) return;
        tamperSeen = true;
        owePingTamperReport(storage, widgetId);
      }, 50);
    });

  fetchConfig(win, origin, widgetId, abort.signal).then((result) => {
    if (abort.signal.aborted) return;
    if (!result.ok) return warn(`Widget not shown: ${result.error}.`);
    config = result.value;
    whenBodyReady(doc, () => {
      if (abort.signal.aborted || !config) return;
      mounted = mount(doc, config, state, script.nonce ?? '');
      stopWatching = watchFooter();
      whenIdle(win, ping);
    });
  });

  const on = (args: unknown[], add: boolean) => {
    const [event, fn] = args as [WidgetEvent, () => void];
    if (!EVENTS.includes(event) || typeof fn !== 'function')
      return warn(`Callbell('${add ? 'on' : 'off'}', event, fn) takes an event (${EVENTS.join(', ')}) and a function.`);
    if (add) state.on(event, fn);
    else state.off(event, fn);
  };

  const commands: Record<string, (args: unknown[]) => void> = {
    open: state.openPanel,
    close: state.closePanel,
    toggle: state.toggle,
    on: (args) => on(args, true),
    off: (args) => on(args, false),
    consent([granted = true]) {
      consent = granted !== false;
      if (consent) return whenIdle(win, ping);
      storage.remove(VISITOR_KEY);
      storage.remove(widgetKey(widgetId));
    },
    destroy() {
      abort.abort();
      stopWatching();
      mounted?.unmount();
      mounted = null;
      state.clear();
      onDestroy();
    },
  };

  return {
    command(name, args) {
      if (abort.signal.aborted) return;
      const run = commands[name];
      if (run) run(args);
      else warn(`Unknown command "${name}". Try: ${Object.keys(commands).join(', ')}.`);
    },
  };
}
