import { vi } from 'vitest';
import { install } from '../src/api.ts';
import type { LoadPanel } from '../src/panel-api.ts';
import { ORIGIN } from './network.ts';

/**
 * Records every shadow root attached from now on, closed ones included: what a host page that
 * wants to tamper with the footer would do, and how tests look inside the widget.
 */
export function captureShadowRoots(): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  const original = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init) {
    const root = original.call(this, init);
    roots.push(root);
    return root;
  });
  return roots;
}

/** The panel chunk's loads the widget asked for: from where, with which nonce, and when done. */
export const panelLoads: { src: string; nonce: string; done: Promise<unknown> }[] = [];
let gate: Promise<void> | null = null;

/** Holds every panel load until the returned function is called: a slow network. */
export function holdPanel(): () => void {
  let release = () => {};
  gate = new Promise((resolve) => {
    release = resolve;
  });
  return () => {
    gate = null;
    release();
  };
}

let failNext = false;

/** Makes the next panel load fail, as a blocked or missing file would. */
export const failNextPanelLoad = () => {
  failNext = true;
};

export function resetPanelLoads() {
  panelLoads.length = 0;
  gate = null;
  failNext = false;
}

/**
 * The panel chunk as the tests load it: its module from the source instead of by a script tag
 * from dist (chunk.test.ts tests that part; the built and browser tests the real file).
 */
const loadPanelFromSource: LoadPanel = (_doc, src, nonce) => {
  const fail = failNext;
  failNext = false;
  const done = (gate ?? Promise.resolve())
    .then(() => (fail ? Promise.reject(new Error(src)) : import('../src/panel/runtime.tsx')))
    .then(({ attach }) => ({ attach }));
  panelLoads.push({ src, nonce, done });
  return done;
};

/** Adds the widget's script tag as a site owner pastes it, and runs the widget for it. */
export function loadWidget(
  widgetId: string | null,
  attributes: Record<string, string> = {},
  src = `${ORIGIN}/widget.js`,
) {
  const script = document.createElement('script');
  script.src = src;
  if (widgetId !== null) script.setAttribute('data-widget-id', widgetId);
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  document.head.appendChild(script);
  install(window, script, loadPanelFromSource);
  return script;
}

export const host = () => document.querySelector('callbell-widget');

/** Waits until the widget has drawn its launcher (or throws after vi.waitFor's timeout). */
export async function mounted(roots: ShadowRoot[]): Promise<ShadowRoot> {
  await vi.waitFor(() => {
    if (!host() || !roots[0]) throw new Error('widget not mounted yet');
  });
  return roots[0] as ShadowRoot;
}

/**
 * Waits until the launcher is drawn and the panel chunk has arrived (the loader asks for it
 * when the page is idle): from then on, an open or a click draws the panel at once.
 */
export async function ready(roots: ShadowRoot[]): Promise<ShadowRoot> {
  const root = await mounted(roots);
  const load = await vi.waitFor(() => {
    const found = panelLoads.at(-1);
    if (!found) throw new Error('panel not asked for yet');
    return found;
  });
  // The loader's own callback on this promise was added first, so it has run when this resumes.
  await load.done;
  return root;
}

/** Lets pending timers, idle callbacks and mocked requests run. */
export const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));
