import type { WidgetConfig } from '@callbell/protocol';
import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { configRequestId, previewFetch, startPreviewFrame } from './frame.ts';
import { isPreviewMessage, previewMessage } from './messages.ts';

const ORIGIN = 'http://localhost:3000';
const CONFIG: WidgetConfig = {
  widgetId: 'wdg_test00000001',
  greeting: 'Hola',
  agent: { name: 'Ana', avatarUrl: null },
  appearance: { position: 'left', color: '#ff0000', label: 'Chat' },
  channels: [{ type: 'telegram', username: 'acme_support' }],
  branding: { show: true, label: '⚡ by Callbell', href: `${ORIGIN}/r/anacode1?src=widget&w=wdg_test00000001` },
};

describe('configRequestId', () => {
  it('recognises this origin’s config request, and nothing else', () => {
    expect(configRequestId(`${ORIGIN}/v1/widgets/wdg_test00000001/config`, ORIGIN)).toBe('wdg_test00000001');
    expect(configRequestId('/v1/widgets/wdg_test00000001/config', ORIGIN)).toBe('wdg_test00000001');
    expect(configRequestId('https://evil.example/v1/widgets/wdg_test00000001/config', ORIGIN)).toBeNull();
    expect(configRequestId(`${ORIGIN}/v1/pings`, ORIGIN)).toBeNull();
    expect(configRequestId(`${ORIGIN}/v1/widgets/not-an-id/config`, ORIGIN)).toBeNull();
  });
});

describe('previewFetch', () => {
  it('answers the widget’s config request with the draft, and passes the rest on', async () => {
    const original = vi.fn(async () => new Response('from the network'));
    const fetch = previewFetch(original, () => CONFIG, ORIGIN);
    const res = await fetch(`${ORIGIN}/v1/widgets/wdg_test00000001/config`, { credentials: 'omit' });
    expect(await res.json()).toEqual(CONFIG);
    expect(original).not.toHaveBeenCalled();
    await fetch(`${ORIGIN}/v1/widgets/wdg_other0000001/config`);
    expect(original).toHaveBeenCalledTimes(1);
  });

  it('passes everything on before a config has arrived', async () => {
    const original = vi.fn(async () => new Response('{}'));
    await previewFetch(original, () => null, ORIGIN)(`${ORIGIN}/v1/widgets/wdg_test00000001/config`);
    expect(original).toHaveBeenCalledTimes(1);
  });
});

describe('isPreviewMessage', () => {
  it('accepts only the page’s message', () => {
    expect(isPreviewMessage(previewMessage(CONFIG))).toBe(true);
    expect(isPreviewMessage({ type: 'something-else', config: CONFIG })).toBe(false);
    expect(isPreviewMessage({ type: 'callbell:preview-config' })).toBe(false);
    expect(isPreviewMessage(null)).toBe(false);
  });
});

/** A frame window (its own jsdom) and a parent window that sends it messages. */
function frame() {
  const dom = new JSDOM('<!doctype html><body></body>', { url: `${ORIGIN}/app/preview.html` });
  const parent = new JSDOM('', { url: `${ORIGIN}/app/widget` }).window;
  const win = dom.window as unknown as Window & { Callbell?: ((...a: unknown[]) => void) & { loaded?: boolean } };
  win.fetch = vi.fn(async () => new Response('{}'));
  startPreviewFrame(win, parent as unknown as Window);
  const send = (data: unknown, opts: { origin?: string; source?: unknown } = {}) =>
    win.dispatchEvent(
      new dom.window.MessageEvent('message', {
        data,
        origin: opts.origin ?? ORIGIN,
        source: (opts.source ?? parent) as MessageEventSource,
      }),
    );
  const scripts = () => Array.from(win.document.querySelectorAll('script'));
  const load = (script: HTMLScriptElement | undefined) => script?.dispatchEvent(new dom.window.Event('load'));
  return { win, send, scripts, load, other: new JSDOM('', { url: ORIGIN }).window };
}

describe('startPreviewFrame', () => {
  it('starts the real bundle with consent required for the config its parent sends', async () => {
    const { win, send, scripts, load } = frame();
    send(previewMessage(CONFIG));
    const [script] = scripts();
    expect(script?.getAttribute('src')).toBe('/widget.js');
    expect(script?.getAttribute('data-widget-id')).toBe('wdg_test00000001');
    expect(script?.getAttribute('data-consent')).toBe('required');
    // What the bundle will fetch is the draft.
    const res = await win.fetch(`${ORIGIN}/v1/widgets/wdg_test00000001/config`);
    expect(await res.json()).toEqual(CONFIG);
    // Once loaded, the panel is opened.
    const api = Object.assign(vi.fn(), { loaded: true });
    win.Callbell = api;
    load(script);
    expect(api).toHaveBeenCalledWith('open');
  });

  it('ignores messages from another origin or another window', () => {
    const { send, scripts, other } = frame();
    send(previewMessage(CONFIG), { origin: 'https://evil.example' });
    send(previewMessage(CONFIG), { source: other });
    send({ type: 'callbell:preview-config', config: { ...CONFIG, widgetId: '"><img src=x>' } });
    expect(scripts()).toHaveLength(0);
  });

  it('restarts once per change, destroying the previous widget, never two scripts at once', async () => {
    const { win, send, scripts, load } = frame();
    send(previewMessage(CONFIG));
    send(previewMessage({ ...CONFIG, greeting: 'second' }));
    send(previewMessage({ ...CONFIG, greeting: 'third' }));
    expect(scripts()).toHaveLength(1); // the first is still loading
    const api = Object.assign(vi.fn(), { loaded: true });
    win.Callbell = api;
    load(scripts()[0]);
    expect(api).toHaveBeenCalledWith('destroy');
    expect(api).not.toHaveBeenCalledWith('open');
    expect(scripts()).toHaveLength(1);
    const res = await win.fetch(`${ORIGIN}/v1/widgets/wdg_test00000001/config`);
    expect((await res.json()).greeting).toBe('third');
    load(scripts()[0]);
    expect(api).toHaveBeenLastCalledWith('open');
  });
});
