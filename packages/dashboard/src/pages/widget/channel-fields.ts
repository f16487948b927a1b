import { type Channel, type ChannelType, LIMITS } from '@callbell/protocol';

/** One input of a channel: what it is called, how it is filled in, and an example. */
export interface ChannelField {
  name: string;
  label: string;
  hint: string;
  optional?: boolean;
  maxLength: number;
  type?: 'text' | 'tel' | 'email';
  /** Long optional text is a textarea. */
  multiline?: boolean;
  autocomplete?: string;
}

const PHONE_HINT = 'With the country code, e.g. +34 612 345 678';

/** The inputs of each channel type, in the order the protocol validates them. */
export const CHANNEL_FIELDS: Record<ChannelType, readonly ChannelField[]> = {
  whatsapp: [
    { name: 'phone', label: 'WhatsApp number', hint: PHONE_HINT, maxLength: 32, type: 'tel', autocomplete: 'tel' },
    {
      name: 'text',
      label: 'First message (optional)',
      hint: 'Typed in for the visitor, who can change it, e.g. "Hi! I have a question about my order"',
      optional: true,
      maxLength: LIMITS.channelText,
      multiline: true,
    },
  ],
  messenger: [
    {
      name: 'page',
      label: 'Facebook page name',
      hint: 'The end of your page’s address: for facebook.com/acme.shop, enter acme.shop',
      maxLength: 50,
    },
  ],
  telegram: [{ name: 'username', label: 'Telegram username', hint: 'Without the @, e.g. acme_support', maxLength: 33 }],
  instagram: [{ name: 'username', label: 'Instagram username', hint: 'Without the @, e.g. acme.shop', maxLength: 31 }],
  email: [
    {
      name: 'address',
      label: 'E-mail address',
      hint: 'e.g. hello@acme.shop',
      maxLength: 254,
      type: 'email',
      autocomplete: 'email',
    },
    {
      name: 'subject',
      label: 'Subject (optional)',
      hint: 'Filled in for the visitor, e.g. "Question from the website"',
      optional: true,
      maxLength: LIMITS.channelText,
    },
  ],
  phone: [{ name: 'number', label: 'Phone number', hint: PHONE_HINT, maxLength: 32, type: 'tel', autocomplete: 'tel' }],
};

/** What each channel does, for the "add" buttons' descriptions. */
export const CHANNEL_PURPOSE: Record<ChannelType, string> = {
  whatsapp: 'opens a WhatsApp chat with you',
  messenger: 'opens your Facebook page in Messenger',
  telegram: 'opens a Telegram chat with you',
  instagram: 'opens an Instagram direct message to you',
  email: 'starts an e-mail to you',
  phone: 'calls you',
};

/** A channel being edited: its inputs as typed, and a key that survives reordering. */
export interface ChannelDraft {
  key: string;
  type: ChannelType;
  values: Record<string, string>;
}

/** The inputs of a stored channel. */
export function channelDraftOf(channel: Channel, key: string): ChannelDraft {
  const values: Record<string, string> = {};
  for (const field of CHANNEL_FIELDS[channel.type]) {
    const v = (channel as unknown as Record<string, unknown>)[field.name];
    values[field.name] = typeof v === 'string' ? v : '';
  }
  return { key, type: channel.type, values };
}

/**
 * The channel the inputs describe, as the server will store it: values trimmed, a username's
 * leading @ dropped (people type it), empty optional fields left out.
 */
export function channelOf(draft: ChannelDraft): Channel {
  const v = (name: string) => (draft.values[name] ?? '').trim();
  const user = (name: string) => v(name).replace(/^@/, '');
  switch (draft.type) {
    case 'whatsapp':
      return { type: 'whatsapp', phone: v('phone'), ...(v('text') ? { text: v('text') } : {}) };
    case 'messenger':
      return { type: 'messenger', page: v('page') };
    case 'telegram':
      return { type: 'telegram', username: user('username') };
    case 'instagram':
      return { type: 'instagram', username: user('username') };
    case 'email':
      return { type: 'email', address: v('address'), ...(v('subject') ? { subject: v('subject') } : {}) };
    case 'phone':
      return { type: 'phone', number: v('number') };
  }
}

/** What a format error on a channel's field means, in words with an example. */
export function channelFormatHelp(type: ChannelType, field: string): string | null {
  if (field === 'phone' || field === 'number') {
    return 'Enter 6 to 15 digits with the country code, e.g. +34 612 345 678';
  }
  if (type === 'messenger' && field === 'page') return 'Use 5 to 50 letters, digits or dots, e.g. acme.shop';
  if (type === 'telegram' && field === 'username') {
    return 'Use 5 to 32 letters, digits or _, starting with a letter, e.g. acme_support';
  }
  if (type === 'instagram' && field === 'username') return 'Use up to 30 letters, digits, dots or _, e.g. acme.shop';
  if (type === 'email' && field === 'address') return 'Enter an e-mail address such as hello@acme.shop';
  return null;
}
