import { vi } from 'vitest';
import { install } from '../src/api.ts';
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

/** Adds the widget's script tag as a site owner pastes it, and runs the widget for it. */
export function loadWidget(widgetId: string | null, attributes: Record<string, string> = {}) {
  const script = document.createElement('script');
  script.src = `${ORIGIN}/widget.js`;
  if (widgetId !== null) script.setAttribute('data-widget-id', widgetId);
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  document.head.appendChild(script);
  install(window, script);
  return script;
}

export const host = () => document.querySelector('callbell-widget');

/** Waits until the widget has mounted (or throws after vi.waitFor's timeout). */
export async function mounted(roots: ShadowRoot[]): Promise<ShadowRoot> {
  await vi.waitFor(() => {
    if (!host() || !roots[0]) throw new Error('widget not mounted yet');
  });
  return roots[0] as ShadowRoot;
}

/** Lets pending timers, idle callbacks and mocked requests run. */
export const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));
