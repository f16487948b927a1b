import type { Channel, ChannelType } from './types.ts';

/** What each field of a channel must look like; shared by the validators and the JSON Schemas. */
export const CHANNEL_PATTERNS = {
  /** 6 to 15 digits (E.164's limit), with a plus, spaces, dots, dashes or brackets anywhere. */
  phone: '^(?=(?:\\D*\\d){6,15}\\D*$)[0-9 ()+.-]+$',
  messengerPage: '^[A-Za-z0-9.]{5,50}$',
  telegramUser: '^[A-Za-z][A-Za-z0-9_]{4,31}$',
  instagramUser: '^[A-Za-z0-9._]{1,30}$',
  email: '^[^\\s@<>()",;:]+@[^\\s@<>()",;:]+\\.[^\\s@<>()",;:]+$',
} as const;

/** Human names of the channels, for buttons and aria labels. */
export const CHANNEL_NAMES: Record<ChannelType, string> = {
  whatsapp: 'WhatsApp',
  messenger: 'Messenger',
  telegram: 'Telegram',
  instagram: 'Instagram',
  email: 'E-mail',
  phone: 'Phone',
};

const digits = (s: string) => s.replace(/\D/g, '');

/**
 * The deep link that starts a conversation on a channel: wa.me with pre-filled text, m.me,
 * t.me, ig.me, mailto: and tel:. Every user-supplied part is encoded.
 */
export function channelHref(channel: Channel): string {
  const enc = encodeURIComponent;
  switch (channel.type) {
    case 'whatsapp':
      return `https://wa.me/${digits(channel.phone)}${channel.text ? `?text=${enc(channel.text)}` : ''}`;
    case 'messenger':
      return `https://m.me/${enc(channel.page)}`;
    case 'telegram':
      return `https://t.me/${enc(channel.username)}`;
    case 'instagram':
      return `https://ig.me/m/${enc(channel.username)}`;
    case 'email':
      return `mailto:${channel.address}${channel.subject ? `?subject=${enc(channel.subject)}` : ''}`;
    case 'phone':
      return `tel:+${digits(channel.number)}`;
  }
}
