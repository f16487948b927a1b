import { describe, expect, it } from 'vitest';
import { evidenceNetworks } from '../../src/domain/network.ts';
import { embeddedIPv4, isLocalAddress, isPublicAddress } from '../../src/domain/public-address.ts';

describe('isPublicAddress', () => {
  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '2606:4700:4700::1111',
    '2a00:1450:4001:82b::200e',
    '::ffff:93.184.216.34',
    '[2606:4700:4700::1111]',
  ])('lets %s through', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    ['loopback', '127.0.0.1'],
    ['loopback, elsewhere in 127/8', '127.1.2.3'],
    ['private 10/8', '10.0.0.5'],
    ['private 172.16/12', '172.31.255.1'],
    ['private 192.168/16', '192.168.1.1'],
    ['shared (CGNAT)', '100.64.0.1'],
    ['link-local, cloud metadata', '169.254.169.254'],
    ['this network', '0.0.0.0'],
    ['documentation', '192.0.2.10'],
    ['documentation', '198.51.100.7'],
    ['documentation', '203.0.113.7'],
    ['benchmarking', '198.18.0.1'],
    ['multicast', '224.0.0.1'],
    ['reserved', '240.0.0.1'],
    ['broadcast', '255.255.255.255'],
    ['IPv6 loopback', '::1'],
    ['IPv6 loopback, bracketed', '[::1]'],
    ['IPv6 unspecified', '::'],
    ['unique local', 'fd12:3456:789a::1'],
    ['link-local', 'fe80::1'],
    ['link-local with a zone', 'fe80::1%eth0'],
    ['site-local', 'fec0::1'],
    ['multicast', 'ff02::1'],
    ['documentation', '2001:db8::1'],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
    ['IPv4-mapped loopback, in hex', '::ffff:7f00:1'],
    ['IPv4-mapped private', '::ffff:10.0.0.1'],
    ['IPv4-mapped metadata', '::ffff:169.254.169.254'],
    ['IPv4-compatible loopback', '::127.0.0.1'],
    ['NAT64 of a private address', '64:ff9b::10.0.0.1'],
    ['6to4 of a private address', '2002:c0a8:0101::1'],
    ['Teredo', '2001:0:4136:e378::1'],
    ['not an address', 'localhost'],
    ['nothing', ''],
  ])('refuses %s (%s)', (_kind, address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it('lets loopback through only when allowed, and nothing else private', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect(isPublicAddress(address, { allowLoopback: true })).toBe(true);
    }
    for (const address of ['10.0.0.1', '169.254.169.254', 'fd00::1', '::ffff:192.168.0.1']) {
      expect(isPublicAddress(address, { allowLoopback: true })).toBe(false);
    }
  });

  it('reads the IPv4 address an IPv6 one carries', () => {
    expect(embeddedIPv4('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(embeddedIPv4('::ffff:cb00:7107')).toBe('203.0.113.7');
    expect(embeddedIPv4('64:ff9b::cb00:7107')).toBe('203.0.113.7');
    expect(embeddedIPv4('2002:cb00:7107::1')).toBe('203.0.113.7');
    expect(embeddedIPv4('2606:4700:4700::1111')).toBeNull();
    expect(embeddedIPv4('::1')).toBeNull();
  });
});

describe('isLocalAddress', () => {
  it('is true of addresses no internet client has, and false of the rest', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '192.168.0.9',
      '172.20.0.1',
      '100.64.1.1',
      '::1',
      'fd00::1',
      'fe80::2',
      '::ffff:127.0.0.1',
    ]) {
      expect(isLocalAddress(a), a).toBe(true);
    }
    for (const a of ['203.0.113.7', '198.51.100.1', '8.8.8.8', '2001:db8::1', '2606:4700::1', '::ffff:8.8.8.8']) {
      expect(isLocalAddress(a), a).toBe(false);
    }
  });
});

describe('evidenceNetworks', () => {
  const hash = (n: string) => `h(${n})`;
  it('keeps an IPv4 address (mapped or not) as itself, an IPv6 one as its /64 and /48, hashed', () => {
    expect(evidenceNetworks('203.0.113.7', hash)).toEqual({
      network: 'h(203.0.113.7)',
      wide: 'h(203.0.113.7)',
      family: 'ipv4',
    });
    expect(evidenceNetworks('::ffff:203.0.113.7', hash)).toEqual(evidenceNetworks('203.0.113.7', hash));
    expect(evidenceNetworks('2001:db8:1:2::7', hash)).toEqual({
      network: 'h(2001:db8:1:2::/64)',
      wide: 'h(2001:db8:1::/48)',
      family: 'ipv6',
    });
    expect(evidenceNetworks('2001:db8:1:2:aaaa::9', hash)?.network).toBe(
      evidenceNetworks('2001:db8:1:2::7', hash)?.network,
    );
  });

  it('is nothing for a local address or no address at all', () => {
    for (const a of ['127.0.0.1', '::1', '10.0.0.1', 'not an address', ''])
      expect(evidenceNetworks(a, hash)).toBeNull();
  });
});
