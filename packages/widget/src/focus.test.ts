import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ID } from '../test/network.ts';
import { captureShadowRoots, loadWidget, ready } from '../test/page.ts';

let roots: ShadowRoot[];
beforeEach(() => {
  roots = captureShadowRoots();
});

const key = (root: ShadowRoot, k: string) =>
  root.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));

describe('focus', () => {
  it('moves into the panel when a person opens it, and back to the launcher on Escape', async () => {
    loadWidget(DEMO_ID);
    const root = await ready(roots);
    const launcher = root.querySelector<HTMLElement>('.launcher');
    launcher?.focus();
    launcher?.click();
    expect(root.getElementById('cb-panel')?.contains(root.activeElement)).toBe(true);
    key(root, 'Escape');
    expect(root.getElementById('cb-panel')?.hidden).toBe(true);
    expect(root.activeElement).toBe(launcher);
  });

  it('returns focus to the launcher when the close button is used', async () => {
    loadWidget(DEMO_ID);
    const root = await ready(roots);
    root.querySelector<HTMLElement>('.launcher')?.click();
    root.querySelector<HTMLElement>('.x')?.click();
    expect(root.activeElement).toBe(root.querySelector('.launcher'));
  });

  it('does not take focus from the page when the page opens the panel', async () => {
    const input = document.body.appendChild(document.createElement('input'));
    input.focus();
    loadWidget(DEMO_ID);
    const root = await ready(roots);
    window.Callbell?.('open');
    expect(root.getElementById('cb-panel')?.hidden).toBe(false);
    expect(document.activeElement).toBe(input);
    input.remove();
  });
});
