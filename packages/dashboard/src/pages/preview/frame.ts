import { isWidgetId, type WidgetConfig } from '@callbell/protocol';
import { isPreviewMessage } from './messages.ts';

/**
 * The preview frame: it runs the real widget bundle (/widget.js) with the config its parent
 * page sends, by answering the widget's own config request with that config. The widget runs
 * with consent required, so it writes no storage and sends no ping; links do not navigate, so
 * trying the preview never counts as a visit or a referral click.
 */

type Callbell = ((command: string, ...args: unknown[]) => void) & { loaded?: boolean };
type PreviewWindow = Window & { Callbell?: Callbell };

/** The widget id when `url` is this origin's config request (`/v1/widgets/<id>/config`), else null. */
export function configRequestId(url: string, origin: string): string | null {
  let u: URL;
  try {
    u = new URL(url, origin);
  } catch {
    return null;
  }
  if (u.origin !== origin) return null;
  const m = /^\/v1\/widgets\/([^/]+)\/config$/.exec(u.pathname);
  return m?.[1] && isWidgetId(m[1]) ? m[1] : null;
}

const urlOf = (input: RequestInfo | URL) =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

/**
 * A fetch that answers the widget's config request with `current()` (when it is that widget's)
 * and passes anything else to `original`.
 */
export function previewFetch(original: typeof fetch, current: () => WidgetConfig | null, origin: string): typeof fetch {
  return (input, init) => {
    const config = current();
    const id = configRequestId(urlOf(input), origin);
    if (config && id === config.widgetId) {
      const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' };
      return Promise.resolve(new Response(JSON.stringify(config), { status: 200, headers }));
    }
    return original(input, init);
  };
}

/**
 * Wires the frame: fetch override, messages from `parent` (the widget page) on this origin,
 * and the widget's restarts.
 */
export function startPreviewFrame(win: PreviewWindow, parent: MessageEventSource | null = win.parent): void {
  const doc = win.document;
  const origin = win.location.origin;
  let config: WidgetConfig | null = null;
  let script: HTMLScriptElement | null = null;
  let loading = false;
  let again = false;

  win.fetch = previewFetch(win.fetch.bind(win), () => config, origin);

  // Cancels every link's activation (inside the widget's shadow root too); its buttons still work.
  const inert = (e: Event) => e.preventDefault();
  win.addEventListener('click', inert, true);
  win.addEventListener('auxclick', inert, true);

  const restart = () => {
    if (!config) return;
    // One script at a time: a change while one loads restarts once that one has run.
    if (loading) {
      again = true;
      return;
    }
    if (win.Callbell?.loaded) win.Callbell('destroy');
    script?.remove();
    const s = doc.createElement('script');
    s.src = '/widget.js';
    s.setAttribute('data-widget-id', config.widgetId);
    s.setAttribute('data-consent', 'required');
    loading = true;
    s.onload = s.onerror = () => {
      loading = false;
      if (again) {
        again = false;
        restart();
      } else win.Callbell?.('open');
    };
    script = s;
    doc.body.append(s);
  };

  win.addEventListener('message', (e: MessageEvent) => {
    if (e.origin !== origin || !parent || e.source !== parent) return;
    if (!isPreviewMessage(e.data) || !isWidgetId(e.data.config.widgetId)) return;
    config = e.data.config;
    restart();
  });
}
