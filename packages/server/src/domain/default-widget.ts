import type { WidgetConfig } from '@callbell/protocol';

/** The settings a new account's first widget starts with; the owner adds channels next. */
export const DEFAULT_WIDGET_SETTINGS: Pick<WidgetConfig, 'greeting' | 'agent' | 'appearance' | 'channels'> = {
  greeting: 'Hi there! How can we help?',
  agent: { name: 'Support', avatarUrl: null },
  appearance: { position: 'right', color: '#1b6ef3', label: null },
  channels: [],
};
