import type { WidgetConfig } from '@callbell/protocol';
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import fixtures from '../../../../demo/fixtures/widgets.json' with { type: 'json' };
import { DEMO_ID } from '../../test/network.ts';
import { textOn } from '../styles.ts';
import { App } from './App.tsx';

const config = fixtures[DEMO_ID] as WidgetConfig;

function renderApp(overrides: Partial<WidgetConfig> = {}, open = true) {
  const onClose = vi.fn();
  const onToggle = vi.fn();
  render(<App config={{ ...config, ...overrides }} open={open} panel={open} onClose={onClose} onToggle={onToggle} />);
  return { onClose, onToggle };
}

describe('<App>', () => {
  it('labels the launcher by its state and ties it to the panel', () => {
    renderApp({}, false);
    const launcher = screen.getByRole('button', { name: 'Open chat' });
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(launcher.getAttribute('aria-controls')).toBe('cb-panel');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('names the dialog after the agent and describes it with the greeting', () => {
    renderApp();
    const dialog = screen.getByRole('dialog', { name: 'Lucía from Callbell' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(screen.getByText(/How can we help/).id).toBe(dialog.getAttribute('aria-describedby'));
  });

  it('uses the visible label as the launcher name when there is one', () => {
    renderApp({ appearance: { ...config.appearance, label: 'Chat with us' } }, false);
    expect(screen.getByRole('button', { name: 'Chat with us' }).getAttribute('aria-label')).toBeNull();
  });

  it('opens web channels in a new tab without a referrer, and mail and phone in place', () => {
    renderApp();
    const whatsapp = screen.getByRole('link', { name: 'WhatsApp' });
    expect([whatsapp.getAttribute('target'), whatsapp.getAttribute('rel')]).toEqual(['_blank', 'noopener noreferrer']);
    const phone = screen.getByRole('link', { name: 'Phone' });
    expect([phone.getAttribute('target'), phone.getAttribute('rel')]).toEqual([null, null]);
  });

  it('shows the avatar image when the config has one, with an empty alt (the name is beside it)', () => {
    renderApp({ agent: { name: 'Ana', avatarUrl: 'https://cdn.example.com/ana.png' } });
    const img = document.querySelector('img.avatar');
    expect(img?.getAttribute('src')).toBe('https://cdn.example.com/ana.png');
    expect(img?.getAttribute('alt')).toBe('');
  });

  it('keeps Tab and Shift+Tab inside the open panel', () => {
    renderApp();
    const dialog = screen.getByRole('dialog');
    const close = within(dialog).getByRole('button', { name: 'Close chat' });
    const footer = screen.getByRole('link', { name: '⚡ by Callbell' });
    footer.focus();
    fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(footer);
    screen.getByRole('link', { name: 'Telegram' }).focus();
    expect(fireEvent.keyDown(dialog, { key: 'Tab' })).toBe(true); // not the last: the browser moves on
  });

  it('closes on Escape', () => {
    const { onClose } = renderApp();
    fireEvent.keyDown(screen.getByRole('link', { name: 'Telegram' }), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});

describe('textOn', () => {
  it.each([
    ['#1b6ef3', '#ffffff'],
    ['#000000', '#ffffff'],
    ['#fde047', '#111827'],
    ['#ffffff', '#111827'],
  ])('%s gets %s text', (background, text) => {
    expect(textOn(background)).toBe(text);
  });
});
