import { describe, expect, it } from 'vitest';
import { channelHref } from './channels.ts';
import { pageAddress, referralLink } from './links.ts';

describe('channelHref', () => {
  it.each([
    [
      { type: 'whatsapp', phone: '+34 600-123 456', text: 'Hola, ¿qué tal? & más' },
      'https://wa.me/34600123456?text=Hola%2C%20%C2%BFqu%C3%A9%20tal%3F%20%26%20m%C3%A1s',
    ],
    [{ type: 'whatsapp', phone: '+44 7700 900123' }, 'https://wa.me/447700900123'],
    [{ type: 'messenger', page: 'callbell.eu' }, 'https://m.me/callbell.eu'],
    [{ type: 'telegram', username: 'callbell_support' }, 'https://t.me/callbell_support'],
    [{ type: 'instagram', username: 'call.bell' }, 'https://ig.me/m/call.bell'],
    [
      { type: 'email', address: 'hello@callbell.eu', subject: 'Order #12' },
      'mailto:hello@callbell.eu?subject=Order%20%2312',
    ],
    [{ type: 'email', address: 'hello@callbell.eu' }, 'mailto:hello@callbell.eu'],
    [{ type: 'phone', number: '(+34) 911 234 567' }, 'tel:+34911234567'],
  ] as const)('%j → %s', (channel, href) => {
    expect(channelHref(channel)).toBe(href);
  });
});

describe('referralLink', () => {
  it('builds the tracked link with only the parameters given', () => {
    expect(referralLink('https://callbell.eu', 'abcd1234', { src: 'widget', w: 'wdg_abcdefgh1234' })).toBe(
      'https://callbell.eu/r/abcd1234?src=widget&w=wdg_abcdefgh1234',
    );
    expect(referralLink('https://callbell.eu/', 'abcd1234')).toBe('https://callbell.eu/r/abcd1234');
  });

  it('encodes a campaign name', () => {
    expect(referralLink('https://callbell.eu', 'abcd1234', { src: 'link', c: 'black friday&x=1' })).toBe(
      'https://callbell.eu/r/abcd1234?src=link&c=black+friday%26x%3D1',
    );
  });
});

describe('pageAddress', () => {
  it('keeps origin and path, never the query or fragment', () => {
    expect(pageAddress('https://shop.example.com/cart?token=secret#pay')).toBe('https://shop.example.com/cart');
  });
  it('reduces a non-web page to its scheme', () => {
    expect(pageAddress('file:///home/me/site/index.html')).toBe('file:');
  });
});
