import type { WidgetConfig } from '@callbell/protocol';
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import fixtures from '../../../../demo/fixtures/widgets.json' with { type: 'json' };
import { DEMO_ID } from '../../test/network.ts';
import { Panel } from './Panel.tsx';

const config = fixtures[DEMO_ID] as WidgetConfig;

function renderPanel(overrides: Partial<WidgetConfig> = {}, open = true) {
  const onClose = vi.fn();
  render(<Panel config={{ ...config, ...overrides }} open={open} onClose={onClose} />);
  return { onClose };
}

describe('<Panel>', () => {
  it('is hidden while closed', () => {
    renderPanel({}, false);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.getElementById('cb-panel')?.hidden).toBe(true);
  });

  it('names the dialog after the agent and describes it with the greeting', () => {
    renderPanel();
    const dialog = screen.getByRole('dialog', { name: 'Lucía from Callbell' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(screen.getByText(/How can we help/).id).toBe(dialog.getAttribute('aria-describedby'));
  });

  it('opens web channels in a new tab without a referrer, and mail and phone in place', () => {
    renderPanel();
    const whatsapp = screen.getByRole('link', { name: 'WhatsApp' });
    expect([whatsapp.getAttribute('target'), whatsapp.getAttribute('rel')]).toEqual(['_blank', 'noopener noreferrer']);
    const phone = screen.getByRole('link', { name: 'Phone' });
    expect([phone.getAttribute('target'), phone.getAttribute('rel')]).toEqual([null, null]);
  });

  it('shows the avatar image when the config has one, with an empty alt (the name is beside it)', () => {
    renderPanel({ agent: { name: 'Ana', avatarUrl: 'https://cdn.example.com/ana.png' } });
    const img = document.querySelector('img.avatar');
    expect(img?.getAttribute('src')).toBe('https://cdn.example.com/ana.png');
    expect(img?.getAttribute('alt')).toBe('');
  });

  it('shows the initial instead of an avatar whose address is not http(s)', () => {
    renderPanel({ agent: { name: 'ana', avatarUrl: 'javascript:alert(1)' } });
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('.avatar')?.textContent).toBe('A');
  });

  it('leaves out channels of a type this version does not know', () => {
    const future = { type: 'carrier-pigeon', loft: 'north' } as unknown as WidgetConfig['channels'][number];
    renderPanel({ channels: [future, ...config.channels] });
    expect(screen.getAllByRole('link')).toHaveLength(config.channels.length + 1); // and the footer
  });

  it('keeps Tab and Shift+Tab inside the open panel', () => {
    renderPanel();
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
    const { onClose } = renderPanel();
    fireEvent.keyDown(screen.getByRole('link', { name: 'Telegram' }), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
