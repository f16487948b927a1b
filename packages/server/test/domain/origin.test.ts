import { describe, expect, it } from 'vitest';
import { isBot } from '../../src/domain/bots.ts';
import { isDnsLength, isPublicOrigin, splitAddress } from '../../src/domain/origin.ts';

describe('isPublicOrigin', () => {
  it.each([
    ['https://shop.example.com/', true],
    ['http://bakery.co.uk/menu', true],
    ['https://xn--bcher-kva.example.org/', true],
    ['http://localhost:3000/', false],
    ['http://app.localhost/', false],
    ['http://localhost../', false],
    ['https://shop.test../', false],
    ['http://127.0.0.1/', false],
    ['http://10.0.0.8/', false],
    ['http://[::1]/', false],
    ['http://[2001:db8::1]/', false],
    ['http://intranet/', false],
    ['http://shop.local/', false],
    ['https://staging.internal/', false],
    ['https://router.home.arpa/', false],
    ['https://site.test/', false],
    ['http://10.1.1/', false],
    ['http://1.2.3.4./', false],
    ['http://0x7f.1/', false],
    ['http://2130706433/', false],
    ['http://[::ffff:127.0.0.1]/', false],
    ['HTTPS://Shop.Example.COM/', true],
    ['https://SHOP.LOCAL/', false],
    ['https://printer.LAN./', false],
    ['file:///home/me/site.html', false],
    ['chrome-extension://abc/page.html', false],
    ['not a url', false],
  ])('%s → %s', (address, expected) => {
    expect(isPublicOrigin(address)).toBe(expected);
  });

  it('splits an address into a lower-case origin and a path', () => {
    expect(splitAddress('https://Shop.Example.com:8443/A/b')).toEqual({
      origin: 'https://shop.example.com:8443',
      path: '/A/b',
    });
  });
});

describe('isDnsLength', () => {
  const label = (n: number) => 'a'.repeat(n);
  it.each([
    ['shop.example.com', true],
    [`${label(63)}.com`, true],
    [`${label(64)}.com`, false],
    [`shop.${label(64)}`, false],
    [`shop.${label(64)}.com`, false],
    [label(63), true],
    [label(64), false],
    [[label(63), label(63), label(63), label(61)].join('.'), true], // 253 characters
    [[label(63), label(63), label(63), label(62)].join('.'), false], // 254
    ['', true],
    ['a..b', true],
  ])('%s → %s', (host, expected) => {
    expect(isDnsLength(host)).toBe(expected);
  });
});

describe('isBot', () => {
  it.each([
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1', false],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
      false,
    ],
    ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', true],
    ['facebookexternalhit/1.1', true],
    ['WhatsApp/2.23.20.0', true],
    ['curl/8.5.0', true],
    ['python-requests/2.31', true],
    ['Mozilla/5.0 HeadlessChrome/120.0', true],
    ['', true],
  ])('%s → %s', (ua, expected) => {
    expect(isBot(ua)).toBe(expected);
  });
});
