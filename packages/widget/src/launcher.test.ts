import type { WidgetConfig } from '@callbell/protocol';
import { within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import fixtures from '../../../demo/fixtures/widgets.json' with { type: 'json' };
import { DEMO_ID, PAID_ID } from '../test/network.ts';
import { drawLauncher } from './launcher.ts';
import { textOn } from './styles.ts';

const configs = fixtures as Record<string, unknown> as Record<string, WidgetConfig>;
const draw = (id: string, onClick = () => {}) => drawLauncher(document, configs[id] as WidgetConfig, '', onClick);
const box = (root: ShadowRoot) => root.querySelector('.cb') as HTMLElement;

describe('the launcher (plain DOM, before the panel chunk)', () => {
  it('labels itself by its state and ties itself to the panel', () => {
    const { root, draw: show } = draw(DEMO_ID);
    const launcher = within(box(root)).getByRole('button', { name: 'Open chat' });
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(launcher.getAttribute('aria-controls')).toBe('cb-panel');
    show(true);
    expect(launcher.getAttribute('aria-label')).toBe('Close chat');
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
  });

  it('uses the visible label as its name when there is one, on the side the owner chose', () => {
    const { root } = draw(PAID_ID);
    const launcher = within(box(root)).getByRole('button', { name: 'Chat with us' });
    expect(launcher.getAttribute('aria-label')).toBeNull();
    expect(launcher.className).toBe('launcher wide');
    expect(box(root).className).toBe('cb left');
  });

  it('sets the brand colour and the text colour that reads on it', () => {
    const { root } = draw(PAID_ID);
    const color = (configs[PAID_ID] as WidgetConfig).appearance.color;
    expect(box(root).style.getPropertyValue('--cb-color')).toBe(color);
    expect(box(root).style.getPropertyValue('--cb-on')).toBe(textOn(color));
  });

  it('sits at the end of the body in a closed shadow root, and reports clicks', () => {
    const onClick = vi.fn();
    const { host, root } = draw(DEMO_ID, onClick);
    expect(document.body.lastElementChild).toBe(host);
    expect(host.shadowRoot).toBeNull();
    expect(host.style.getPropertyValue('position')).toBe('fixed'); // and !important: widget.spec.ts
    root.querySelector<HTMLElement>('.launcher')?.click();
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});

describe('textOn', () => {
  it.each([
    ['#1b6ef3', '#fff'],
    ['#000000', '#fff'],
    ['#fde047', '#111827'],
    ['#ffffff', '#111827'],
  ])('%s gets %s text', (background, text) => {
    expect(textOn(background)).toBe(text);
  });
});
